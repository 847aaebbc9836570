// ValidateStateMachineDefinition: the validator's diagnostics in AWS's shape.
#include "simulator/api/requestreader.h"
#include "simulator/api/service.h"

#include "model/json/jsonreader.h"
#include "model/validation/validator.h"
#include "simulator/expr/expressionsyntaxchecker.h"

namespace Stepwise::Api {

using Model::Json;

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
        problems += d.code + ": " + d.message;
        if (!d.location.pointer.empty())
            problems += " at " + d.location.pointer;
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
