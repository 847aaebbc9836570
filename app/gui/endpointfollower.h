#pragma once

#include "model/json/json.h"
#include "simulator/engine/historyevent.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

namespace Stepwise::App {

class EndpointClient;

// Follows one execution on an endpoint: reads the events new since the last poll
// (GetExecutionHistory newest first, with the data) every interval while it runs, and says
// when the history grew and when the execution ended. One request at a time; a slow endpoint delays
// the next poll instead of piling requests up.
class EndpointFollower : public QObject
{
    Q_OBJECT

  public:
    explicit EndpointFollower(EndpointClient *client, QObject *parent = nullptr);

    void follow(const QString &executionArn);
    void stop();
    void setInterval(int ms) { m_timer.setInterval(ms); }

    bool isFollowing() const { return !m_arn.isEmpty(); }
    QString executionArn() const { return m_arn; }
    // RUNNING until the history ends the execution, then its final status (SUCCEEDED, ...).
    QString status() const { return m_status; }

  Q_SIGNALS:
    void historyChanged(const std::vector<Sim::HistoryEvent> &events);
    void statusChanged(const QString &status);
    void failed(const QString &message);

  private:
    void poll();
    void requestPage(const std::string &nextToken);
    void finishRound();

    EndpointClient *m_client;
    QTimer m_timer;
    QString m_arn;
    QString m_status;
    Model::Json m_events = Model::Json::array();    // every event read, oldest first
    Model::Json m_newEvents = Model::Json::array(); // this poll's, newest first
    int m_round = 0; // a stop or a new follow() drops answers of older rounds
};

} // namespace Stepwise::App
