#pragma once

#include "model/json/json.h"

#include <optional>
#include <string>

namespace Stepwise::Api {

// What AWS's TestState does when the state fails, instead of retrying or catching: a Retrier
// that matches and has attempts left makes the answer RETRIABLE (with the backoff it would
// wait), a Catcher that matches makes it CAUGHT_ERROR (with the catcher's Next and the error
// output written at its ResultPath), otherwise FAILED. stateConfiguration.retrierRetryCount
// says how many retries already happened.
struct TestStateFailure
{
    std::string status; // RETRIABLE, CAUGHT_ERROR or FAILED
    std::string nextState;
    std::optional<Model::Json> output;                // CAUGHT_ERROR: the state's output
    Model::Json errorDetails = Model::Json::object(); // retryIndex + backoff, or catchIndex
};

TestStateFailure resolveTestStateFailure(const Model::Json &state, const Model::Json &input,
                                         const std::string &error, const std::string &cause,
                                         int retrierRetryCount);

} // namespace Stepwise::Api
