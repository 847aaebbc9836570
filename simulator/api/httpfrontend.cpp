#include "simulator/api/httpfrontend.h"

#include "simulator/api/service.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QUrl>
#include <QUuid>

#include <cstdio>

namespace Stepwise::Api {

using Model::Json;

namespace {

const QByteArray targetPrefix = "AWSStepFunctions.";

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

} // namespace

HttpFrontend::HttpFrontend(Service &service, FrontendOptions options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_service(service)
    , m_options(std::move(options))
{}

HttpFrontend::~HttpFrontend() = default;

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const std::uint64_t id = m_nextId++;
    Pending pending;
    pending.socket = socket;
    pending.responder = std::make_unique<QHttpServerResponder>(makeResponder(request, socket));
    m_pending.emplace(id, std::move(pending));

    const QByteArray body = request.body();
    if (request.method() != QHttpServerRequest::Method::Post) {
        respond(id, ApiError{"UnknownOperationException",
                             "The endpoint takes POST requests in AWS's JSON 1.0 protocol", 404});
        return true;
    }
    if (std::size_t(body.size()) > m_options.maxRequestBytes) {
        respond(id, ApiError{"RequestEntityTooLargeException",
                             "Request size " + std::to_string(body.size())
                                 + " bytes exceeds the limit of "
                                 + std::to_string(m_options.maxRequestBytes) + " bytes",
                             413});
        return true;
    }
    if (m_options.verifier) {
        SignedRequest signedRequest{"POST", request.url().path(QUrl::FullyEncoded).toUtf8(),
                                    request.url().query(QUrl::FullyEncoded).toUtf8(),
                                    request.headers(), body};
        if (auto error = m_options.verifier->verify(signedRequest)) {
            respond(id, *error);
            return true;
        }
    }
    const QByteArray target = header(request, "X-Amz-Target");
    if (!target.startsWith(targetPrefix)) {
        respond(id, ApiError{"UnknownOperationException",
                             target.isEmpty() ? "Missing X-Amz-Target header"
                                              : "Unknown operation " + target.toStdString()});
        return true;
    }
    const std::string operation = target.mid(targetPrefix.size()).toStdString();
    if (!m_service.knowsOperation(operation)) {
        respond(id, ApiError{"UnknownOperationException", "Unknown operation " + operation});
        return true;
    }
    Json input = body.trimmed().isEmpty()
                     ? Json::object()
                     : Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (input.is_discarded() || !input.is_object()) {
        respond(id, ApiError{"SerializationException",
                             input.is_discarded() ? "The request body is not valid JSON"
                                                  : "The request body must be a JSON object"});
        return true;
    }
    if (m_options.logRequests)
        std::fprintf(stderr, "serve: %s\n", operation.c_str());
    QPointer<HttpFrontend> self(this);
    m_service.handle(operation, input, [self, id](ApiReply reply) {
        // Operations may finish on a worker thread: the socket is written on ours.
        QMetaObject::invokeMethod(
            self.data(),
            [self, id, reply = std::move(reply)] {
                if (self)
                    self->respond(id, reply);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void HttpFrontend::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

void HttpFrontend::respond(std::uint64_t id, const ApiReply &reply)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    ++m_handled;
    if (!pending.socket || !pending.socket->isOpen())
        return; // the caller hung up; the operation's effect stands
    int status = 200;
    QByteArray body;
    if (const auto *error = std::get_if<ApiError>(&reply)) {
        status = error->httpStatus;
        body = QByteArray::fromStdString(
            Json{{"__type", error->type}, {"message", error->message}}.dump(
                -1, ' ', false, Json::error_handler_t::replace));
    } else {
        body = QByteArray::fromStdString(
            std::get<Json>(reply).dump(-1, ' ', false, Json::error_handler_t::replace));
    }
    QHttpServerResponder &responder = *pending.responder;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    responder.writeHeader("Content-Type", "application/x-amz-json-1.0");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeHeader("x-amzn-RequestId",
                          QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8());
    responder.writeBody(body);
}

} // namespace Stepwise::Api
