#include "views/debug/waitingtasksview.h"

#include "model/json/jsonreader.h"
#include "views/canvas/runstatus.h"
#include "views/editor/jsonhighlighter.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Stepwise::Views {

namespace {

QString timeLeft(const WaitingTask &task)
{
    if (task.kind == WaitingTask::Kind::AskMe)
        return QObject::tr("your answer");
    if (task.remainingMillis < 0)
        return QObject::tr("no timeout");
    return countdownText(task.remainingMillis);
}

} // namespace

WaitingTasksView::WaitingTasksView(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_payload(new QPlainTextEdit(this))
    , m_result(new QPlainTextEdit(this))
    , m_resultError(new QLabel(this))
    , m_error(new QLineEdit(this))
    , m_cause(new QLineEdit(this))
    , m_approve(new QPushButton(tr("&Approve"), this))
    , m_reject(new QPushButton(tr("&Reject"), this))
    , m_heartbeat(new QPushButton(tr("&Heartbeat"), this))
    , m_timeOut(new QPushButton(tr("&Time Out Now"), this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_list->setObjectName(QStringLiteral("waitingList"));
    m_list->setHeaderLabels({tr("State"), tr("Time left"), tr("Token")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 140);
    m_list->setColumnWidth(1, 90);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_payload->setReadOnly(true);
    m_payload->setFont(mono);
    new JsonHighlighter(m_payload->document());
    m_result->setObjectName(QStringLiteral("waitingResult"));
    m_result->setFont(mono);
    m_result->setTabChangesFocus(true);
    new JsonHighlighter(m_result->document());
    m_resultError->setStyleSheet(QStringLiteral("color: #d13212"));
    m_error->setObjectName(QStringLiteral("waitingError"));
    m_error->setPlaceholderText(QStringLiteral("Approval.Rejected"));
    m_cause->setObjectName(QStringLiteral("waitingCause"));
    m_cause->setPlaceholderText(tr("Why"));
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_heartbeat->setObjectName(QStringLiteral("heartbeatButton"));
    m_timeOut->setObjectName(QStringLiteral("timeOutButton"));

    auto *detail = new QWidget(this);
    auto *form = new QVBoxLayout(detail);
    form->setContentsMargins(0, 0, 0, 0);
    form->addWidget(m_summary);
    form->addWidget(new QLabel(tr("Payload sent by the task:"), detail));
    form->addWidget(m_payload, 1);
    form->addWidget(new QLabel(tr("Result to send (JSON):"), detail));
    form->addWidget(m_result, 1);
    form->addWidget(m_resultError);
    auto *failure = new QFormLayout;
    failure->addRow(tr("Error:"), m_error);
    failure->addRow(tr("Cause:"), m_cause);
    form->addLayout(failure);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_heartbeat);
    buttons->addWidget(m_timeOut);
    buttons->addStretch(1);
    form->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(detail);
    splitter->setSizes({90, 300});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &WaitingTasksView::showCurrent);
    connect(m_approve, &QPushButton::clicked, this, &WaitingTasksView::approve);
    // The result is checked as it is typed: Approve / Return Result only sends valid JSON.
    connect(m_result, &QPlainTextEdit::textChanged, this, [this] {
        if (!current())
            return;
        const std::optional<QString> problem = resultProblem();
        m_resultError->setText(problem.value_or(QString()));
        m_approve->setEnabled(!problem);
    });
    connect(m_reject, &QPushButton::clicked, this, [this] {
        if (const WaitingTask *task = current())
            Q_EMIT rejected(task->token, m_error->text().trimmed(), m_cause->text());
    });
    connect(m_heartbeat, &QPushButton::clicked, this, [this] {
        if (const WaitingTask *task = current())
            Q_EMIT heartbeat(task->token);
    });
    connect(m_timeOut, &QPushButton::clicked, this, [this] {
        if (const WaitingTask *task = current())
            Q_EMIT timeOutNow(task->token);
    });
    setTasks({});
}

void WaitingTasksView::setTasks(const std::vector<WaitingTask> &tasks)
{
    const QString keep = currentToken();
    m_tasks = tasks;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    QTreeWidgetItem *keepItem = nullptr;
    for (const WaitingTask &task : m_tasks) {
        auto *item = new QTreeWidgetItem(m_list, {task.stateName, timeLeft(task), task.token});
        item->setData(0, Qt::UserRole, task.token);
        item->setToolTip(2, task.token);
        if (task.token == keep)
            keepItem = item;
    }
    if (!keepItem && m_list->topLevelItemCount() > 0)
        keepItem = m_list->topLevelItem(0);
    m_list->setCurrentItem(keepItem);
    showCurrent();
}

void WaitingTasksView::setCurrentToken(const QString &token)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(0, Qt::UserRole).toString() == token)
            m_list->setCurrentItem(m_list->topLevelItem(i));
    }
}

QString WaitingTasksView::currentToken() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

const WaitingTask *WaitingTasksView::current() const
{
    const QString token = currentToken();
    for (const WaitingTask &task : m_tasks) {
        if (task.token == token)
            return &task;
    }
    return nullptr;
}

void WaitingTasksView::showCurrent()
{
    const WaitingTask *task = current();
    const bool any = task != nullptr;
    const bool token = any && task->kind == WaitingTask::Kind::TaskToken;
    m_approve->setEnabled(any);
    m_reject->setEnabled(any);
    m_heartbeat->setEnabled(token);
    m_timeOut->setEnabled(token && task->remainingMillis >= 0);
    m_approve->setText(token || !any ? tr("&Approve") : tr("&Return Result"));
    m_reject->setText(token || !any ? tr("&Reject") : tr("&Throw Error"));
    m_result->setEnabled(any);
    m_error->setEnabled(any);
    m_cause->setEnabled(any);
    if (!any) {
        m_summary->setText(tr("No task is waiting. Tasks with .waitForTaskToken, and every Task "
                              "when task results are \"ask me\", wait here for you."));
        m_payload->clear();
        m_shownToken.clear();
        return;
    }
    QString summary
        = token ? tr("<b>%1</b> waits for its task token to be sent back; %2.")
                      .arg(task->stateName.toHtmlEscaped(), timeLeft(*task))
                : tr("<b>%1</b> (%2) asks you for its result: return it, or throw an error.")
                      .arg(task->stateName.toHtmlEscaped(), task->resource.toHtmlEscaped());
    if (task->heartbeatRemainingMillis >= 0)
        summary += tr(" Heartbeat due in %1.").arg(countdownText(task->heartbeatRemainingMillis));
    m_summary->setText(summary);
    m_payload->setPlainText(QString::fromStdString(task->payload.dump(2)));
    // A new task gets its suggested answer; the same one keeps what the user typed.
    if (task->token != m_shownToken) {
        m_result->setPlainText(QString::fromStdString(task->suggestedResult.dump(2)));
        m_resultError->clear();
        m_error->setText(task->suggestedError);
        m_cause->setText(task->suggestedCause);
        m_error->setPlaceholderText(token ? QStringLiteral("Approval.Rejected")
                                          : QStringLiteral("States.TaskFailed"));
        m_shownToken = task->token;
    }
    m_approve->setEnabled(!resultProblem());
}

std::optional<QString> WaitingTasksView::resultProblem(Model::Json *value) const
{
    const std::string text = m_result->toPlainText().toStdString();
    Model::JsonReadOptions options;
    options.buildSourceMap = false;
    Model::Result<Model::ParsedJson> read = Model::readJson(text, options);
    if (!read)
        return tr("The result is not valid JSON: %1")
            .arg(QString::fromStdString(read.error().toString()));
    if (value)
        *value = std::move(read.value().value);
    return std::nullopt;
}

void WaitingTasksView::approve()
{
    const WaitingTask *task = current();
    if (!task)
        return;
    Model::Json value;
    if (const std::optional<QString> problem = resultProblem(&value)) {
        m_resultError->setText(*problem);
        return;
    }
    m_resultError->clear();
    Q_EMIT approved(task->token, value);
}

} // namespace Stepwise::Views
