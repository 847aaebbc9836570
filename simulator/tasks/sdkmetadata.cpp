#include "simulator/tasks/sdkmetadata.h"

#include "simulator/tasks/snsemulator.h"

#include <ctime>

namespace Stepwise::Sim {

using Model::Json;

SdkIds drawSdkIds(std::mt19937_64 *random)
{
    std::mt19937_64 fallback(0);
    std::mt19937_64 &generator = random ? *random : fallback;
    SdkIds ids;
    ids.messageId = makeUuid(generator);
    ids.requestId = makeUuid(generator);
    return ids;
}

std::string httpDate(std::int64_t millisSinceEpoch)
{
    const std::time_t seconds = static_cast<std::time_t>(millisSinceEpoch / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
}

void addSdkMetadata(Json &output, const std::string &contentType, int contentLength,
                    const std::string &requestId, std::int64_t nowMillis, bool headerListsAsText)
{
    Json headers = Json::object();
    headers["connection"] = "keep-alive";
    headers["Content-Length"] = std::to_string(contentLength);
    headers["Content-Type"] = contentType;
    headers["Date"] = httpDate(nowMillis);
    headers["x-amzn-RequestId"] = requestId;
    // AWS lists every header's values; for some services the Date and request id are plain.
    Json allHeaders = Json::object();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const bool plain = headerListsAsText && (it.key() == "Date");
        allHeaders[it.key()] = plain ? it.value() : Json::array({it.value()});
    }
    output["SdkHttpMetadata"]
        = {{"AllHttpHeaders", allHeaders}, {"HttpHeaders", headers}, {"HttpStatusCode", 200}};
    output["SdkResponseMetadata"] = {{"RequestId", requestId}};
}

} // namespace Stepwise::Sim
