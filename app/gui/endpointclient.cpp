#include "app/gui/endpointclient.h"

#include "model/json/jsonreader.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Stepwise::App {

std::string jsonString(const Model::Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

namespace {

// AWS's error shape: {"__type": "...#StateMachineDoesNotExist", "message": "..."}.
void readAwsError(const Model::Json &body, EndpointClient::Reply &reply)
{
    QString type = QString::fromStdString(jsonString(body, "__type"));
    // Some endpoints prefix the type with its namespace ("com.amazonaws...#Name").
    type = type.section(QLatin1Char('#'), -1);
    std::string message = jsonString(body, "message");
    if (message.empty())
        message = jsonString(body, "Message");
    if (type.isEmpty() && message.empty())
        return;
    reply.errorType = type;
    reply.error = type.isEmpty()
                      ? QString::fromStdString(message)
                      : QStringLiteral("%1: %2").arg(type, QString::fromStdString(message));
}

} // namespace

EndpointClient::EndpointClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{}

void EndpointClient::call(const QString &operation, const Model::Json &request, Callback done)
{
    QNetworkRequest http(m_url);
    http.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArrayLiteral("application/x-amz-json-1.0"));
    const QByteArray target = "AWSStepFunctions." + operation.toLatin1();
    http.setRawHeader("X-Amz-Target", target);
    http.setTransferTimeout(m_timeoutMs);
    const QByteArray body = QByteArray::fromStdString(request.dump());
    if (!m_credentials.accessKeyId.isEmpty()) {
        // The Host header as Qt will send it: the port only when it is not the scheme's.
        QByteArray host = m_url.host(QUrl::FullyEncoded).toLatin1();
        const int defaultPort = m_url.scheme() == QLatin1String("https") ? 443 : 80;
        if (m_url.port() != -1 && m_url.port() != defaultPort)
            host += ':' + QByteArray::number(m_url.port());
        const QByteArray path = m_url.path(QUrl::FullyEncoded).toLatin1();
        const auto headers = Sim::signPost(
            m_credentials, host, path,
            {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", target}}, body);
        for (const auto &[name, value] : headers)
            http.setRawHeader(name, value);
    }
    QNetworkReply *reply = m_network->post(http, body);
    connect(reply, &QNetworkReply::finished, this, [reply, operation, done = std::move(done)] {
        reply->deleteLater();
        Reply answer;
        const QByteArray bytes = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        auto parsed = Model::readJson(std::string_view(bytes.constData(), size_t(bytes.size())));
        if (parsed)
            answer.body = parsed->value;
        if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
            if (!parsed) {
                answer.error = QObject::tr("%1: the endpoint's answer is not JSON (%2)")
                                   .arg(operation, QString::fromStdString(parsed.error().message));
            } else if (!parsed->value.is_object()) {
                answer.error
                    = QObject::tr("%1: the endpoint's answer is not a JSON object").arg(operation);
            } else {
                answer.ok = true;
            }
            done(answer);
            return;
        }
        if (parsed)
            readAwsError(parsed->value, answer);
        if (answer.error.isEmpty()) {
            if (reply->error() == QNetworkReply::OperationCanceledError
                || reply->error() == QNetworkReply::TimeoutError)
                answer.error
                    = QObject::tr("no answer from %1 (timed out)").arg(reply->url().toString());
            else if (status != 0)
                answer.error
                    = QObject::tr("HTTP %1 from %2").arg(status).arg(reply->url().toString());
            else
                answer.error = reply->errorString();
        }
        answer.error = QStringLiteral("%1: %2").arg(operation, answer.error);
        done(answer);
    });
}

} // namespace Stepwise::App
