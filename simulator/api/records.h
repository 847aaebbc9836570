#pragma once

#include "model/json/json.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace Stepwise::Api {

// What the endpoint keeps about each resource; toJson()/fromJson() are the stored form.
// Times are milliseconds since the epoch.

struct StateMachineRecord
{
    std::string arn;
    std::string name;
    std::string definition; // as the caller sent it
    std::string roleArn;
    std::string type = "STANDARD";
    std::string description; // versions: their description
    std::string revisionId;
    Model::Json loggingConfiguration = Model::Json::object();
    Model::Json tracingConfiguration = Model::Json::object();
    std::int64_t creationMillis = 0;
    std::int64_t updateMillis = 0;
    // Versions: the state machine they belong to and their number; 0 for the machine itself.
    std::string machineArn;
    int version = 0;
    int lastVersion = 0; // the machine: the highest version number published so far

    Model::Json toJson() const;
    static StateMachineRecord fromJson(const Model::Json &json);
};

struct AliasRecord
{
    std::string arn;
    std::string machineArn;
    std::string name;
    std::string description;
    Model::Json routingConfiguration = Model::Json::array();
    std::int64_t creationMillis = 0;
    std::int64_t updateMillis = 0;

    Model::Json toJson() const;
    static AliasRecord fromJson(const Model::Json &json);
};

struct ActivityRecord
{
    std::string arn;
    std::string name;
    std::int64_t creationMillis = 0;

    Model::Json toJson() const;
    static ActivityRecord fromJson(const Model::Json &json);
};

struct ExecutionRecord
{
    std::string arn;
    std::string machineArn; // the state machine (unqualified)
    std::string versionArn; // when started through a version or alias
    std::string aliasArn;
    std::string name;
    std::string type = "STANDARD";
    std::string status = "RUNNING"; // RUNNING|SUCCEEDED|FAILED|TIMED_OUT|ABORTED
    std::string input;
    std::optional<std::string> output, error, cause;
    std::string traceHeader;
    std::int64_t startMillis = 0;
    std::int64_t stopMillis = 0;
    std::uint64_t seed = 0;
    int redriveCount = 0;
    std::int64_t redriveMillis = 0;
    // The definition the execution ran (DescribeStateMachineForExecution).
    std::string definition;
    std::string roleArn;
    std::int64_t machineUpdateMillis = 0;
    std::string revisionId;
    // The MockConfigFile test case it runs with ("STATE_MACHINE_ARN#TestCase"), if any.
    std::string testCase;
    // Once it ended unsuccessfully: where RedriveExecution continues it
    // (Sim::RedrivePoint::toJson()); null when that is not known.
    Model::Json redrivePoint;

    Model::Json toJson() const;
    static ExecutionRecord fromJson(const Model::Json &json);
};

// JSON 1.0 timestamps: epoch seconds as a number.
inline double epochSeconds(std::int64_t millis)
{
    return double(millis) / 1000.0;
}

std::int64_t wallMillis();

} // namespace Stepwise::Api
