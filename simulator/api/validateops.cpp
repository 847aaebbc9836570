// ValidateStateMachineDefinition: the validator's diagnostics in AWS's shape.
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include "model/json/jsonreader.h"
#include "model/validation/validator.h"
#include "simulator/expr/expressionsyntaxchecker.h"

namespace Stepwise::Api {

using Model::Json;

namespace {

bool endsWith(const std::string &text, const std::string &tail)
{
    return text.size() >= tail.size()
           && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// One problem as InvalidDefinition words it: "CODE: message at /pointer", in AWS's schema
// wording where AWS's schema check is what finds it.
std::string awsProblem(const Model::Diagnostic &d)
{
    std::string code = d.code;
    std::string message = d.message;
    const std::string &pointer = d.location.pointer;
    if (code == "STATE_TYPE_UNKNOWN") {
        code = "SCHEMA_VALIDATION_FAILED";
        message = "The field 'Type' should have one of these values: "
                  "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]";
    } else if (code == "FIELD_RANGE" && endsWith(pointer, "/Branches")) {
        code = "SCHEMA_VALIDATION_FAILED";
        message = "Value cannot be empty";
    }
    return code + ": " + message + (pointer.empty() ? "" : " at " + pointer);
}

} // namespace

std::vector<Model::Diagnostic> Service::diagnose(const std::string &definition,
                                                 const std::string &type) const
{
    auto parsed = Model::readJson(definition);
    if (!parsed) {
        Model::Diagnostic d;
        d.code = "INVALID_JSON_DESCRIPTION";
        d.message = parsed.error().message;
        return {d};
    }
    static const std::unique_ptr<Model::ExpressionSyntax> expressions
        = Sim::makeExpressionSyntaxChecker();
    Model::ValidationOptions options;
    options.expressions = expressions.get();
    options.sourceMap = &parsed->sourceMap;
    options.duplicateKeys = &parsed->duplicateKeys;
    options.type
        = type == "EXPRESS" ? Model::StateMachineType::Express : Model::StateMachineType::Standard;
    return Model::validateDefinition(parsed->value, options);
}

std::optional<ApiError> Service::checkDefinition(const std::string &definition,
                                                 const std::string &type) const
{
    std::string problems;
    int count = 0;
    for (const Model::Diagnostic &d : diagnose(definition, type)) {
        if (d.severity != Model::Severity::Error)
            continue;
        if (count++ > 0)
            problems += ", ";
        problems += awsProblem(d);
    }
    if (count == 0)
        return std::nullopt;
    return ApiError{"InvalidDefinition", "Invalid State Machine Definition: '" + problems + "'"};
}

ApiReply Service::validateStateMachineDefinition(const Json &input)
{
    RequestReader reader(input);
    const std::string definition = reader.string("definition", true, 1, 1048576);
    std::string type = reader.enumeration("type", "STANDARD|EXPRESS");
    std::string severity = reader.enumeration("severity", "ERROR|WARNING");
    const std::int64_t maxResults = reader.integer("maxResults", 0, 100).value_or(0);
    if (reader.error())
        return *reader.error();
    if (severity.empty())
        severity = "ERROR";
    const std::size_t limit = maxResults > 0 ? std::size_t(maxResults) : 100;
    Json diagnostics = Json::array();
    bool failed = false;
    bool truncated = false;
    for (const Model::Diagnostic &d : diagnose(definition, type)) {
        const bool error = d.severity == Model::Severity::Error;
        failed = failed || error;
        if (!error && severity != "WARNING")
            continue;
        if (!error && d.severity != Model::Severity::Warning)
            continue;
        if (diagnostics.size() >= limit) {
            truncated = true;
            continue;
        }
        Json item
            = {{"severity", error ? "ERROR" : "WARNING"}, {"code", d.code}, {"message", d.message}};
        if (!d.location.pointer.empty())
            item["location"] = d.location.pointer;
        diagnostics.push_back(std::move(item));
    }
    return Json{
        {"result", failed ? "FAIL" : "OK"}, {"diagnostics", diagnostics}, {"truncated", truncated}};
}

} // namespace Stepwise::Api
