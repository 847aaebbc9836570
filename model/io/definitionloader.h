#pragma once

#include "model/io/documentio.h"
#include "model/json/jsonreader.h"
#include "model/validation/diagnostic.h"
#include "model/validation/validator.h"

#include <string>
#include <string_view>
#include <vector>

namespace Stepwise::Model {

// A definition read and checked as AWS would check it. `stepwise-cli validate` prints these
// diagnostics, `stepwise-cli run` refuses what they call an error, and the designer shows them
// on opening: one reader (JSON or YAML by the file name, duplicate keys, source positions,
// the amplification limits) and one validator for all three.
struct CheckedDefinition
{
    std::string file;
    FileFormat format = FileFormat::Json;
    // False when the file could not be read or parsed; the one diagnostic says why.
    bool readable = false;
    // The value with its source map and duplicate keys (YAML too).
    ParsedJson parsed;
    std::vector<Diagnostic> diagnostics;

    bool valid() const { return readable && !hasErrors(diagnostics); }
};

// Reads a definition's text: the JSON reader, or YAML within YamlLimits.
Result<ParsedJson> readDefinitionText(std::string_view text, FileFormat format);

// Reads and validates. `options` gives the machine type and the expression checker; the
// source map and duplicate keys come from the text.
CheckedDefinition checkDefinitionText(std::string_view text, FileFormat format,
                                      const ValidationOptions &options,
                                      const std::string &file = {});
// The same for a file; the format comes from its name (formatForPath).
CheckedDefinition checkDefinitionFile(const std::string &path, const ValidationOptions &options);

// One diagnostic as one line of text, as `validate` prints it:
// "file:line:column: error CODE: message [/json/pointer]".
std::string formatDiagnostic(const std::string &file, const Diagnostic &diagnostic);

} // namespace Stepwise::Model
