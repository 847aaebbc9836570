#pragma once

#include "simulator/awslimits.h"

#include "model/json/json.h"
#include "model/validation/validator.h"
#include "simulator/engine/redrive.h"
#include "simulator/expr/failure.h"

#include <cstdint>

#include <optional>
#include <string>

namespace Stepwise::Sim {

// How AWS's TestState API runs the one state under test (the machine's first state).
struct TestStateRun
{
    // Retries its retriers are taken to have made already. A retry the state would make ends
    // the run instead: its errorDetails stage holds retryIndex and retryBackoffIntervalSeconds.
    int retrierRetryCount = 0;
    // A Map's or Parallel's result (or the error one of its children raised), used instead
    // of running its iterations or branches.
    std::optional<Model::Json> containerResult;
    std::optional<Failure> containerFailure;
    // Iterations of containerResult counted as failed against the Map's tolerated failures.
    int mapIterationFailureCount = 0;
    // The items the Map's ItemReader reads.
    std::optional<Model::Json> mapItemReaderData;
};

// How one execution is identified and run.
struct ExecutionOptions
{
    std::string stateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine";
    std::string executionName; // empty: a UUID drawn from the seed
    std::string roleArn;       // empty: a role in the state machine's account
    std::uint64_t seed = 0;    // scheduler interleaving, jitter, generated ids
    // The virtual clock's start; by default the wall clock when the execution is created.
    std::optional<std::int64_t> startTimeMillis;
    // Keep every event in history(); off, events are only counted (and still passed to a
    // listener), so long loops run in flat memory.
    bool recordHistory = true;
    // Keep each state's data after every processing stage (inspection data).
    bool recordStages = false;
    // The state machine's type. EXPRESS executions have no history-event limit and end with
    // States.Timeout after five minutes on the virtual clock (or TimeoutSeconds, if shorter).
    // (AWS refuses .sync, .waitForTaskToken and activities in an EXPRESS machine when it is
    // created: the validator's ValidationOptions::type says so before anything runs.)
    Model::StateMachineType type = Model::StateMachineType::Standard;
    // AWS fails a STANDARD execution at this many events; 0 disables the limit (benchmarks).
    int maxHistoryEvents = AwsLimits::maxHistoryEvents;
    // AWS fails a state whose effective input or output text is longer (States.
    // DataLimitExceeded); 0 disables the check (benchmarks whose input AWS would refuse).
    std::size_t maxPayloadBytes = AwsLimits::maxPayloadBytes;
    // Replaces the context object ("$$") as a whole, as TestState's `context` does.
    std::optional<Model::Json> contextObject;
    // The caller answers .waitForTaskToken tasks through Execution::sendTask*(): while only
    // such tasks remain, step() pauses (false) instead of jumping the clock to their
    // timeouts; advanceClock() lets time pass. Off, nothing can answer: a waiting task times
    // out at once on the virtual clock or, with no timeout, waits as on AWS until the
    // execution's time limit.
    bool callbacksFromCaller = false;
    // A folder standing in for S3 for distributed Maps' ItemReader: s3://bucket/key is the
    // file <s3Root>/bucket/key. Empty: ItemReader fails with a message saying so.
    std::string s3Root;
    // Variables visible to the first state (TestState's `variables`).
    Model::Json variables = Model::Json::object();
    // Set, the execution is a TestState run: its context object is TestState's (an express
    // execution ARN, no Execution.RedriveCount, State.RetryCount on every state).
    std::optional<TestStateRun> testState;
    // Keep what Execution::redrivePoint() needs (a copy of each top-level state's input and
    // variables as it is entered).
    bool redrivable = false;
    // A redriven execution: it starts with ExecutionRedriven at the point's state instead of
    // ExecutionStarted at StartAt; its clock (and TimeoutSeconds) starts at startTimeMillis.
    std::optional<Redrive> redrive;
};

} // namespace Stepwise::Sim
