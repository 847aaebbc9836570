#include "app/gui/endpointdialog.h"

#include "app/gui/endpointclient.h"
#include "app/gui/endpointfollower.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Stepwise::App {

namespace {

const char *const kUrlKey = "endpoint/url";
const char *const kRecentKey = "endpoint/recentUrls";
const char *const kSignKey = "endpoint/sign";
const char *const kAccessKeyKey = "endpoint/accessKeyId";
const char *const kRegionKey = "endpoint/region";

QString environment(const char *name)
{
    return qEnvironmentVariable(name);
}
constexpr int kArnRole = Qt::UserRole;

QString fromEpoch(const Model::Json &seconds)
{
    if (!seconds.is_number())
        return {};
    const auto ms = qint64(seconds.get<double>() * 1000.0);
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QString text(const Model::Json &object, const char *key)
{
    return QString::fromStdString(jsonString(object, key));
}

// The answer's list under `key`, or an empty one.
Model::Json listOf(const Model::Json &answer, const char *key)
{
    const auto it = answer.find(key);
    return it != answer.end() && it->is_array() ? *it : Model::Json::array();
}

Model::Json field(const Model::Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() ? *it : Model::Json();
}

} // namespace

EndpointDialog::EndpointDialog(QWidget *parent)
    : QDialog(parent)
    , m_client(new EndpointClient(this))
    , m_follower(new EndpointFollower(m_client, this))
    , m_url(new QComboBox(this))
    , m_signing(new QGroupBox(tr("Sign requests (SigV4)"), this))
    , m_accessKey(new QLineEdit(this))
    , m_secretKey(new QLineEdit(this))
    , m_sessionToken(new QLineEdit(this))
    , m_region(new QLineEdit(this))
    , m_followArn(new QLineEdit(this))
    , m_machines(new QTreeWidget(this))
    , m_executions(new QTreeWidget(this))
    , m_open(new QPushButton(tr("&Open Definition"), this))
    , m_follow(new QPushButton(tr("&Follow Execution"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Connect to Endpoint"));
    QSettings settings;
    m_url->setEditable(true);
    m_url->addItems(settings.value(kRecentKey).toStringList());
    m_url->setCurrentText(
        settings.value(kUrlKey, QStringLiteral("http://127.0.0.1:8083")).toString());
    auto *connectButton = new QPushButton(tr("&Connect"), this);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(new QLabel(tr("Endpoint URL:"), this));
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(connectButton);

    // Credentials: the environment's, as the AWS CLI would use them, else the remembered key.
    const QString envKey = environment("AWS_ACCESS_KEY_ID");
    m_accessKey->setText(envKey.isEmpty() ? settings.value(kAccessKeyKey).toString() : envKey);
    m_secretKey->setText(environment("AWS_SECRET_ACCESS_KEY"));
    m_secretKey->setEchoMode(QLineEdit::Password);
    m_sessionToken->setText(environment("AWS_SESSION_TOKEN"));
    m_sessionToken->setEchoMode(QLineEdit::Password);
    m_sessionToken->setPlaceholderText(tr("only for temporary credentials"));
    QString region = environment("AWS_REGION");
    if (region.isEmpty())
        region = environment("AWS_DEFAULT_REGION");
    if (region.isEmpty())
        region = settings.value(kRegionKey, QStringLiteral("us-east-1")).toString();
    m_region->setText(region);
    m_signing->setCheckable(true);
    m_signing->setChecked(settings.value(kSignKey, !envKey.isEmpty()).toBool());
    auto *signingForm = new QFormLayout(m_signing);
    signingForm->addRow(tr("Access key ID:"), m_accessKey);
    signingForm->addRow(tr("Secret access key:"), m_secretKey);
    signingForm->addRow(tr("Session token:"), m_sessionToken);
    signingForm->addRow(tr("Region:"), m_region);

    // An execution started elsewhere (the AWS CLI prints its ARN) is followed directly.
    m_followArn->setPlaceholderText(tr("arn:aws:states:...:execution:MACHINE:NAME"));
    m_followArn->setClearButtonEnabled(true);
    auto *followArnButton = new QPushButton(tr("Follow &ARN"), this);
    auto *arnRow = new QHBoxLayout;
    arnRow->addWidget(new QLabel(tr("Execution ARN:"), this));
    arnRow->addWidget(m_followArn, 1);
    arnRow->addWidget(followArnButton);
    connect(followArnButton, &QPushButton::clicked, this, &EndpointDialog::followExecutionArn);
    connect(m_followArn, &QLineEdit::returnPressed, this, &EndpointDialog::followExecutionArn);

    m_machines->setHeaderLabels({tr("State machine"), tr("Type"), tr("Created")});
    m_machines->setRootIsDecorated(false);
    m_executions->setHeaderLabels({tr("Execution"), tr("Status"), tr("Started")});
    m_executions->setRootIsDecorated(false);
    auto *lists = new QSplitter(Qt::Vertical, this);
    lists->addWidget(m_machines);
    lists->addWidget(m_executions);

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_open, QDialogButtonBox::ActionRole);
    buttons->addButton(m_follow, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(urlRow);
    layout->addWidget(m_signing);
    layout->addLayout(arnRow);
    layout->addWidget(lists, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(640, 600);
    // Enter in the URL field connects; it never presses another button of the dialog.
    for (QPushButton *button : findChildren<QPushButton *>())
        button->setAutoDefault(false);

    connect(connectButton, &QPushButton::clicked, this, &EndpointDialog::connectToEndpoint);
    connect(m_url->lineEdit(), &QLineEdit::returnPressed, this, &EndpointDialog::connectToEndpoint);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    connect(m_open, &QPushButton::clicked, this, &EndpointDialog::openSelectedDefinition);
    connect(m_follow, &QPushButton::clicked, this, &EndpointDialog::followSelectedExecution);
    connect(m_machines, &QTreeWidget::itemSelectionChanged, this,
            &EndpointDialog::refreshExecutions);
    connect(m_executions, &QTreeWidget::itemSelectionChanged, this, &EndpointDialog::updateButtons);
    connect(m_follower, &EndpointFollower::failed, this,
            [this](const QString &message) { setStatus(message, true); });
    connect(m_follower, &EndpointFollower::statusChanged, this, [this](const QString &status) {
        setStatus(tr("The execution ended: %1").arg(status));
        refreshExecutions();
    });
    updateButtons();
}

QString EndpointDialog::statusText() const
{
    return m_status->text();
}

void EndpointDialog::setStatus(const QString &message, bool error)
{
    m_status->setText(message);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

void EndpointDialog::rememberUrl(const QString &url)
{
    QSettings settings;
    settings.setValue(kUrlKey, url);
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(url);
    recent.prepend(url);
    while (recent.size() > 10)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
}

bool EndpointDialog::useEndpoint()
{
    const QString url = m_url->currentText().trimmed();
    const QUrl parsed = QUrl::fromUserInput(url);
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        setStatus(tr("\"%1\" is not an endpoint URL (e.g. http://127.0.0.1:8083)").arg(url), true);
        return false;
    }
    Sim::SigV4Credentials credentials;
    if (m_signing->isChecked()) {
        credentials.accessKeyId = m_accessKey->text().trimmed().toLatin1();
        credentials.secretAccessKey = m_secretKey->text().toLatin1();
        credentials.sessionToken = m_sessionToken->text().trimmed().toLatin1();
        credentials.region = m_region->text().trimmed().toLatin1();
        if (credentials.accessKeyId.isEmpty() || credentials.secretAccessKey.isEmpty()
            || credentials.region.isEmpty()) {
            setStatus(tr("Signing needs an access key ID, its secret access key and a region "
                         "(or uncheck \"Sign requests\")."),
                      true);
            return false;
        }
    }
    QSettings settings;
    settings.setValue(kSignKey, m_signing->isChecked());
    if (m_signing->isChecked()) {
        settings.setValue(kAccessKeyKey, m_accessKey->text().trimmed());
        settings.setValue(kRegionKey, m_region->text().trimmed());
    }
    m_client->setCredentials(credentials);
    m_client->setUrl(parsed);
    return true;
}

void EndpointDialog::connectToEndpoint()
{
    if (!useEndpoint())
        return;
    m_machines->clear();
    m_executions->clear();
    setStatus(tr("Connecting to %1...").arg(m_client->url().toString()));
    listMachinesPage(std::string(), ++m_machinesRound);
}

void EndpointDialog::followExecutionArn()
{
    const QString arn = m_followArn->text().trimmed();
    if (!arn.startsWith(QLatin1String("arn:")) || !arn.contains(QLatin1String(":execution:"))) {
        setStatus(tr("\"%1\" is not an execution ARN "
                     "(arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME)")
                      .arg(arn),
                  true);
        return;
    }
    if (!useEndpoint())
        return;
    setStatus(tr("Reading the definition %1 ran...").arg(arn.section(QLatin1Char(':'), -1)));
    // The definition the execution ran (it may have been updated since).
    m_client->call(QStringLiteral("DescribeStateMachineForExecution"),
                   Model::Json{{"executionArn", arn.toStdString()}},
                   [this, arn](const EndpointClient::Reply &reply) {
                       if (!reply.ok) {
                           setStatus(reply.error, true);
                           return;
                       }
                       Q_EMIT definitionFetched(
                           QByteArray::fromStdString(jsonString(reply.body, "definition")),
                           text(reply.body, "name"), arn);
                   });
}

void EndpointDialog::listMachinesPage(const std::string &nextToken, int round)
{
    Model::Json request = Model::Json::object();
    if (!nextToken.empty())
        request["nextToken"] = nextToken;
    m_client->call(
        QStringLiteral("ListStateMachines"), request,
        [this, round](const EndpointClient::Reply &reply) {
            if (round != m_machinesRound)
                return;
            if (!reply.ok) {
                setStatus(reply.error, true);
                return;
            }
            for (const Model::Json &machine : listOf(reply.body, "stateMachines")) {
                auto *item
                    = new QTreeWidgetItem(m_machines, {text(machine, "name"), text(machine, "type"),
                                                       fromEpoch(field(machine, "creationDate"))});
                item->setData(0, kArnRole, text(machine, "stateMachineArn"));
            }
            const std::string next = jsonString(reply.body, "nextToken");
            if (!next.empty()) {
                listMachinesPage(next, round);
                return;
            }
            rememberUrl(m_client->url().toString());
            setStatus(tr("%n state machine(s) at %1", nullptr, m_machines->topLevelItemCount())
                          .arg(m_client->url().toString()));
            if (m_machines->topLevelItemCount() > 0 && !m_machines->currentItem())
                m_machines->setCurrentItem(m_machines->topLevelItem(0));
            updateButtons();
        });
}

QString EndpointDialog::selectedMachineArn() const
{
    const QTreeWidgetItem *item = m_machines->currentItem();
    return item ? item->data(0, kArnRole).toString() : QString();
}

void EndpointDialog::refreshExecutions()
{
    updateButtons();
    const QString arn = selectedMachineArn();
    if (arn.isEmpty())
        return;
    m_executions->clear();
    listExecutionsPage(arn, std::string(), ++m_executionsRound);
}

void EndpointDialog::listExecutionsPage(const QString &machineArn, const std::string &nextToken,
                                        int round)
{
    Model::Json request = {{"stateMachineArn", machineArn.toStdString()}};
    if (!nextToken.empty())
        request["nextToken"] = nextToken;
    m_client->call(QStringLiteral("ListExecutions"), request,
                   [this, machineArn, round](const EndpointClient::Reply &reply) {
                       if (round != m_executionsRound)
                           return;
                       if (!reply.ok) {
                           setStatus(reply.error, true);
                           return;
                       }
                       for (const Model::Json &execution : listOf(reply.body, "executions")) {
                           auto *item = new QTreeWidgetItem(
                               m_executions, {text(execution, "name"), text(execution, "status"),
                                              fromEpoch(field(execution, "startDate"))});
                           item->setData(0, kArnRole, text(execution, "executionArn"));
                       }
                       const std::string next = jsonString(reply.body, "nextToken");
                       if (!next.empty())
                           listExecutionsPage(machineArn, next, round);
                       updateButtons();
                   });
}

void EndpointDialog::openSelectedDefinition()
{
    const QString arn = selectedMachineArn();
    if (!arn.isEmpty())
        fetchDefinition(arn, false, QString());
}

void EndpointDialog::followSelectedExecution()
{
    const QString machine = selectedMachineArn();
    const QTreeWidgetItem *item = m_executions->currentItem();
    if (machine.isEmpty() || !item)
        return;
    // The canvas shows the machine's definition first, so the history lights its states.
    fetchDefinition(machine, true, item->data(0, kArnRole).toString());
}

void EndpointDialog::fetchDefinition(const QString &machineArn, bool thenFollow,
                                     const QString &executionArn)
{
    setStatus(tr("Reading the definition..."));
    m_client->call(QStringLiteral("DescribeStateMachine"),
                   Model::Json{{"stateMachineArn", machineArn.toStdString()}},
                   [this, thenFollow, executionArn](const EndpointClient::Reply &reply) {
                       if (!reply.ok) {
                           setStatus(reply.error, true);
                           return;
                       }
                       const QString name = text(reply.body, "name");
                       if (!thenFollow)
                           setStatus(tr("Opened %1").arg(name));
                       Q_EMIT definitionFetched(
                           QByteArray::fromStdString(jsonString(reply.body, "definition")), name,
                           thenFollow ? executionArn : QString());
                   });
}

void EndpointDialog::startFollowing(const QString &executionArn)
{
    setStatus(tr("Following %1...").arg(executionArn.section(QLatin1Char(':'), -1)));
    m_follower->follow(executionArn);
    Q_EMIT followStarted(executionArn);
}

void EndpointDialog::updateButtons()
{
    m_open->setEnabled(m_machines->currentItem() != nullptr);
    m_follow->setEnabled(m_machines->currentItem() != nullptr
                         && m_executions->currentItem() != nullptr);
}

} // namespace Stepwise::App
