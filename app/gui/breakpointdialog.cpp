#include "app/gui/breakpointdialog.h"

#include "model/json/jsonreader.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Stepwise::App {

BreakpointDialog::BreakpointDialog(const QString &stateName, const BreakpointBook::Spec &spec,
                                   QWidget *parent)
    : QDialog(parent)
    , m_before(new QCheckBox(tr("Stop &before entry (its input known)"), this))
    , m_after(new QCheckBox(tr("Stop &after exit (its output known)"), this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_condition(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Breakpoint on %1").arg(stateName));
    m_before->setChecked(spec.beforeEntry);
    m_after->setChecked(spec.afterExit);
    m_enabled->setChecked(spec.enabled);
    m_condition->setObjectName(QStringLiteral("breakpointCondition"));
    m_condition->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_condition->setPlaceholderText(
        QStringLiteral("{\"Variable\": \"$.amount\", \"NumericGreaterThan\": 100}"));
    if (spec.condition)
        m_condition->setPlainText(QString::fromStdString(spec.condition->dump(2)));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_before);
    layout->addWidget(m_after);
    layout->addWidget(new QLabel(tr("Only when this Choice rule matches the state's input "
                                    "(empty: always):"),
                                 this));
    layout->addWidget(m_condition, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_enabled);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_condition, &QPlainTextEdit::textChanged, this, &BreakpointDialog::check);
    connect(m_before, &QCheckBox::toggled, this, &BreakpointDialog::check);
    connect(m_after, &QCheckBox::toggled, this, &BreakpointDialog::check);
    check();
}

BreakpointBook::Spec BreakpointDialog::spec() const
{
    BreakpointBook::Spec spec;
    spec.beforeEntry = m_before->isChecked();
    spec.afterExit = m_after->isChecked();
    spec.enabled = m_enabled->isChecked();
    const std::string text = m_condition->toPlainText().trimmed().toStdString();
    if (!text.empty()) {
        auto read = Model::readJson(text);
        if (read)
            spec.condition = read->value;
    }
    return spec;
}

void BreakpointDialog::check()
{
    QString problem;
    const std::string text = m_condition->toPlainText().trimmed().toStdString();
    if (!text.empty()) {
        auto read = Model::readJson(text);
        if (!read)
            problem = QString::fromStdString(read.error().toString());
        else if (!read->value.is_object())
            problem = tr("A condition is a Choice rule: a JSON object.");
    }
    if (!m_before->isChecked() && !m_after->isChecked())
        problem = tr("Choose when to stop: before entry, after exit, or both.");
    m_status->setText(problem);
    m_status->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #d13212"));
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace Stepwise::App
