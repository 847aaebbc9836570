#include "app/gui/endpointfollower.h"

#include "app/gui/endpointclient.h"
#include "simulator/debug/historyio.h"
#include "simulator/engine/executionstatusname.h"

namespace Stepwise::App {

namespace {

// The execution's status from its last event when that ends it; empty while it runs (a
// redriven execution's history holds an earlier end, followed by ExecutionRedriven).
QString endingStatus(const Model::Json &events)
{
    if (events.empty())
        return {};
    const auto type = Sim::historyEventTypeFromString(jsonString(events.back(), "type"));
    const char *status = type ? Sim::endedStatusName(*type) : nullptr;
    return status ? QString::fromLatin1(status) : QString();
}

std::int64_t eventId(const Model::Json &event)
{
    const auto id = event.find("id");
    return id != event.end() && id->is_number_integer() ? id->get<std::int64_t>() : 0;
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
    m_events = Model::Json::array();
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
    m_newEvents = Model::Json::array();
    requestPage(std::string());
}

void EndpointFollower::requestPage(const std::string &nextToken)
{
    // Newest first, until the pages reach the events already read: each poll transfers only
    // what is new (a history has no token for "after event N").
    Model::Json request = {{"executionArn", m_arn.toStdString()},
                           {"includeExecutionData", true},
                           {"reverseOrder", true},
                           {"maxResults", 200}};
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
                       const std::int64_t known = m_events.empty() ? 0 : eventId(m_events.back());
                       bool reachedKnown = false;
                       const auto events = reply.body.find("events");
                       if (events != reply.body.end() && events->is_array()) {
                           for (const Model::Json &event : *events) {
                               if (eventId(event) <= known) {
                                   reachedKnown = true;
                                   break;
                               }
                               m_newEvents.push_back(event);
                           }
                       }
                       const std::string next = jsonString(reply.body, "nextToken");
                       if (!next.empty() && !reachedKnown)
                           requestPage(next);
                       else
                           finishRound();
                   });
}

void EndpointFollower::finishRound()
{
    if (!m_newEvents.empty()) {
        for (auto it = m_newEvents.rbegin(); it != m_newEvents.rend(); ++it)
            m_events.push_back(std::move(*it));
        m_newEvents = Model::Json::array();
        auto events = Sim::readHistory(Model::Json{{"events", m_events}});
        if (!events) {
            stop();
            Q_EMIT failed(tr("The execution's history cannot be read: %1")
                              .arg(QString::fromStdString(events.error().toString())));
            return;
        }
        Q_EMIT historyChanged(*events);
    }
    const QString ending = endingStatus(m_events);
    if (!ending.isEmpty()) {
        m_status = ending;
        stop();
        Q_EMIT statusChanged(ending);
        return;
    }
    m_timer.start();
}

} // namespace Stepwise::App
