#include "simulator/api/mockedoperation.h"

#include <vector>

namespace Stepwise::Api {

namespace {

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

std::string operationName(std::string action)
{
    if (!action.empty() && action[0] >= 'a' && action[0] <= 'z')
        action[0] = char(action[0] - 'a' + 'A');
    return action;
}

} // namespace

std::optional<MockedOperation> mockedOperation(const std::string &resource)
{
    // arn:PARTITION:states:::INTEGRATION
    const std::vector<std::string> parts = split(resource, ':');
    if (parts.size() < 7 || parts.size() > 8 || parts[0] != "arn" || parts[2] != "states"
        || !parts[3].empty() || !parts[4].empty())
        return std::nullopt;
    if (parts[5] == "aws-sdk") {
        if (parts.size() != 8 || parts[6].empty() || parts[7].empty()
            || parts[7].find('.') != std::string::npos)
            return std::nullopt; // .waitForTaskToken: the callback's output, not the API's
        return MockedOperation{parts[6], operationName(parts[7]), {}};
    }
    const std::string &service = parts[5];
    std::string action = parts[6];
    std::string pattern;
    if (const auto dot = action.find('.'); dot != std::string::npos) {
        pattern = action.substr(dot + 1);
        action.erase(dot);
    }
    if (parts.size() == 8)
        pattern += ":" + parts[7]; // .sync:2
    if (service == "http" || service == "apigateway" || action.empty())
        return std::nullopt; // no AWS API model describes these results
    if (service == "states" && action == "startExecution") {
        // .sync waits for the child and answers DescribeExecution; .sync:2 gives its Output
        // as JSON.
        if (pattern.empty())
            return MockedOperation{"stepfunctions", "StartExecution", {}};
        if (pattern == "sync")
            return MockedOperation{"stepfunctions", "DescribeExecution", {}};
        if (pattern == "sync:2")
            return MockedOperation{"stepfunctions", "DescribeExecution", {"Output"}};
        return std::nullopt;
    }
    if (!pattern.empty())
        return std::nullopt; // other .sync results are the job's description, not this API's
    if (service == "lambda" && action == "invoke")
        return MockedOperation{"lambda", "Invoke", {"Payload"}};
    if (service == "bedrock" && action == "invokeModel")
        return MockedOperation{"bedrock-runtime", "InvokeModel", {"Body"}};
    return MockedOperation{
        service == "states" ? "stepfunctions" : service, operationName(action), {}};
}

} // namespace Stepwise::Api
