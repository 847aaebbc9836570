#include "views/editor/asleditor.h"

#include "model/document.h"
#include "model/io/yamlconvert.h"
#include "model/json/jsonwriter.h"
#include "views/editor/jsonhighlighter.h"
#include "views/editor/linenumberarea.h"
#include "views/editor/yamlhighlighter.h"
#include "views/theme/theme.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

namespace Stepwise::Views {

using Model::StateId;

AslEditor::AslEditor(Model::Document *document, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_document(document)
    , m_modeling(document)
    , m_highlighter(new JsonHighlighter(this->document()))
    , m_yamlHighlighter(new YamlHighlighter(this->document()))
    , m_lineNumbers(new LineNumberArea(this))
{
    setObjectName(QStringLiteral("aslEditor"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    // One undo history for all views: the document's.
    setUndoRedoEnabled(false);
    m_yamlHighlighter->setDocument(nullptr); // JSON until told otherwise
    applyTheme();

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &AslEditor::applyPendingText);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(0);
    connect(&m_refresh, &QTimer::timeout, this, &AslEditor::refreshFromModel);

    // YAML files are shown and edited as YAML.
    connect(m_document, &Model::Document::loaded, this,
            [this](const QString &path) { setTextFormat(Model::formatForPath(path)); });
    connect(this, &QPlainTextEdit::textChanged, this, &AslEditor::onTextEdited);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &AslEditor::onCursorMoved);
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });

    Model::Workflow *workflow = m_document->workflow();
    connect(workflow, &Model::Workflow::modelReset, this, &AslEditor::scheduleRefresh);
    connect(workflow, &Model::Workflow::stateAdded, this, &AslEditor::scheduleRefresh);
    connect(workflow, &Model::Workflow::stateRemoved, this, &AslEditor::scheduleRefresh);
    connect(workflow, &Model::Workflow::stateRenamed, this, &AslEditor::scheduleRefresh);
    connect(workflow, &Model::Workflow::stateChanged, this, &AslEditor::scheduleRefresh);
    connect(workflow, &Model::Workflow::stateMoved, this, &AslEditor::scheduleRefresh);
    connect(workflow, &Model::Workflow::scopeChanged, this, &AslEditor::scheduleRefresh);

    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    refreshFromModel();
}

AslEditor::~AslEditor() = default;

const Model::SourceMap *AslEditor::sourceMap() const
{
    return m_sourceMap ? &*m_sourceMap : nullptr;
}

void AslEditor::applyTheme()
{
    m_highlighter->setColors(themeColors(palette()));
    m_yamlHighlighter->setColors(themeColors(palette()));
}

void AslEditor::setTextFormat(Model::FileFormat format)
{
    if (format == m_format)
        return;
    applyPendingText();
    m_format = format;
    const bool yaml = format == Model::FileFormat::Yaml;
    m_highlighter->setDocument(yaml ? nullptr : document());
    m_yamlHighlighter->setDocument(yaml ? document() : nullptr);
    m_refresh.stop();
    refreshFromModel();
    Q_EMIT textFormatChanged();
}

Model::Result<Model::ParsedJson> AslEditor::parseText(const QString &text) const
{
    const QByteArray utf8 = text.toUtf8();
    const std::string_view view(utf8.constData(), size_t(utf8.size()));
    if (m_format == Model::FileFormat::Yaml)
        return Model::readYaml(view);
    return Model::readJson(view);
}

QString AslEditor::modelText() const
{
    const Model::Json definition = m_document->workflow()->toJson();
    if (m_format == Model::FileFormat::Yaml)
        return QString::fromStdString(Model::jsonToYaml(definition));
    return QString::fromStdString(Model::toCanonicalText(definition));
}

void AslEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void AslEditor::onTextEdited()
{
    if (m_rewriting)
        return;
    m_pending = true;
    m_debounce.start();
}

void AslEditor::scheduleRefresh()
{
    if (!m_applying)
        m_refresh.start();
}

void AslEditor::applyPendingText()
{
    m_debounce.stop();
    if (!m_pending)
        return;
    m_pending = false;
    const QString text = toPlainText();
    Model::Result<Model::ParsedJson> parsed = parseText(text);
    m_offsets = TextOffsets(text);
    if (!parsed || !parsed->value.is_object()) {
        Model::Error error;
        if (!parsed) {
            error = parsed.error();
        } else {
            error.message = m_format == Model::FileFormat::Yaml
                                ? "an ASL definition must be a YAML mapping"
                                : "an ASL definition must be a JSON object";
            error.location.line = 1;
            error.location.column = 1;
            error.location.offset = 0;
        }
        m_parseError = error;
        m_sourceMap.reset();
        m_ranges.clear();
        updateExtraSelections();
        Q_EMIT parseStatusChanged();
        return;
    }
    const bool hadError = m_parseError.has_value();
    m_parseError.reset();
    m_applying = true;
    m_modeling.replaceDefinition(parsed->value); // refused when the definition is unchanged
    m_applying = false;
    reindex(std::move(parsed->sourceMap));
    if (hadError)
        Q_EMIT parseStatusChanged();
}

void AslEditor::syncWithModel()
{
    if (m_refresh.isActive()) {
        m_refresh.stop();
        refreshFromModel();
    }
}

void AslEditor::refreshFromModel()
{
    // The model changed under us (another view, undo): show its text, keeping the view.
    m_debounce.stop();
    m_pending = false;
    const QString text = modelText();
    const QString current = toPlainText();
    if (text != current) {
        // Replace only the part that differs: the cursor, the scroll position and the
        // highlighting of untouched lines stay, and big documents update quickly.
        const qsizetype shortest = std::min(text.size(), current.size());
        qsizetype prefix = 0;
        while (prefix < shortest && text[prefix] == current[prefix])
            ++prefix;
        qsizetype suffix = 0;
        while (suffix < shortest - prefix
               && text[text.size() - 1 - suffix] == current[current.size() - 1 - suffix])
            ++suffix;
        const int scroll = verticalScrollBar()->value();
        m_rewriting = true;
        QTextCursor edit(document());
        edit.setPosition(int(prefix));
        edit.setPosition(int(current.size() - suffix), QTextCursor::KeepAnchor);
        edit.insertText(text.mid(prefix, text.size() - prefix - suffix));
        verticalScrollBar()->setValue(scroll);
        m_rewriting = false;
    }
    const bool hadError = m_parseError.has_value();
    m_parseError.reset();
    m_offsets = TextOffsets(text);
    auto parsed = parseText(text);
    reindex(parsed ? std::move(parsed->sourceMap) : Model::SourceMap());
    if (hadError)
        Q_EMIT parseStatusChanged();
}

void AslEditor::reindex(Model::SourceMap map)
{
    m_sourceMap = std::move(map);
    m_ranges.clear();
    const QString text = toPlainText();
    const Model::Workflow *workflow = m_document->workflow();
    for (StateId id : workflow->allStates()) {
        const std::string pointer = workflow->pointer(id);
        if (!m_sourceMap->contains(pointer))
            continue;
        const int keyStart = m_offsets.toPosition(m_sourceMap->locateKey(pointer).offset);
        const int valueStart = m_offsets.toPosition(m_sourceMap->locate(pointer).offset);
        const int end = m_format == Model::FileFormat::Yaml
                            ? yamlBlockEnd(text, std::min(keyStart, valueStart))
                            : matchingBracketEnd(text, valueStart);
        if (end > 0)
            m_ranges.push_back({id, std::min(keyStart, valueStart), end});
    }
    updateExtraSelections();
}

std::pair<int, int> AslEditor::stateRange(StateId id) const
{
    for (const StateRange &range : m_ranges) {
        if (range.id == id)
            return {range.start, range.end};
    }
    return {0, 0};
}

void AslEditor::selectState(StateId id)
{
    auto [start, end] = stateRange(id);
    if (end <= start)
        return;
    QTextCursor cursor(document());
    cursor.setPosition(start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    m_cursorState = id; // the canvas asked: don't echo it back
    const bool blocked = blockSignals(true);
    setTextCursor(cursor);
    blockSignals(blocked);
    // Show the state's first line near the top rather than wherever ensureCursorVisible lands.
    QTextCursor top(document());
    top.setPosition(start);
    const int targetLine = top.blockNumber();
    verticalScrollBar()->setValue(std::max(0, targetLine - 2));
    viewport()->update();
}

void AslEditor::onCursorMoved()
{
    if (m_rewriting)
        return;
    const int position = textCursor().position();
    StateId best = 0;
    int bestSize = INT_MAX;
    for (const StateRange &range : m_ranges) {
        if (position >= range.start && position < range.end && range.end - range.start < bestSize) {
            best = range.id;
            bestSize = range.end - range.start;
        }
    }
    if (best != m_cursorState) {
        m_cursorState = best;
        Q_EMIT stateAtCursorChanged(best);
    }
}

std::pair<int, int> AslEditor::rangeOfPointer(const std::string &pointer, bool wholeValue) const
{
    if (!m_sourceMap)
        return {0, 0};
    const QString text = toPlainText();
    const Model::Location value = m_sourceMap->locate(pointer);
    if (value.offset < 0)
        return {0, 0};
    const int start = m_offsets.toPosition(value.offset);
    if (start >= text.size())
        return {0, 0};
    if (m_format == Model::FileFormat::Yaml) {
        // A block value starts on a later line than its key: underline the key; a scalar
        // (or flow value) to the end of its line.
        const Model::Location key = m_sourceMap->locateKey(value.pointer);
        const int keyStart = key.offset >= 0 ? m_offsets.toPosition(key.offset) : start;
        const int keyLineEnd = int(text.indexOf(QLatin1Char('\n'), keyStart));
        const bool block = keyStart < start && keyLineEnd >= 0 && keyLineEnd < start;
        if (block && !wholeValue) {
            const int colon = int(text.indexOf(QLatin1Char(':'), keyStart));
            return {keyStart, colon > keyStart && colon <= keyLineEnd ? colon : keyLineEnd};
        }
        if (block)
            return {keyStart, std::max(keyStart + 1, yamlBlockEnd(text, keyStart))};
        int end = int(text.indexOf(QLatin1Char('\n'), start));
        if (end < 0)
            end = int(text.size());
        while (end > start + 1 && text[end - 1] == QLatin1Char(' '))
            --end;
        return {start, std::max(start + 1, end)};
    }
    const QChar first = text[start];
    if (first == QLatin1Char('{') || first == QLatin1Char('[')) {
        if (wholeValue)
            return {start, std::max(start + 1, matchingBracketEnd(text, start))};
        // Underline the key naming the object rather than its whole body.
        const Model::Location key = m_sourceMap->locateKey(value.pointer);
        const int keyStart = m_offsets.toPosition(key.offset);
        if (keyStart < start && text[keyStart] == QLatin1Char('"')) {
            int keyEnd = int(text.indexOf(QLatin1Char('"'), keyStart + 1));
            return {keyStart, keyEnd < 0 ? keyStart + 1 : keyEnd + 1};
        }
        return {start, start + 1};
    }
    int end = start + 1;
    if (first == QLatin1Char('"')) {
        while (end < text.size() && text[end] != QLatin1Char('"'))
            end += text[end] == QLatin1Char('\\') ? 2 : 1;
        end = std::min(int(text.size()), end + 1);
    } else {
        while (end < text.size() && !QStringLiteral(",}] \n\t").contains(text[end]))
            ++end;
    }
    return {start, end};
}

void AslEditor::setDiagnostics(const std::vector<Model::Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    updateExtraSelections();
}

void AslEditor::updateExtraSelections()
{
    const ThemeColors colors = themeColors(palette());
    m_underlines.clear();
    if (m_parseError) {
        const QString text = toPlainText();
        int start = m_offsets.toPosition(m_parseError->location.offset);
        if (m_parseError->location.offset < 0) {
            QTextBlock block = document()->findBlockByNumber(m_parseError->location.line - 1);
            start = block.isValid() ? block.position() + m_parseError->location.column - 1 : 0;
        }
        start = std::clamp(start, 0, std::max(0, int(text.size()) - 1));
        m_underlines.push_back({start, start + 1, QString::fromStdString(m_parseError->message),
                                Model::Severity::Error});
    } else {
        const QString text = toPlainText();
        for (const Model::Diagnostic &diagnostic : m_diagnostics) {
            auto [start, end] = rangeOfPointer(diagnostic.location.pointer, false);
            if (end <= start)
                continue;
            if (diagnostic.characterInValue >= 0) {
                // A problem inside a path, intrinsic call or JSONata expression: the
                // character itself, not the whole string.
                start = positionInString(text, start, end, diagnostic.characterInValue);
                end = start + 1;
            }
            m_underlines.push_back(
                {start, end, QString::fromStdString(diagnostic.code + ": " + diagnostic.message),
                 diagnostic.severity});
        }
    }
    QList<QTextEdit::ExtraSelection> selections;
    for (const Underline &underline : m_underlines) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document());
        selection.cursor.setPosition(underline.start);
        selection.cursor.setPosition(underline.end, QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(
            underline.severity == Model::Severity::Error     ? colors.error
            : underline.severity == Model::Severity::Warning ? colors.warning
                                                             : colors.info);
        selection.format.setToolTip(underline.message);
        selections.push_back(selection);
    }
    setExtraSelections(selections);
}

bool AslEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            // Let the window's Undo/Redo actions act on the document, after our typing.
            applyPendingText();
            event->ignore();
            return true;
        }
    }
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int position
            = cursorForPosition(viewport()->mapFromGlobal(help->globalPos())).position();
        QStringList messages;
        for (const Underline &underline : m_underlines) {
            if (position >= underline.start && position <= underline.end)
                messages << underline.message;
        }
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(QLatin1Char('\n')), this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void AslEditor::focusOutEvent(QFocusEvent *event)
{
    applyPendingText();
    QPlainTextEdit::focusOutEvent(event);
}

namespace {
constexpr int kMarkColumn = 16;
}

int AslEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    // A column for breakpoint dots, then the numbers.
    return kMarkColumn + 10
           + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(3, digits);
}

int AslEditor::stateLine(StateId id) const
{
    auto [start, end] = stateRange(id);
    if (end <= start)
        return -1;
    return document()->findBlock(start).blockNumber();
}

void AslEditor::gutterClicked(int y)
{
    const QTextBlock block = cursorForPosition(QPoint(0, y)).block();
    if (!block.isValid())
        return;
    for (const StateRange &range : m_ranges) {
        if (document()->findBlock(range.start).blockNumber() == block.blockNumber()) {
            Q_EMIT breakpointToggleRequested(range.id);
            return;
        }
    }
}

void AslEditor::setBreakpoints(const std::map<StateId, BreakpointMark> &marks)
{
    m_breakpoints = marks;
    m_lineNumbers->update();
}

void AslEditor::setActiveStates(const std::set<StateId> &states)
{
    if (states == m_activeStates)
        return;
    m_activeStates = states;
    m_lineNumbers->update();
}

void AslEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_lineNumbers->setGeometry(
        QRect(area.left(), area.top(), lineNumberAreaWidth(), area.height()));
}

void AslEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    const QPalette pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    QSet<int> errorLines;
    for (const Underline &underline : m_underlines) {
        if (underline.severity == Model::Severity::Error)
            errorLines.insert(document()->findBlock(underline.start).blockNumber());
    }
    const ThemeColors colors = themeColors(pal);
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber();
    std::map<int, BreakpointMark> dots;
    for (const auto &[id, mark] : m_breakpoints) {
        if (const int line = stateLine(id); line >= 0)
            dots[line] = mark;
    }
    std::set<int> arrows;
    for (StateId id : m_activeStates) {
        if (const int line = stateLine(id); line >= 0)
            arrows.insert(line);
    }
    painter.setRenderHint(QPainter::Antialiasing);
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            QColor color = pal.color(QPalette::PlaceholderText);
            if (errorLines.contains(number))
                color = colors.error;
            else if (number == current)
                color = pal.color(QPalette::Text);
            painter.setPen(color);
            painter.drawText(0, top, m_lineNumbers->width() - 5, fontMetrics().height(),
                             Qt::AlignRight, QString::number(number + 1));
            const int size = std::min(kMarkColumn - 4, fontMetrics().height() - 2);
            const QRectF mark(2, top + (fontMetrics().height() - size) / 2.0, size, size);
            if (auto dot = dots.find(number); dot != dots.end()) {
                const QColor red(0xe5, 0x1c, 0x23);
                painter.setPen(QPen(red, 1.5));
                painter.setBrush(dot->second.enabled ? QBrush(red) : Qt::NoBrush);
                painter.drawEllipse(mark);
            }
            if (arrows.count(number)) {
                // The run is here: a yellow arrow over the dot, as debuggers draw it.
                QPolygonF arrow;
                arrow << QPointF(mark.left(), mark.top() + size * 0.25)
                      << QPointF(mark.left() + size * 0.5, mark.top() + size * 0.25)
                      << QPointF(mark.left() + size * 0.5, mark.top())
                      << QPointF(mark.right() + 2, mark.center().y())
                      << QPointF(mark.left() + size * 0.5, mark.bottom())
                      << QPointF(mark.left() + size * 0.5, mark.top() + size * 0.75)
                      << QPointF(mark.left(), mark.top() + size * 0.75);
                painter.setPen(QPen(QColor(0x80, 0x60, 0x00), 1));
                painter.setBrush(QColor(0xff, 0xd0, 0x30));
                painter.drawPolygon(arrow);
            }
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

} // namespace Stepwise::Views
