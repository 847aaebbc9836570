#pragma once

#include <optional>
#include <set>
#include <string>

namespace Stepwise::Api {

// The AWS API call behind a Task's resource, whose output a mocked result stands for:
// arn:aws:states:::aws-sdk:SERVICE:apiAction and the optimized integrations
// (arn:aws:states:::lambda:invoke, events:putEvents, states:startExecution.sync...).
struct MockedOperation
{
    std::string service;   // as the resource names it: "lambda", "sfn", "states", "events"
    std::string operation; // the model's operation name: "Invoke", "PutEvents"
    // Top-level members the integration gives as JSON rather than as the API's type
    // (lambda:invoke's Payload, startExecution.sync:2's Output).
    std::set<std::string> jsonMembers;
};

// The call a resource makes, or nullopt when its result has no API shape: Lambda function and
// activity ARNs, .waitForTaskToken (the result is what the callback sends), HTTP and API
// Gateway tasks, and .sync jobs other than Step Functions' own.
std::optional<MockedOperation> mockedOperation(const std::string &resource);

} // namespace Stepwise::Api
