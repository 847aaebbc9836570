#include "app/gui/endpointfollower.h"

#include "app/gui/endpointclient.h"
#include "simulator/debug/historyio.h"

namespace Stepwise::App {

namespace {

// The execution's status from the event that ends it; empty while it runs.
QString endingStatus(const Model::Json &events)
{
    static const std::pair<const char *, const char *> endings[]
        = {{"ExecutionSucceeded", "SUCCEEDED"},
           {"ExecutionFailed", "FAILED"},
           {"ExecutionTimedOut", "TIMED_OUT"},
           {"ExecutionAborted", "ABORTED"}};
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        const std::string type = jsonString(*it, "type");
        for (const auto &[event, status] : endings) {
            if (type == event)
                return QString::fromLatin1(status);
        }
    }
    return {};
}

} // namespace

EndpointFollower::EndpointFollower(EndpointClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &EndpointFollower::poll);
}

void EndpointFollower::follow(const QString &executionArn)
{
    stop();
    m_arn = executionArn;
    m_status = QStringLiteral("RUNNING");
    m_shownCount = 0;
    poll();
}

void EndpointFollower::stop()
{
    ++m_round;
    m_timer.stop();
    m_arn.clear();
}

void EndpointFollower::poll()
{
    if (m_arn.isEmpty())
        return;
    ++m_round;
    m_pages = Model::Json::array();
    requestPage(std::string());
}

void EndpointFollower::requestPage(const std::string &nextToken)
{
    Model::Json request = {{"executionArn", m_arn.toStdString()},
                           {"includeExecutionData", true},
                           {"maxResults", 1000}};
    if (!nextToken.empty())
        request["nextToken"] = nextToken;
    const int round = m_round;
    m_client->call(QStringLiteral("GetExecutionHistory"), request,
                   [this, round](const EndpointClient::Reply &reply) {
                       if (round != m_round)
                           return;
                       if (!reply.ok) {
                           stop();
                           Q_EMIT failed(reply.error);
                           return;
                       }
                       const auto events = reply.body.find("events");
                       if (events != reply.body.end() && events->is_array()) {
                           for (const Model::Json &event : *events)
                               m_pages.push_back(event);
                       }
                       const std::string next = jsonString(reply.body, "nextToken");
                       if (!next.empty())
                           requestPage(next);
                       else
                           finishRound();
                   });
}

void EndpointFollower::finishRound()
{
    const QString ending = endingStatus(m_pages);
    if (m_pages.size() != m_shownCount) {
        auto events = Sim::readHistory(Model::Json{{"events", m_pages}});
        if (!events) {
            stop();
            Q_EMIT failed(tr("The execution's history cannot be read: %1")
                              .arg(QString::fromStdString(events.error().toString())));
            return;
        }
        m_shownCount = m_pages.size();
        Q_EMIT historyChanged(*events);
    }
    if (!ending.isEmpty()) {
        m_status = ending;
        stop();
        Q_EMIT statusChanged(ending);
        return;
    }
    m_timer.start();
}

} // namespace Stepwise::App
