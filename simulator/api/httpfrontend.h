#pragma once

#include "simulator/api/apierror.h"
#include "simulator/api/sigv4.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <atomic>
#include <map>
#include <memory>
#include <optional>

namespace Stepwise::Api {

class Service;

struct FrontendOptions
{
    std::optional<SigV4Verifier> verifier; // --verify-sigv4: every request must be signed
    std::size_t maxRequestBytes = 1048576; // AWS's 1 MB request limit
    bool logRequests = false;
};

// The HTTP face of the endpoint: AWS's JSON 1.0 protocol (POST /, X-Amz-Target:
// AWSStepFunctions.<Operation>, Content-Type application/x-amz-json-1.0) on Qt HTTP Server.
// Bodies are parsed and errors answered here; operations run in the Service. Replies that
// come later (StartSyncExecution, long polls) are written on this object's thread.
class HttpFrontend : public QAbstractHttpServer
{
    Q_OBJECT

  public:
    HttpFrontend(Service &service, FrontendOptions options, QObject *parent = nullptr);
    ~HttpFrontend() override;

    // Requests accepted and not yet answered.
    std::size_t inFlight() const { return m_pending.size(); }
    std::uint64_t handled() const { return m_handled; }

  protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

  private:
    void respond(std::uint64_t id, const ApiReply &reply);

    struct Pending
    {
        QPointer<QTcpSocket> socket;
        std::unique_ptr<QHttpServerResponder> responder;
    };

    Service &m_service;
    FrontendOptions m_options;
    std::map<std::uint64_t, Pending> m_pending;
    std::uint64_t m_nextId = 1;
    std::uint64_t m_handled = 0;
};

} // namespace Stepwise::Api
