#pragma once

#include "model/json/json.h"

#include <QDialog>
#include <QString>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace Stepwise::App {

class EndpointClient;
class EndpointFollower;

// File > Connect to Endpoint: an endpoint's state machines and, for the chosen one, its
// executions; opens a definition on the canvas and follows an execution live. The URL and the
// recently used ones are remembered. Nothing here waits: every list fills in when its answer
// comes, and errors show in the dialog's status line.
class EndpointDialog : public QDialog
{
    Q_OBJECT

  public:
    explicit EndpointDialog(QWidget *parent = nullptr);

    EndpointClient *client() const { return m_client; }
    EndpointFollower *follower() const { return m_follower; }
    QComboBox *urlBox() const { return m_url; }
    // "Sign requests (SigV4)": checked, the access key, secret, session token and region
    // sign every call; prefilled from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
    // AWS_SESSION_TOKEN and AWS_REGION. The key id and region are remembered, never the secret.
    QGroupBox *signingBox() const { return m_signing; }
    QLineEdit *accessKeyField() const { return m_accessKey; }
    QLineEdit *secretKeyField() const { return m_secretKey; }
    QLineEdit *sessionTokenField() const { return m_sessionToken; }
    QLineEdit *regionField() const { return m_region; }
    QLineEdit *followArnField() const { return m_followArn; }
    QTreeWidget *machineList() const { return m_machines; }
    QTreeWidget *executionList() const { return m_executions; }
    QString statusText() const;

    // The commands behind the buttons (tests call them too).
    void connectToEndpoint();
    void refreshExecutions();
    void openSelectedDefinition();
    void followSelectedExecution();
    // Follows the execution whose ARN is in the "Execution ARN" field, on the definition it
    // ran (DescribeStateMachineForExecution): one started with the AWS CLI, for instance.
    void followExecutionArn();
    // Follows `executionArn` (once its machine's definition is on the canvas).
    void startFollowing(const QString &executionArn);

  Q_SIGNALS:
    // DescribeStateMachine answered: the definition's text and the machine's name, and the
    // execution to follow once it is open (empty: none). Whoever opens it calls
    // startFollowing(); declining to open it (an unsaved document kept) follows nothing.
    void definitionFetched(const QByteArray &definition, const QString &name,
                           const QString &followArn);
    // Following `executionArn` of the machine whose definition was fetched just before.
    void followStarted(const QString &executionArn);

  private:
    void listMachinesPage(const std::string &nextToken, int round);
    void listExecutionsPage(const QString &machineArn, const std::string &nextToken, int round);
    void fetchDefinition(const QString &machineArn, bool thenFollow, const QString &executionArn);
    // The URL and credentials of the fields, given to the client; false (and why, in the
    // status line) when they are not usable.
    bool useEndpoint();
    void setStatus(const QString &text, bool error = false);
    void rememberUrl(const QString &url);
    QString selectedMachineArn() const;
    void updateButtons();

    EndpointClient *m_client;
    EndpointFollower *m_follower;
    QComboBox *m_url;
    QGroupBox *m_signing;
    QLineEdit *m_accessKey;
    QLineEdit *m_secretKey;
    QLineEdit *m_sessionToken;
    QLineEdit *m_region;
    QLineEdit *m_followArn;
    QTreeWidget *m_machines;
    QTreeWidget *m_executions;
    QPushButton *m_open;
    QPushButton *m_follow;
    QLabel *m_status;
    int m_machinesRound = 0;
    int m_executionsRound = 0;
};

} // namespace Stepwise::App
