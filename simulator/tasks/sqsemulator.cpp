#include "simulator/tasks/sqsemulator.h"

#include "simulator/tasks/sdkmetadata.h"
#include "simulator/tasks/snsemulator.h"

#include <QByteArray>
#include <QCryptographicHash>

namespace Stepwise::Sim {

using Model::Json;

std::optional<TaskResponse> SqsEmulator::invoke(const TaskRequest &request)
{
    static const std::string sendMessage = "arn:aws:states:::sqs:sendMessage";
    const bool waits = request.resource == sendMessage + ".waitForTaskToken";
    if (request.resource != sendMessage && !waits)
        return std::nullopt;
    TaskResponse response;
    const Json &p = request.parameters;
    if (!p.is_object() || !p.contains("QueueUrl") || !p.contains("MessageBody")) {
        response.succeeded = false;
        response.failure = {"SQS.AmazonSQSException",
                            "The request must contain the parameters QueueUrl and MessageBody. "
                            "(Service: AmazonSQS; Status Code: 400; Error Code: "
                            "MissingParameter)"};
        return response;
    }
    // A body that is not text is sent as its JSON text.
    const Json &body = p.at("MessageBody");
    const std::string text = body.is_string() ? body.get<std::string>() : body.dump();
    const QByteArray md5
        = QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Md5)
              .toHex();
    const auto [messageId, requestId] = drawSdkIds(request.random);

    Json record = p;
    record["MessageBody"] = text;
    record["MessageId"] = messageId;
    m_outbox.push_back(std::move(record));

    Json output = Json::object();
    output["MD5OfMessageBody"] = md5.toStdString();
    output["MessageId"] = messageId;
    addSdkMetadata(output, "application/x-amz-json-1.0", 106, requestId, request.nowMillis, true);
    response.output = std::move(output);
    response.awaitsCallback = waits;
    return response;
}

} // namespace Stepwise::Sim
