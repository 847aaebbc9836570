#include "simulator/api/teststateerrors.h"

#include "simulator/expr/dataflow.h"

#include <cmath>

namespace Stepwise::Api {

using Model::Json;

namespace {

// ASL's error matching: States.ALL matches every error but States.Runtime (AWS lets no
// retrier catch that one); States.TaskFailed every task error but States.Timeout.
bool matches(const Json &errorEquals, const std::string &error)
{
    if (!errorEquals.is_array())
        return false;
    for (const Json &name : errorEquals) {
        if (!name.is_string())
            continue;
        const std::string n = name.get<std::string>();
        if (n == error)
            return true;
        if (n == "States.ALL" && error != "States.Runtime")
            return true;
        if (n == "States.TaskFailed" && error != "States.Timeout" && error.rfind("States.", 0) != 0)
            return true;
    }
    return false;
}

} // namespace

TestStateFailure resolveTestStateFailure(const Json &state, const Json &input,
                                         const std::string &error, const std::string &cause,
                                         int retrierRetryCount)
{
    TestStateFailure outcome;
    outcome.status = "FAILED";
    const Json retriers = state.value("Retry", Json::array());
    for (std::size_t i = 0; i < retriers.size(); ++i) {
        const Json &retrier = retriers[i];
        if (!matches(retrier.value("ErrorEquals", Json::array()), error))
            continue;
        const int maxAttempts = retrier.value("MaxAttempts", 3);
        if (retrierRetryCount < maxAttempts) {
            const double interval = retrier.value("IntervalSeconds", 1.0);
            const double rate = retrier.value("BackoffRate", 2.0);
            double backoff = interval * std::pow(rate, retrierRetryCount);
            if (retrier.contains("MaxDelaySeconds"))
                backoff = std::min(backoff, retrier["MaxDelaySeconds"].get<double>());
            outcome.status = "RETRIABLE";
            outcome.errorDetails
                = {{"retryBackoffIntervalSeconds", std::int64_t(backoff)}, {"retryIndex", i}};
            return outcome;
        }
        break; // the first matching retrier is exhausted: on to the catchers
    }
    const Json catchers = state.value("Catch", Json::array());
    for (std::size_t i = 0; i < catchers.size(); ++i) {
        const Json &catcher = catchers[i];
        if (!matches(catcher.value("ErrorEquals", Json::array()), error))
            continue;
        const Json errorOutput = {{"Error", error}, {"Cause", cause}};
        auto output = Sim::applyResultPath(input, errorOutput,
                                           catcher.contains("ResultPath") ? catcher["ResultPath"]
                                                                          : Sim::absentField());
        outcome.status = "CAUGHT_ERROR";
        outcome.nextState = catcher.value("Next", "");
        outcome.output = output ? *output : errorOutput;
        outcome.errorDetails = {{"catchIndex", i}};
        return outcome;
    }
    return outcome;
}

} // namespace Stepwise::Api
