#include "simulator/engine/engine.h"

#include "simulator/engine/pathvalues.h"
#include "simulator/expr/jsonsize.h"

#include <cctype>
#include <cmath>

// Task states: timeouts resolved on entry; then Scheduled, Started, (Submitted, a wait for
// the task token) and Succeeded/Failed/TimedOut events in the family's names (Lambda
// functions, activities, service integrations); the answer from the task executors.

namespace Stepwise::Sim {

using EngineShared::arnPart;
using EngineShared::payloadDetails;
using Model::Json;

void Execution::Engine::enterTask(int ti)
{
    T(ti).task.token.clear();
    if (!resolveTaskTimeouts(ti))
        return;
    const CompiledState &s = m.state(T(ti).state);
    T(ti).task.roleArn = Json();
    if (s.credentials) {
        // Read from the state's input, as TimeoutSecondsPath is.
        auto credentials = s.credentials->evaluate(contextFor(ti, T(ti).input));
        if (!credentials.ok()) {
            runtimeFailure(ti, credentials.failure());
            return;
        }
        if (credentials->is_object())
            T(ti).task.roleArn = credentials->value("RoleArn", Json());
    }
    Json effective;
    std::int64_t size;
    if (!effectiveInput(ti, true, effective, size))
        return;
    T(ti).task.effective = std::move(effective);
    T(ti).phase = Phase::TaskSchedule;
}

// TimeoutSeconds(Path) and HeartbeatSeconds(Path), the paths read from the state input.
bool Execution::Engine::resolveTaskTimeouts(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    auto resolve = [&](const std::optional<double> &fixed, const PathField &path,
                       IntegerPathField field, std::optional<std::int64_t> TaskVisit::*out) {
        T(ti).task.*out = std::nullopt;
        if (fixed) {
            T(ti).task.*out = static_cast<std::int64_t>(std::llround(*fixed * 1000.0));
        } else if (path.path) {
            ExpressionContext ctx = contextFor(ti, T(ti).input);
            auto seconds = readIntegerPath(field, *path.path, ctx);
            if (!seconds.ok()) {
                runtimeFailure(ti, seconds.failure());
                return false;
            }
            T(ti).task.*out = *seconds * 1000;
        }
        return true;
    };
    return resolve(s.timeoutSeconds, s.timeoutSecondsPath, IntegerPathField::TimeoutSeconds,
                   &TaskVisit::timeoutMillis)
           && resolve(s.heartbeatSeconds, s.heartbeatSecondsPath,
                      IntegerPathField::HeartbeatSeconds, &TaskVisit::heartbeatMillis);
}

void Execution::Engine::scheduleTask(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    const std::string region = arnPart(x.m_options.stateMachineArn, 3);
    switch (s.taskFamily) {
    case TaskFamily::LambdaFunction:
        emit(ti, HistoryEventType::LambdaFunctionScheduled, [&] {
            const TaskVisit &task = T(ti).task;
            Json d = payloadDetails("input", task.effective);
            d["resource"] = s.resource;
            if (!task.roleArn.is_null())
                d["taskCredentials"] = {{"roleArn", task.roleArn}};
            if (task.timeoutMillis)
                d["timeoutInSeconds"] = *task.timeoutMillis / 1000;
            return Json{{"lambdaFunctionScheduledEventDetails", d}};
        });
        break;
    case TaskFamily::Activity:
        emit(ti, HistoryEventType::ActivityScheduled, [&] {
            Json d = payloadDetails("input", T(ti).task.effective);
            d["resource"] = s.resource;
            return Json{{"activityScheduledEventDetails", d}};
        });
        break;
    case TaskFamily::Service:
        emit(ti, HistoryEventType::TaskScheduled, [&] {
            const TaskVisit &task = T(ti).task;
            Json d = Json::object();
            d["resourceType"] = s.resourceType;
            d["resource"] = s.resourceName;
            d["region"] = region;
            d["parameters"] = task.effective.dump();
            if (!task.roleArn.is_null())
                d["taskCredentials"] = {{"roleArn", task.roleArn}};
            if (task.timeoutMillis)
                d["timeoutInSeconds"] = *task.timeoutMillis / 1000;
            if (task.heartbeatMillis)
                d["heartbeatInSeconds"] = *task.heartbeatMillis / 1000;
            return Json{{"taskScheduledEventDetails", d}};
        });
        break;
    }
    T(ti).phase = Phase::TaskStart;
}

void Execution::Engine::startTask(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    std::int64_t startedEventId = 0;
    switch (s.taskFamily) {
    case TaskFamily::LambdaFunction:
        startedEventId = emitPlain(ti, HistoryEventType::LambdaFunctionStarted);
        break;
    case TaskFamily::Activity:
        startedEventId = emitPlain(ti, HistoryEventType::ActivityStarted);
        break;
    case TaskFamily::Service:
        startedEventId = emit(ti, HistoryEventType::TaskStarted, [&] {
            return Json{{"taskStartedEventDetails",
                         {{"resourceType", s.resourceType}, {"resource", s.resourceName}}}};
        });
        break;
    }
    T(ti).task.startedEventId = startedEventId;
    T(ti).task.askedCaller = false;
    TaskRequest request;
    request.stateName = s.name;
    request.resource = s.resource;
    request.parameters = T(ti).task.effective;
    request.region = arnPart(x.m_options.stateMachineArn, 3);
    request.account = arnPart(x.m_options.stateMachineArn, 4);
    request.invocation = rt.invocations[static_cast<size_t>(s.index)]++;
    T(ti).task.invocation = request.invocation;
    request.random = &rt.random;
    request.nowMillis = rt.now;
    if (s.waitForTaskToken)
        request.taskToken = taskToken(ti);
    T(ti).task.startedAt = T(ti).task.heartbeatAt = rt.now;
    std::optional<TaskResponse> response;
    for (const auto &executor : x.m_executors) {
        response = executor->invoke(request);
        if (response)
            break;
    }
    if (!response && s.waitForTaskToken && x.m_options.callbacksFromCaller) {
        // The service call itself is not modelled; what matters is the token coming back.
        response = TaskResponse();
        response->output = Json::object();
        response->awaitsCallback = true;
    }
    if (!response) {
        runtimeFailure(
            ti, {"States.Runtime", "No mocked response and no built-in emulation for the task of "
                                   "state '"
                                       + s.name + "' (resource '" + s.resource
                                       + "'): give one with --mocks FILE --test-case NAME."});
        return;
    }
    if (response->succeeded && !response->awaitsCallback) {
        const std::size_t size = jsonTextSize(response->output);
        if (static_cast<std::int64_t>(size) > maxPayload()) {
            response->succeeded = false;
            response->failure = EngineShared::dataLimitExceeded(
                s.taskFamily == TaskFamily::Service ? s.resourceType : s.resource);
        }
    }
    if (response->awaitsCallback && !s.waitForTaskToken) {
        // A plain Task whose result the caller gives (a debugger's "ask me"): it waits as a
        // callback does, under a token of its own, and is answered through sendTask*().
        T(ti).task.askedCaller = true;
        T(ti).task.askId = ++rt.callerAsks;
        T(ti).task.token = "ask-" + std::to_string(T(ti).task.askId);
        if (!s.submits) {
            ExecThread &t = T(ti);
            t.task.response = TaskResponse();
            t.phase = Phase::TaskAwaitCallback;
            t.wakeAt = t.task.callbackDeadline();
            return;
        }
    }
    T(ti).task.response = std::move(*response);
    T(ti).phase = s.submits ? Phase::TaskSubmit : Phase::TaskFinish;
}

// .sync and .waitForTaskToken: TaskSubmitted, then the outcome or the wait for the token.
void Execution::Engine::submitTask(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    const bool awaits = T(ti).task.response.awaitsCallback;
    emit(ti, HistoryEventType::TaskSubmitted, [&] {
        Json d = payloadDetails("output", awaits ? T(ti).task.response.output : Json::object());
        d["resourceType"] = s.resourceType;
        d["resource"] = s.resourceName;
        return Json{{"taskSubmittedEventDetails", d}};
    });
    if (awaits) {
        ExecThread &t = T(ti);
        t.task.response = TaskResponse();
        t.phase = Phase::TaskAwaitCallback;
        t.wakeAt = t.task.callbackDeadline();
        return;
    }
    T(ti).phase = Phase::TaskFinish;
}

// Picked only once its deadline passed: no token came back in time.
void Execution::Engine::callbackTimedOut(int ti)
{
    TaskResponse &response = T(ti).task.response;
    response = TaskResponse();
    response.succeeded = false;
    response.failure = {"States.Timeout", ""};
    finishTask(ti);
}

void Execution::Engine::finishTask(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    TaskResponse response = std::move(T(ti).task.response);
    T(ti).task.response = TaskResponse();
    const bool lambda = s.taskFamily == TaskFamily::LambdaFunction;
    const bool activity = s.taskFamily == TaskFamily::Activity;
    if (response.succeeded) {
        const HistoryEventType type = lambda     ? HistoryEventType::LambdaFunctionSucceeded
                                      : activity ? HistoryEventType::ActivitySucceeded
                                                 : HistoryEventType::TaskSucceeded;
        emit(ti, type, [&] {
            Json d = payloadDetails("output", response.output);
            if (!lambda && !activity) {
                d["resourceType"] = s.resourceType;
                d["resource"] = s.resourceName;
            }
            return Json{{std::string(detailsKey(type)), d}};
        });
        T(ti).task.effective = Json();
        finishWithResult(ti, std::move(response.output));
        return;
    }
    const bool timedOut = response.failure.error == "States.Timeout"
                          || response.failure.error == "States.HeartbeatTimeout";
    const HistoryEventType type
        = lambda ? (timedOut ? HistoryEventType::LambdaFunctionTimedOut
                             : HistoryEventType::LambdaFunctionFailed)
          : activity
              ? (timedOut ? HistoryEventType::ActivityTimedOut : HistoryEventType::ActivityFailed)
              : (timedOut ? HistoryEventType::TaskTimedOut : HistoryEventType::TaskFailed);
    emit(ti, type, [&] {
        Json d = Json::object();
        if (!response.failure.cause.empty())
            d["cause"] = response.failure.cause;
        if (!response.failure.errorIsNull)
            d["error"] = response.failure.error;
        if (!lambda && !activity) {
            d["resourceType"] = s.resourceType;
            d["resource"] = s.resourceName;
        }
        return Json{{std::string(detailsKey(type)), d}};
    });
    stateError(ti, response.failure, !response.failure.errorIsNull, !response.failure.causeIsNull);
}

} // namespace Stepwise::Sim
