#include "views/debug/stageinspector.h"

#include "views/debug/linediff.h"
#include "views/editor/jsonhighlighter.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace Stepwise::Views {

namespace {

QString pretty(const Model::Json &json)
{
    return QString::fromStdString(json.dump(2));
}

} // namespace

StageInspector::StageInspector(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_stages(new QListWidget(this))
    , m_compare(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
    , m_expression(new QLineEdit(this))
    , m_result(new QPlainTextEdit(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stages->setObjectName(QStringLiteral("stageList"));
    m_text->setObjectName(QStringLiteral("stageText"));
    m_text->setReadOnly(true);
    m_text->setFont(mono);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_highlighter = new JsonHighlighter(m_text->document());
    m_compare->setObjectName(QStringLiteral("compareStage"));
    m_compare->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compare->setMinimumContentsLength(12);
    m_expression->setObjectName(QStringLiteral("expressionInput"));
    m_expression->setFont(mono);
    m_expression->setPlaceholderText(
        tr("JSONPath or intrinsic at the paused state: $.field, $$.State.Name, "
           "States.Format('{}', $.x)"));
    m_expression->setClearButtonEnabled(true);
    m_result->setObjectName(QStringLiteral("expressionResult"));
    m_result->setReadOnly(true);
    m_result->setFont(mono);
    m_result->setMaximumHeight(90);

    auto *compareRow = new QHBoxLayout;
    compareRow->setContentsMargins(0, 0, 0, 0);
    compareRow->addWidget(new QLabel(tr("Compare with:"), this));
    compareRow->addWidget(m_compare, 1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(compareRow);
    rightLayout->addWidget(m_text, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_stages);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({140, 360});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
    layout->addWidget(new QLabel(tr("Evaluate:"), this));
    layout->addWidget(m_expression);
    layout->addWidget(m_result);

    connect(m_stages, &QListWidget::currentRowChanged, this, [this] {
        showStage();
        Q_EMIT currentStageChanged(currentStage());
    });
    connect(m_compare, &QComboBox::currentIndexChanged, this, &StageInspector::showStage);
    connect(m_expression, &QLineEdit::returnPressed, this, &StageInspector::evaluate);
    setEvaluator(nullptr);
    clear();
}

void StageInspector::setVisit(const StageVisit &visit)
{
    const QString keep = currentStage();
    const QString keepCompare
        = m_compare->currentIndex() > 0 ? m_compare->currentText() : QString();
    m_visit = visit;
    m_title->setText(visit.title.isEmpty() ? visit.stateName : visit.title);
    const QSignalBlocker blockList(m_stages);
    const QSignalBlocker blockCompare(m_compare);
    m_stages->clear();
    m_compare->clear();
    m_compare->addItem(tr("(nothing)"));
    int current = -1;
    for (const auto &[name, json] : visit.stages) {
        m_stages->addItem(name);
        m_compare->addItem(name);
        if (name == keep)
            current = m_stages->count() - 1;
    }
    // A new visit opens on its output when the old stage is not there (what users look at).
    if (current < 0) {
        const QList<QListWidgetItem *> output
            = m_stages->findItems(QStringLiteral("output"), Qt::MatchExactly);
        current = output.isEmpty() ? m_stages->count() - 1 : m_stages->row(output.first());
    }
    m_stages->setCurrentRow(current);
    const int compare = keepCompare.isEmpty() ? -1 : m_compare->findText(keepCompare);
    m_compare->setCurrentIndex(std::max(0, compare));
    showStage();
    Q_EMIT currentStageChanged(currentStage());
}

void StageInspector::clear()
{
    StageVisit none;
    none.title = tr("No state visit to show: run the workflow and pick a state.");
    setVisit(none);
}

QStringList StageInspector::stageNames() const
{
    QStringList names;
    for (const auto &stage : m_visit.stages)
        names << stage.first;
    return names;
}

QString StageInspector::currentStage() const
{
    const QListWidgetItem *item = m_stages->currentItem();
    return item ? item->text() : QString();
}

void StageInspector::setCurrentStage(const QString &name)
{
    const QList<QListWidgetItem *> found = m_stages->findItems(name, Qt::MatchExactly);
    if (!found.isEmpty())
        m_stages->setCurrentItem(found.first());
}

void StageInspector::setCompareStage(const QString &name)
{
    m_compare->setCurrentIndex(name.isEmpty() ? 0 : std::max(0, m_compare->findText(name)));
}

QString StageInspector::shownText() const
{
    return m_text->toPlainText();
}

void StageInspector::setEvaluator(Evaluator evaluator)
{
    m_evaluator = std::move(evaluator);
    m_expression->setEnabled(bool(m_evaluator));
    m_result->setPlainText(m_evaluator ? QString()
                                       : tr("The console evaluates at a paused state."));
}

QString StageInspector::expressionResult() const
{
    return m_result->toPlainText();
}

void StageInspector::showStage()
{
    const int row = m_stages->currentRow();
    QList<QTextEdit::ExtraSelection> marks;
    if (row < 0 || row >= int(m_visit.stages.size())) {
        m_text->setPlainText(QString());
        m_text->setExtraSelections(marks);
        return;
    }
    const QString text = pretty(m_visit.stages[size_t(row)].second);
    const int compare = m_compare->currentIndex() - 1;
    if (compare < 0 || compare >= int(m_visit.stages.size()) || compare == row) {
        m_text->setPlainText(text);
        m_text->setExtraSelections(marks);
        return;
    }
    const QString base = pretty(m_visit.stages[size_t(compare)].second);
    const std::vector<DiffLine> diff
        = diffLines(base.split(QLatin1Char('\n')), text.split(QLatin1Char('\n')));
    QStringList lines;
    for (const DiffLine &line : diff) {
        const char *prefix = line.kind == DiffLine::Kind::Added     ? "+ "
                             : line.kind == DiffLine::Kind::Removed ? "- "
                                                                    : "  ";
        lines << QLatin1String(prefix) + line.text;
    }
    m_text->setPlainText(lines.join(QLatin1Char('\n')));
    // Whole-line backgrounds: green for added, red for removed.
    for (int i = 0; i < int(diff.size()); ++i) {
        if (diff[size_t(i)].kind == DiffLine::Kind::Same)
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_text->document()->findBlockByNumber(i));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.format.setBackground(diff[size_t(i)].kind == DiffLine::Kind::Added
                                      ? QColor(46, 160, 67, 60)
                                      : QColor(248, 81, 73, 60));
        marks << mark;
    }
    m_text->setExtraSelections(marks);
}

void StageInspector::evaluate()
{
    if (!m_evaluator)
        return;
    bool ok = false;
    const QString result = m_evaluator(m_expression->text(), &ok);
    m_result->setPlainText(ok ? result : tr("Error: %1").arg(result));
}

} // namespace Stepwise::Views
