#include "views/editor/diagnosticsview.h"

#include <QHeaderView>
#include <QStyle>

namespace Stepwise::Views {

namespace {

enum Column { SeverityColumn, CodeColumn, MessageColumn, StateColumn, LineColumn };
enum Role { StateRole = Qt::UserRole + 1, LineRole, ColumnRole };

QIcon severityIcon(const QStyle *style, Model::Severity severity)
{
    switch (severity) {
    case Model::Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Model::Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Model::Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

} // namespace

DiagnosticsView::DiagnosticsView(const Model::Workflow *workflow, QWidget *parent)
    : QTreeWidget(parent)
    , m_workflow(workflow)
{
    setObjectName(QStringLiteral("diagnosticsView"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setHeaderLabels({tr("Severity"), tr("Code"), tr("Message"), tr("State"), tr("Line")});
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(SeverityColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(CodeColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Q_EMIT diagnosticActivated(item->data(0, StateRole).toUInt(),
                                   item->data(0, LineRole).toInt(),
                                   item->data(0, ColumnRole).toInt());
    });
    rebuild();
}

void DiagnosticsView::setDiagnostics(const std::vector<Model::Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    rebuild();
}

void DiagnosticsView::setParseError(const std::optional<Model::Error> &error)
{
    m_parseError = error;
    rebuild();
}

void DiagnosticsView::rebuild()
{
    clear();
    m_errors = 0;
    m_warnings = 0;
    auto addRow = [this](Model::Severity severity, const QString &code, const QString &message,
                         Model::StateId state, int line, int column) {
        auto *item = new QTreeWidgetItem(this);
        item->setIcon(SeverityColumn, severityIcon(style(), severity));
        item->setText(SeverityColumn, QString::fromLatin1(Model::toString(severity)));
        item->setText(CodeColumn, code);
        item->setText(MessageColumn, message);
        item->setToolTip(MessageColumn, message);
        if (state != 0)
            item->setText(StateColumn, QString::fromStdString(m_workflow->name(state)));
        if (line > 0)
            item->setText(LineColumn, QStringLiteral("%1:%2").arg(line).arg(column));
        item->setData(0, StateRole, state);
        item->setData(0, LineRole, line);
        item->setData(0, ColumnRole, column);
        if (severity == Model::Severity::Error)
            ++m_errors;
        else if (severity == Model::Severity::Warning)
            ++m_warnings;
    };
    if (m_parseError) {
        addRow(Model::Severity::Error, QStringLiteral("JSON_SYNTAX"),
               tr("The text does not parse (the diagram shows the last valid definition): %1")
                   .arg(QString::fromStdString(m_parseError->message)),
               0, m_parseError->location.line, m_parseError->location.column);
    } else {
        for (const Model::Diagnostic &d : m_diagnostics) {
            Model::StateId state
                = d.location.pointer.empty() ? 0 : m_workflow->stateAtPointer(d.location.pointer);
            addRow(d.severity, QString::fromStdString(d.code), QString::fromStdString(d.message),
                   state, d.location.line, d.location.column);
        }
    }
    Q_EMIT countsChanged(m_errors, m_warnings);
}

} // namespace Stepwise::Views
