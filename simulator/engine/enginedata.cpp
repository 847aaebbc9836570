#include "simulator/engine/engine.h"

#include "simulator/expr/jsonsize.h"

#include <algorithm>
#include <cmath>

// A state's data on its way through: InputPath, Parameters, ResultSelector, Assign,
// ResultPath, OutputPath; the payload quota on what comes out; and what happens when a step
// fails: the runtime error's wording, Retry and Catch.

namespace Stepwise::Sim {

using Model::Json;
using Model::StateType;

namespace {

// Errors no retrier or catcher sees (States.ALL does not match them).
bool isTerminalError(const std::string &error)
{
    return error == "States.Runtime";
}

bool errorMatches(const std::vector<std::string> &names, const std::string &error)
{
    for (const std::string &name : names) {
        if (name == error)
            return true;
        if (name == "States.ALL" && !isTerminalError(error))
            return true;
        if (name == "States.TaskFailed" && error != "States.Timeout" && !isTerminalError(error))
            return true;
    }
    return false;
}

// A visit's errorDetails: the error and cause, then what Retry or Catch did with them.
Json errorDetails(const Failure &failure, Json what)
{
    Json details = Json::object();
    if (!failure.errorIsNull)
        details["error"] = failure.error;
    if (!failure.causeIsNull)
        details["cause"] = failure.cause;
    for (auto it = what.begin(); it != what.end(); ++it)
        details[it.key()] = std::move(it.value());
    return details;
}

std::int64_t textSize(const Json &value)
{
    return static_cast<std::int64_t>(jsonTextSize(value));
}

} // namespace

void Execution::Engine::stage(int ti, const char *key, const Json &value)
{
    if (!x.m_options.recordStages)
        return;
    const int index = T(ti).stageIndex;
    if (index >= 0)
        rt.stages[static_cast<size_t>(index)].data[key] = value;
}

// ---- InputPath and Parameters -------------------------------------------------------------

// InputPath (+ Parameters when `withParameters`): the effective input, or a failure.
// `consume`: the state needs its raw input no more, so it may be moved. `size` receives
// an upper bound of its JSON text's size when known without walking it, else -1.
bool Execution::Engine::effectiveInput(int ti, bool withParameters, Json &out, std::int64_t &size,
                                       bool consume)
{
    size = -1;
    ExecThread &t = T(ti);
    const CompiledState &s = m.state(t.state);
    Json afterInputPath;
    const Json *current = &t.input;
    const Json *located = nullptr;
    if (s.inputPathDirect) {
        ExpressionContext ctx = contextFor(ti, t.input);
        located = s.inputPathDirect->locate(ctx);
    }
    if (located) {
        current = located;
    } else if (!s.inputPath.isIdentity()) {
        ExpressionContext ctx = contextFor(ti, t.input);
        auto selected = s.inputPath.apply(T(ti).input, ctx);
        if (!selected.ok()) {
            runtimeFailure(ti, selected.failure());
            return false;
        }
        afterInputPath = std::move(selected.value());
        current = &afterInputPath;
    }
    stage(ti, "afterInputPath", *current);
    if (withParameters && s.parameters) {
        ExpressionContext ctx = contextFor(ti, *current);
        // What InputPath built is ours; the state's input is when nothing reads it later.
        const bool ours = current == &afterInputPath;
        const bool consuming = ours || s.parametersTakeInput;
        // Sizes before anything moves: moved nodes weigh at most what they left.
        const bool track = tracksSizes();
        const std::int64_t before = !track ? 0 : ours ? textSize(afterInputPath) : inputSize(ti);
        PayloadTemplate::Taken taken;
        auto built = consuming ? s.parameters->evaluateConsuming(ctx, const_cast<Json &>(*current),
                                                                 track ? &taken : nullptr)
                               : s.parameters->evaluate(ctx);
        if (!built.ok()) {
            runtimeFailure(ti, built.failure());
            return false;
        }
        out = std::move(built.value());
        stage(ti, "afterParameters", out);
        if (!track) {
            if (consuming && !ours)
                T(ti).inputSize = -1;
            return true;
        }
        if (taken.nodes == 0) {
            size = textSize(out); // built from copies: as costly to count as to copy
        } else {
            // Only what did not move is walked. The moved nodes are disjoint parts of
            // `current`, so they weigh at most its size; each left a null (4 bytes) behind.
            size = static_cast<std::int64_t>(taken.sizeWithoutThem) + before;
            if (!ours)
                T(ti).inputSize += 4 * static_cast<std::int64_t>(taken.nodes);
        }
        if (!withinQuota(size, out)) {
            payloadTooLarge(ti);
            return false;
        }
        return true;
    }
    if (current == &afterInputPath) {
        out = std::move(afterInputPath);
    } else if (current == &T(ti).input) {
        size = tracksSizes() ? inputSize(ti) : -1;
        if (consume)
            out = std::move(T(ti).input);
        else
            out = *current;
    } else {
        out = *current;
    }
    return true;
}

// ---- the payload quota --------------------------------------------------------------------

// Sizes are counted only for the payload quota. A thread's sizes are upper bounds (exact
// when walked): a bound within the quota settles the check, a larger one is replaced by
// the value's exact size.
bool Execution::Engine::tracksSizes() const
{
    return x.m_options.maxPayloadBytes != 0;
}

bool Execution::Engine::withinQuota(std::int64_t &bound, const Json &value) const
{
    if (bound <= maxPayload())
        return true;
    bound = textSize(value);
    return bound <= maxPayload();
}

std::int64_t Execution::Engine::maxPayload() const
{
    const std::size_t limit = x.m_options.maxPayloadBytes;
    return limit == 0 ? INT64_MAX : static_cast<std::int64_t>(limit);
}

// A bound of the current state's input text's size; walked once when unknown.
std::int64_t Execution::Engine::inputSize(int ti)
{
    ExecThread &t = T(ti);
    if (t.inputSize < 0)
        t.inputSize = textSize(t.input);
    return t.inputSize;
}

// AWS's quota on a state's data (its effective input after Parameters, its output).
void Execution::Engine::payloadTooLarge(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    stateError(ti, EngineShared::dataLimitExceeded(s.name), true, true, false);
}

// ---- ResultSelector .. OutputPath ---------------------------------------------------------

// ResultSelector -> Assign -> ResultPath -> OutputPath, then the state exits.
// `resultSize`: an upper bound of the result text's size when known, else -1.
void Execution::Engine::finishWithResult(int ti, Json result, std::int64_t resultSize)
{
    const CompiledState &s = m.state(T(ti).state);
    if (s.jsonata) {
        finishJsonata(ti, std::move(result));
        return;
    }
    stage(ti, "result", result);
    if (s.resultSelector) {
        resultSize = -1;
        ExpressionContext ctx = contextFor(ti, result);
        auto selected = s.resultSelector->evaluate(ctx);
        if (!selected.ok()) {
            runtimeFailure(ti, selected.failure());
            return;
        }
        result = std::move(selected.value());
        stage(ti, "afterResultSelector", result);
    }
    if (s.assign) {
        ExpressionContext ctx = contextFor(ti, result);
        auto assigned = s.assign->evaluate(ctx);
        if (!assigned.ok()) {
            runtimeFailure(ti, assigned.failure());
            return;
        }
        T(ti).pendingAssign = std::move(assigned.value());
    }
    // The output's size follows from the input's and the result's: only what ResultPath
    // adds or replaces is walked.
    const bool track = tracksSizes();
    std::int64_t size = -1;
    std::int64_t growth = 0;
    if (track && !s.resultPath.discardsResult() && resultSize < 0)
        resultSize = textSize(result);
    if (!track) {
        size = -1;
    } else if (s.resultPath.replacesInput()) {
        size = resultSize;
    } else {
        size = inputSize(ti);
        // Parameters may have left little of the input (a loop moving a large payload
        // through InputPath/Parameters/ResultPath): count what is left rather than let
        // the bound double.
        if (size + std::max<std::int64_t>(resultSize, 0) > maxPayload())
            size = T(ti).inputSize = textSize(T(ti).input);
    }
    ExecThread &t = T(ti);
    auto afterResultPath = s.resultPath.replacesInput()
                               ? s.resultPath.apply(Json(), std::move(result))
                               : s.resultPath.apply(std::move(t.input), std::move(result),
                                                    track ? &growth : nullptr);
    if (!afterResultPath.ok()) {
        runtimeFailure(ti, afterResultPath.failure());
        return;
    }
    if (track && s.resultPath.path())
        size += growth + resultSize;
    stage(ti, "afterResultPath", afterResultPath.value());
    T(ti).nextState = s.end ? -1 : s.next;
    applyOutputPath(ti, std::move(afterResultPath.value()), size);
}

// `size`: an upper bound of the value text's size when known, else -1.
void Execution::Engine::applyOutputPath(int ti, Json value, std::int64_t size)
{
    const CompiledState &s = m.state(T(ti).state);
    if (s.outputPath.isIdentity()) {
        T(ti).output = std::move(value);
        T(ti).outputSize = size >= 0 || !tracksSizes() ? size : textSize(T(ti).output);
    } else {
        ExpressionContext ctx = contextFor(ti, value);
        auto output = s.outputPath.apply(std::move(value), ctx);
        if (!output.ok()) {
            runtimeFailure(ti, output.failure());
            return;
        }
        T(ti).output = std::move(output.value());
        T(ti).outputSize = tracksSizes() ? textSize(T(ti).output) : -1;
    }
    if (tracksSizes() && !withinQuota(T(ti).outputSize, T(ti).output)) {
        payloadTooLarge(ti);
        return;
    }
    stage(ti, "output", T(ti).output);
    T(ti).phase = Phase::Exit;
}

bool Execution::Engine::assignVariables(int ti, const std::shared_ptr<PayloadTemplate> &assign,
                                        const Json &input)
{
    if (!assign)
        return true;
    ExpressionContext ctx = contextFor(ti, input);
    auto assigned = assign->evaluate(ctx);
    if (!assigned.ok()) {
        runtimeFailure(ti, assigned.failure());
        return false;
    }
    Json &pending = T(ti).pendingAssign;
    if (pending.is_object()) {
        for (auto it = assigned->begin(); it != assigned->end(); ++it)
            pending[it.key()] = std::move(it.value());
    } else {
        pending = std::move(assigned.value());
    }
    return true;
}

// ---- failures, Retry and Catch ------------------------------------------------------------

// A failure raised while processing the state's data: AWS words these with a prefix.
void Execution::Engine::runtimeFailure(int ti, Failure failure)
{
    ExecThread &t = T(ti);
    if (failure.error == "States.Runtime") {
        failure.cause = "An error occurred while executing the state '" + m.state(t.state).name
                        + "' (entered at the event id #" + std::to_string(t.enteredEventId) + "). "
                        + failure.cause;
    }
    stage(ti, "errorDetails", errorDetails(failure, Json::object()));
    t.failure = {std::move(failure)};
    t.phase = Phase::Fail;
}

// Schedules the state again when a retrier matches `failure` and has attempts left.
bool Execution::Engine::retry(int ti, const Failure &failure)
{
    ExecThread &t = T(ti);
    const CompiledState &s = m.state(t.state);
    if (isTerminalError(failure.error))
        return false;
    for (size_t i = 0; i < s.retriers.size(); ++i) {
        const CompiledRetrier &r = s.retriers[i];
        if (!errorMatches(r.errorEquals, failure.error))
            continue;
        int &attempts = t.retryAttempts[i];
        const auto &testState = x.m_options.testState;
        const bool testedState = testState && t.kind == ThreadKind::Root;
        if (testedState)
            attempts = testState->retrierRetryCount;
        if (attempts >= r.maxAttempts) {
            // TestState names the exhausted retrier.
            if (testedState)
                stage(ti, "errorDetails",
                      errorDetails(failure, {{"retryIndex", static_cast<int>(i)}}));
            return false;
        }
        double delay = r.intervalSeconds * std::pow(r.backoffRate, attempts);
        if (r.maxDelaySeconds)
            delay = std::min(delay, *r.maxDelaySeconds);
        if (!(delay >= 0))
            delay = 0;
        delay = std::min(delay, 1e10);
        if (r.fullJitter) {
            std::uniform_real_distribution<double> jitter(0.0, delay);
            delay = jitter(rt.random);
        }
        ++attempts;
        ++t.retryCount;
        // Whole seconds are integers, as AWS writes them.
        const Json backoff
            = delay == std::floor(delay) ? Json(static_cast<std::int64_t>(delay)) : Json(delay);
        stage(ti, "errorDetails",
              errorDetails(failure, {{"retryIndex", static_cast<int>(i)},
                                     {"retryBackoffIntervalSeconds", backoff}}));
        if (testedState) {
            // TestState answers RETRIABLE: the state ends with the error it would retry.
            t.failure = {failure};
            t.phase = Phase::Fail;
            return true;
        }
        t.wakeAt = rt.now + static_cast<std::int64_t>(std::llround(delay * 1000.0));
        t.backoffFrom = rt.now;
        m_retryWaitStarted = m_retryWaitStarted || (t.wakeAt > rt.now && !t.hidden);
        t.phase = Phase::ContainerStart;
        // A Task's every attempt evaluates its fields again (Parameters or Arguments,
        // timeouts, credentials): AWS's TaskScheduled shows $$.State.RetryCount counting up.
        if (t.retryEntry || s.type == StateType::Task) {
            t.phase = Phase::Reenter;
            t.retryEntry = false;
            return true;
        }
        if (s.type == StateType::Parallel || s.type == StateType::Map)
            resetContainer(ti);
        return true;
    }
    return false;
}

// An error the state can retry or catch (task failures, branch failures, ...).
void Execution::Engine::stateError(int ti, const Failure &failure, bool hasError, bool hasCause,
                                   bool retriable)
{
    if (retriable && retry(ti, failure))
        return;
    const CompiledState &s = m.state(T(ti).state);
    if (!isTerminalError(failure.error) || failure.error == "States.DataLimitExceeded") {
        for (const CompiledCatcher &c : s.catchers) {
            bool matches = errorMatches(c.errorEquals, failure.error);
            if (!matches && failure.error == "States.DataLimitExceeded")
                matches = std::find(c.errorEquals.begin(), c.errorEquals.end(), failure.error)
                          != c.errorEquals.end();
            if (!matches)
                continue;
            stage(
                ti, "errorDetails",
                errorDetails(failure, {{"catchIndex", static_cast<int>(&c - s.catchers.data())}}));
            Json errorOutput = Json::object();
            if (hasError)
                errorOutput["Error"] = failure.error;
            else if (failure.errorIsNull)
                errorOutput["Error"] = nullptr;
            if (hasCause)
                errorOutput["Cause"] = failure.cause;
            else if (failure.causeIsNull)
                errorOutput["Cause"] = nullptr;
            if (s.jsonata) {
                catchJsonata(ti, c, std::move(errorOutput));
                return;
            }
            if (c.assign) {
                ExpressionContext ctx = contextFor(ti, errorOutput);
                auto assigned = c.assign->evaluate(ctx);
                if (!assigned.ok()) {
                    runtimeFailure(ti, assigned.failure());
                    return;
                }
                T(ti).pendingAssign = std::move(assigned.value());
            }
            ExecThread &tt = T(ti);
            auto output = c.resultPath.apply(std::move(tt.input), std::move(errorOutput));
            if (!output.ok()) {
                runtimeFailure(ti, output.failure());
                return;
            }
            tt.output = std::move(output.value());
            tt.outputSize = -1;
            tt.nextState = c.nextIndex;
            tt.phase = Phase::Exit;
            return;
        }
    }
    // TestState keeps the exhausted retrier it named.
    Json what = Json::object();
    if (const int index = T(ti).stageIndex; index >= 0) {
        const Json &recorded = rt.stages[static_cast<size_t>(index)].data;
        if (auto it = recorded.find("errorDetails");
            it != recorded.end() && it->contains("retryIndex")
            && !it->contains("retryBackoffIntervalSeconds"))
            what["retryIndex"] = it->at("retryIndex");
    }
    stage(ti, "errorDetails", errorDetails(failure, std::move(what)));
    ExecThread &tt = T(ti);
    tt.failure = {failure, hasError, hasCause};
    tt.phase = Phase::Fail;
}

} // namespace Stepwise::Sim
