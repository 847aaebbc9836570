#pragma once

#include "model/json/json.h"
#include "simulator/expr/failure.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace Stepwise::Sim {

// What a Task state asks of the outside world.
struct TaskRequest
{
    std::string stateName;
    std::string resource;   // the Resource ARN as written
    Model::Json parameters; // the effective input after Parameters
    std::string region;
    std::string account;
    int invocation = 0;         // how many times this state called its task before (retries count)
    std::string taskToken;      // .waitForTaskToken: the token the result must come back with
    std::int64_t nowMillis = 0; // the execution's (virtual) clock
    std::mt19937_64 *random = nullptr; // seeded by the execution, for generated ids
};

// How a task ended: a result, or an error + cause (TaskFailed), or a timeout.
struct TaskResponse
{
    bool succeeded = true;
    Model::Json output;
    Failure failure;
    // .waitForTaskToken: the service accepted the call (`output` is its answer, recorded as
    // TaskSubmitted) and the task's result comes later, sent back with the task token.
    // For a Task without .waitForTaskToken: the caller of the execution gives the result
    // (Execution::pendingCallbacks() lists it with `askedCaller`; no TaskSubmitted unless
    // the resource is .sync).
    bool awaitsCallback = false;
};

// Produces task results: mocked responses, built-in service emulators, real services.
// Executors are consulted in turn; nullopt means "not mine".
class TaskExecutor
{
  public:
    virtual ~TaskExecutor() = default;
    virtual std::optional<TaskResponse> invoke(const TaskRequest &request) = 0;
};

} // namespace Stepwise::Sim
