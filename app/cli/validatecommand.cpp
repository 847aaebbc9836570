#include "app/cli/commands.h"

#include "app/common/definitioncheck.h"
#include "model/json/json.h"

#include <cstdio>

namespace Stepwise::App {

namespace {

enum class Format { Text, Json };

using FileReport = Model::CheckedDefinition;

void printText(const FileReport &report)
{
    for (const Model::Diagnostic &d : report.diagnostics)
        std::printf("%s\n", Model::formatDiagnostic(report.file, d).c_str());
}

void printJson(const FileReport &report)
{
    Model::Json out = Model::Json::object();
    out["file"] = report.file;
    out["valid"] = report.valid();
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
        FileReport report = checkDefinitionFile(file, type);
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
