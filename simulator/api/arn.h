#pragma once

#include <optional>
#include <string>

namespace Stepwise::Api {

// Step Functions ARNs as AWS forms them:
//   arn:aws:states:REGION:ACCOUNT:stateMachine:NAME[:VERSION|:ALIAS]
//   arn:aws:states:REGION:ACCOUNT:execution:NAME:EXECUTION
//   arn:aws:states:REGION:ACCOUNT:express:NAME:EXECUTION:ID
//   arn:aws:states:REGION:ACCOUNT:activity:NAME
//   arn:aws:states:REGION:ACCOUNT:mapRun:NAME/MAPRUN:ID
struct Arn
{
    std::string partition = "aws";
    std::string region;
    std::string account;
    std::string resourceType; // stateMachine, execution, express, activity, mapRun
    std::string name;         // the resource's first name segment
    std::string qualifier;    // what follows NAME (version, alias, execution name), or empty

    static std::optional<Arn> parse(const std::string &text);
    std::string toString() const;
    // The state machine's own ARN for a stateMachine, version or alias ARN.
    std::string unqualified() const;
};

// AWS's naming rule for state machines, executions, activities and aliases: 1-80 characters,
// no whitespace, brackets, wildcards, special or control characters.
bool isValidName(const std::string &name);

} // namespace Stepwise::Api
