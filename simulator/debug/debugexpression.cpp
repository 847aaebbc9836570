#include "simulator/debug/debugexpression.h"

#include "simulator/expr/intrinsics.h"
#include "simulator/expr/jsonpath.h"

#include <random>

namespace Stepwise::Sim {

using Model::Error;
using Model::Json;

namespace {

Error failed(std::string message)
{
    Error error;
    error.message = std::move(message);
    return error;
}

std::string trimmed(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

Model::Result<Json> evaluateDebugExpression(const std::string &expression, const StateVisit &visit,
                                            const std::string &stage)
{
    const std::string text = trimmed(expression);
    if (text.empty())
        return failed("enter a JSONPath such as $.key or an intrinsic such as "
                      "States.Format('{}', $.key)");
    auto stageValue = visit.data.find(stage);
    if (stageValue == visit.data.end())
        return failed("the state '" + visit.stateName + "' has no stage '" + stage
                      + "' in this visit");
    // Variables after the state once it has left, else as it saw them on entry.
    Json variables = Json::object();
    if (auto after = visit.data.find("variablesAfter"); after != visit.data.end())
        variables = *after;
    else if (auto entry = visit.data.find("variables"); entry != visit.data.end())
        variables = *entry;
    // Intrinsics that draw random numbers (States.UUID, States.MathRandom) get a fixed seed:
    // the console evaluates, it does not change the run.
    std::mt19937_64 random(0);
    ExpressionContext context;
    context.input = &*stageValue;
    context.context = &visit.context;
    context.variables = &variables;
    context.random = &random;

    if (IntrinsicCall::looksLikeCall(text)) {
        auto call = IntrinsicCall::parse(text);
        if (!call)
            return call.error();
        auto value = call->evaluate(context);
        if (!value)
            return failed(value.failure().error + ": " + value.failure().cause);
        return value.value();
    }
    if (text[0] != '$')
        return failed("an expression starts with $ (a JSONPath) or States. (an intrinsic)");
    auto path = JsonPath::parse(text);
    if (!path)
        return path.error();
    auto value = path->evaluate(context);
    if (!value)
        return failed(value.failure().error + ": " + value.failure().cause);
    return value.value();
}

} // namespace Stepwise::Sim
