#pragma once

#include "model/json/json.h"
#include "simulator/aws/sigv4signing.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <string>

class QNetworkAccessManager;

namespace Stepwise::App {

// `object[key]` when the answer has it as a string; empty otherwise (answers from other
// endpoints may leave fields out or null).
std::string jsonString(const Model::Json &object, const char *key);

// One Step Functions endpoint spoken to over AWS's JSON 1.0 protocol: a POST to the URL with
// X-Amz-Target: AWSStepFunctions.<Operation>. Every call answers asynchronously (the GUI
// thread never waits) and within a timeout; failures come back as one readable message
// (connection refused, HTTP status, or AWS's __type and message).
class EndpointClient : public QObject
{
    Q_OBJECT

  public:
    struct Reply
    {
        bool ok = false;
        Model::Json body;  // the answer when ok
        QString error;     // what went wrong otherwise
        QString errorType; // AWS's __type when the endpoint gave one
    };
    using Callback = std::function<void(const Reply &)>;

    explicit EndpointClient(QObject *parent = nullptr);

    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // With an access key, every call is signed with SigV4 (an endpoint started with
    // `serve --verify-sigv4`, or one that needs it); without one, calls go unsigned.
    void setCredentials(const Sim::SigV4Credentials &credentials) { m_credentials = credentials; }
    const Sim::SigV4Credentials &credentials() const { return m_credentials; }

    // Calls `operation` (e.g. "ListStateMachines") with `request`; `done` runs on this
    // object's thread once, unless the client is destroyed first.
    void call(const QString &operation, const Model::Json &request, Callback done);

  private:
    QNetworkAccessManager *m_network;
    QUrl m_url;
    int m_timeoutMs = 10000;
    Sim::SigV4Credentials m_credentials;
};

} // namespace Stepwise::App
