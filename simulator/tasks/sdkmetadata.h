#pragma once

#include "model/json/json.h"

#include <cstdint>
#include <random>
#include <string>

namespace Stepwise::Sim {

// The SdkHttpMetadata and SdkResponseMetadata AWS adds to an SDK-integrated task's result,
// with the Date header taken from the execution's clock.
void addSdkMetadata(Model::Json &output, const std::string &contentType, int contentLength,
                    const std::string &requestId, std::int64_t nowMillis, bool headerListsAsText);

// A message id and a request id for a service's answer, drawn from the execution's generator
// (a fixed one when there is none).
struct SdkIds
{
    std::string messageId;
    std::string requestId;
};
SdkIds drawSdkIds(std::mt19937_64 *random);

// An HTTP date (RFC 7231), e.g. "Thu, 01 Jan 2026 00:00:00 GMT".
std::string httpDate(std::int64_t millisSinceEpoch);

} // namespace Stepwise::Sim
