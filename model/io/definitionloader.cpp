#include "model/io/definitionloader.h"

#include "model/io/yamlconvert.h"
#include "model/validation/diagnosticcodes.h"

#include <fstream>
#include <sstream>

namespace Stepwise::Model {

namespace {

CheckedDefinition unreadable(CheckedDefinition checked, std::string_view code, const Error &error)
{
    Diagnostic diagnostic;
    diagnostic.code = std::string(code);
    diagnostic.message = error.message;
    diagnostic.location = error.location;
    diagnostic.location.file.clear();
    checked.readable = false;
    checked.diagnostics.push_back(std::move(diagnostic));
    return checked;
}

} // namespace

Result<ParsedJson> readDefinitionText(std::string_view text, FileFormat format)
{
    if (format == FileFormat::Yaml)
        return readYaml(text);
    return readJson(text);
}

CheckedDefinition checkDefinitionText(std::string_view text, FileFormat format,
                                      const ValidationOptions &options, const std::string &file)
{
    CheckedDefinition checked;
    checked.file = file;
    checked.format = format;
    Result<ParsedJson> parsed = readDefinitionText(text, format);
    if (!parsed) {
        return unreadable(std::move(checked),
                          format == FileFormat::Yaml ? DiagnosticCode::YamlSyntax
                                                     : DiagnosticCode::JsonSyntax,
                          parsed.error());
    }
    checked.readable = true;
    checked.parsed = std::move(*parsed);
    ValidationOptions withSource = options;
    withSource.sourceMap = &checked.parsed.sourceMap;
    withSource.duplicateKeys = &checked.parsed.duplicateKeys;
    checked.diagnostics = validateDefinition(checked.parsed.value, withSource);
    return checked;
}

CheckedDefinition checkDefinitionFile(const std::string &path, const ValidationOptions &options)
{
    const FileFormat format = formatForPath(QString::fromStdString(path));
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        CheckedDefinition checked;
        checked.file = path;
        checked.format = format;
        Error error;
        error.message = "cannot open the file";
        return unreadable(std::move(checked), DiagnosticCode::FileUnreadable, error);
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return checkDefinitionText(buffer.str(), format, options, path);
}

std::string formatDiagnostic(const std::string &file, const Diagnostic &diagnostic)
{
    std::string where = file;
    if (diagnostic.location.line > 0) {
        where += ":" + std::to_string(diagnostic.location.line) + ":"
                 + std::to_string(diagnostic.location.column);
    }
    const std::string pointer
        = diagnostic.location.pointer.empty() ? "" : " [" + diagnostic.location.pointer + "]";
    return where + ": " + toString(diagnostic.severity) + " " + diagnostic.code + ": "
           + diagnostic.message + pointer;
}

} // namespace Stepwise::Model
