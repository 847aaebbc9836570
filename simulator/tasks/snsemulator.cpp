#include "simulator/tasks/snsemulator.h"

#include "simulator/tasks/sdkmetadata.h"

#include <cstdio>

namespace Stepwise::Sim {

using Model::Json;

std::string makeUuid(std::mt19937_64 &random)
{
    const std::uint64_t high = random();
    const std::uint64_t low = random();
    unsigned char bytes[16];
    for (int i = 0; i < 8; ++i) {
        bytes[i] = static_cast<unsigned char>(high >> (56 - 8 * i));
        bytes[8 + i] = static_cast<unsigned char>(low >> (56 - 8 * i));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    char text[37];
    std::snprintf(text, sizeof text,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                  bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                  bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return text;
}

std::optional<TaskResponse> SnsEmulator::invoke(const TaskRequest &request)
{
    static const std::string publish = "arn:aws:states:::sns:publish";
    const bool waits = request.resource == publish + ".waitForTaskToken";
    if (request.resource != publish && !waits)
        return std::nullopt;
    TaskResponse response;
    const Json &p = request.parameters;
    const bool hasTarget
        = p.is_object()
          && (p.contains("TopicArn") || p.contains("TargetArn") || p.contains("PhoneNumber"));
    if (!p.is_object() || !p.contains("Message") || !hasTarget) {
        response.succeeded = false;
        response.failure = {"SNS.InvalidParameterException",
                            "Invalid parameter: a Message and one of TopicArn, TargetArn or "
                            "PhoneNumber are required (Service: AmazonSNS; Status Code: 400; "
                            "Error Code: InvalidParameter)"};
        return response;
    }
    const auto [messageId, requestId] = drawSdkIds(request.random);
    Json record = p;
    record["MessageId"] = messageId;
    m_outbox.push_back(std::move(record));

    // The shape AWS returns for an SDK-integrated publish.
    Json output = Json::object();
    output["MessageId"] = messageId;
    addSdkMetadata(output, "text/xml", 294, requestId, request.nowMillis, false);
    response.output = std::move(output);
    response.awaitsCallback = waits;
    return response;
}

} // namespace Stepwise::Sim
