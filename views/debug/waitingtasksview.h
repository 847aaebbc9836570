#pragma once

#include "views/debug/waitingtask.h"

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Stepwise::Views {

class JsonHighlighter;

// "Waiting for people": every task waiting on the user, with its payload, token and time
// left. For the picked one: Approve (SendTaskSuccess with the edited JSON), Reject
// (SendTaskFailure with an error and cause), Heartbeat and Time out now; for an "ask me"
// Task: return the edited result or throw the error. The view only asks; the run answers.
class WaitingTasksView : public QWidget
{
    Q_OBJECT

  public:
    explicit WaitingTasksView(QWidget *parent = nullptr);

    // Keeps the picked task (by token) and the typed answer when it is still waiting.
    void setTasks(const std::vector<WaitingTask> &tasks);
    const std::vector<WaitingTask> &tasks() const { return m_tasks; }
    void setCurrentToken(const QString &token);
    QString currentToken() const;
    QPlainTextEdit *resultEdit() const { return m_result; }
    QLineEdit *errorEdit() const { return m_error; }
    QLineEdit *causeEdit() const { return m_cause; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *heartbeatButton() const { return m_heartbeat; }
    QPushButton *timeOutButton() const { return m_timeOut; }

  Q_SIGNALS:
    void approved(const QString &token, const Stepwise::Model::Json &result);
    void rejected(const QString &token, const QString &error, const QString &cause);
    void heartbeat(const QString &token);
    void timeOutNow(const QString &token);

  private:
    void showCurrent();
    void approve();
    // Why the typed result cannot be sent (not JSON), or none (then `value` holds it).
    std::optional<QString> resultProblem(Model::Json *value = nullptr) const;
    const WaitingTask *current() const;

    std::vector<WaitingTask> m_tasks;
    QString m_shownToken;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QPlainTextEdit *m_payload;
    QPlainTextEdit *m_result;
    QLabel *m_resultError;
    QLineEdit *m_error;
    QLineEdit *m_cause;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_heartbeat;
    QPushButton *m_timeOut;
};

} // namespace Stepwise::Views
