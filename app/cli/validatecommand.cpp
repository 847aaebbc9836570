#include "app/cli/commands.h"

#include "model/io/documentio.h"
#include "model/io/yamlconvert.h"
#include "model/json/json.h"
#include "model/json/jsonreader.h"
#include "model/validation/diagnosticcodes.h"
#include "model/validation/validator.h"
#include "simulator/expr/expressionsyntaxchecker.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace Stepwise::App {

namespace {

enum class Format { Text, Json };

// What validating one file produced.
struct FileReport
{
    std::string file;
    bool readable = true;
    std::vector<Model::Diagnostic> diagnostics;
};

FileReport validateFile(const std::string &file, Model::StateMachineType type)
{
    FileReport report{file, true, {}};
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        report.readable = false;
        Model::Diagnostic diagnostic;
        diagnostic.code = "FILE_UNREADABLE";
        diagnostic.message = "cannot open the file";
        report.diagnostics.push_back(diagnostic);
        return report;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    // The simulator's parsers check paths and intrinsic calls as AWS does.
    static const std::unique_ptr<Model::ExpressionSyntax> expressions
        = Sim::makeExpressionSyntaxChecker();
    Model::ValidationOptions options;
    options.type = type;
    options.expressions = expressions.get();
    if (Model::formatForPath(QString::fromStdString(file)) == Model::FileFormat::Yaml) {
        // YAML carries no source map: diagnostics name the JSON pointer only.
        auto converted = Model::yamlToJson(buffer.str());
        if (!converted.ok()) {
            report.readable = false;
            Model::Diagnostic diagnostic;
            diagnostic.code = "YAML_SYNTAX";
            diagnostic.message = converted.error().message;
            diagnostic.location = converted.error().location;
            report.diagnostics.push_back(diagnostic);
            return report;
        }
        report.diagnostics = Model::validateDefinition(*converted, options);
        return report;
    }
    auto parsed = Model::readJson(buffer.str());
    if (!parsed.ok()) {
        report.readable = false;
        Model::Diagnostic diagnostic;
        diagnostic.code = std::string(Model::DiagnosticCode::JsonSyntax);
        diagnostic.message = parsed.error().message;
        diagnostic.location = parsed.error().location;
        report.diagnostics.push_back(diagnostic);
        return report;
    }
    options.sourceMap = &parsed->sourceMap;
    options.duplicateKeys = &parsed->duplicateKeys;
    report.diagnostics = Model::validateDefinition(parsed->value, options);
    return report;
}

void printText(const FileReport &report)
{
    for (const Model::Diagnostic &d : report.diagnostics) {
        std::string where = report.file;
        if (d.location.line > 0)
            where
                += ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column);
        std::string pointer = d.location.pointer.empty() ? "" : " [" + d.location.pointer + "]";
        std::printf("%s: %s %s: %s%s\n", where.c_str(), Model::toString(d.severity), d.code.c_str(),
                    d.message.c_str(), pointer.c_str());
    }
}

void printJson(const FileReport &report)
{
    Model::Json out = Model::Json::object();
    out["file"] = report.file;
    out["valid"] = report.readable && !Model::hasErrors(report.diagnostics);
    out["diagnostics"] = Model::Json::array();
    for (const Model::Diagnostic &d : report.diagnostics) {
        Model::Json item = Model::Json::object();
        item["code"] = d.code;
        item["severity"] = Model::toString(d.severity);
        item["message"] = d.message;
        item["pointer"] = d.location.pointer;
        item["line"] = d.location.line;
        item["column"] = d.location.column;
        out["diagnostics"].push_back(item);
    }
    // Invalid UTF-8 in a message (from the file's own text) is replaced, not thrown.
    std::string text = out.dump(-1, ' ', false, Model::Json::error_handler_t::replace);
    std::printf("%s\n", text.c_str());
}

int usage()
{
    std::fprintf(stderr,
                 "usage: stepwise-cli validate [--format text|json] [--type standard|express] "
                 "FILE...\n");
    return 2;
}

} // namespace

// validate FILE...: exit 0 when every file is valid (warnings allowed), 1 when any is
// invalid, 2 when any cannot be read or parsed.
int runValidateCommand(const Arguments &args)
{
    Format format = Format::Text;
    Model::StateMachineType type = Model::StateMachineType::Standard;
    std::vector<std::string> files;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--format" || arg == "--type") {
            if (i + 1 >= args.size())
                return usage();
            const std::string &value = args[++i];
            if (arg == "--format" && (value == "text" || value == "json"))
                format = value == "json" ? Format::Json : Format::Text;
            else if (arg == "--type" && (value == "standard" || value == "express"))
                type = value == "express" ? Model::StateMachineType::Express
                                          : Model::StateMachineType::Standard;
            else
                return usage();
        } else if (arg.size() > 1 && arg[0] == '-') {
            std::fprintf(stderr, "validate: unknown option %s\n", arg.c_str());
            return usage();
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty())
        return usage();

    int status = 0;
    for (const std::string &file : files) {
        FileReport report = validateFile(file, type);
        if (format == Format::Json)
            printJson(report);
        else
            printText(report);
        if (!report.readable)
            status = 2;
        else if (Model::hasErrors(report.diagnostics) && status == 0)
            status = 1;
    }
    return status;
}

} // namespace Stepwise::App
