#pragma once

#include "model/asl/workflow.h"
#include "model/io/documentio.h"
#include "model/json/jsonreader.h"
#include "model/modeling/modeling.h"
#include "model/validation/diagnostic.h"
#include "views/canvas/runstatus.h"
#include "views/editor/textoffsets.h"

#include <QPlainTextEdit>
#include <QTimer>

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace Stepwise::Model {
class Document;
}

namespace Stepwise::Views {

class JsonHighlighter;
class YamlHighlighter;
class LineNumberArea;

// The ASL text of the document, both ways: model changes rewrite the text (canonical JSON,
// or block YAML when the text format is YAML, as for definitions opened from YAML);
// typing re-reads it after a short pause and, when it parses, replaces the definition with
// one undoable command. While the text does not parse the model keeps its last good state
// and parseError() says what and where. Problems are underlined (wavy) with a tooltip.
// Undo/redo keys go to the document's undo stack, so there is one history for all views.
class AslEditor : public QPlainTextEdit
{
    Q_OBJECT

  public:
    explicit AslEditor(Model::Document *document, QWidget *parent = nullptr);
    ~AslEditor() override;

    // The error of the current text, if it does not parse.
    const std::optional<Model::Error> &parseError() const { return m_parseError; }
    // Where things are in the current text; null while the text does not parse.
    const Model::SourceMap *sourceMap() const;
    // The text range [start, end) of a state's key and body, or an empty range.
    std::pair<int, int> stateRange(Model::StateId id) const;
    // JSON or YAML: the language the text is shown and edited in. Switching applies typed
    // text first, then rewrites the text from the model.
    Model::FileFormat textFormat() const { return m_format; }
    void setTextFormat(Model::FileFormat format);
    int debounceMilliseconds() const { return m_debounce.interval(); }
    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);
    // The gutter was clicked at a viewport y: asks to toggle the breakpoint of the state
    // whose text starts on that line.
    void gutterClicked(int y);
    // The block number of a state's first line, or -1.
    int stateLine(Model::StateId id) const;
    // Breakpoint dots and run arrows in the gutter, on each state's first line.
    void setBreakpoints(const std::map<Model::StateId, BreakpointMark> &marks);
    void setActiveStates(const std::set<Model::StateId> &states);

  public Q_SLOTS:
    // Applies typed text now instead of after the pause (before undo, save, ...).
    void applyPendingText();
    // Rewrites the text now if the model changed since (before reading sourceMap()).
    void syncWithModel();
    void selectState(Stepwise::Model::StateId id);
    void setDiagnostics(const std::vector<Stepwise::Model::Diagnostic> &diagnostics);

  Q_SIGNALS:
    // The user moved the cursor into another state's text (0: outside every state).
    void stateAtCursorChanged(Stepwise::Model::StateId id);
    // The text started or stopped parsing, or its error changed.
    void parseStatusChanged();
    void textFormatChanged();
    void breakpointToggleRequested(Stepwise::Model::StateId id);

  protected:
    bool event(QEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

  private:
    void onTextEdited();
    void scheduleRefresh();
    void refreshFromModel();
    void reindex(Model::SourceMap map);
    void onCursorMoved();
    void updateExtraSelections();
    std::pair<int, int> rangeOfPointer(const std::string &pointer, bool wholeValue) const;
    void applyTheme();
    Model::Result<Model::ParsedJson> parseText(const QString &text) const;
    QString modelText() const;

    struct StateRange
    {
        Model::StateId id = 0;
        int start = 0;
        int end = 0;
    };
    struct Underline
    {
        int start = 0;
        int end = 0;
        QString message;
        Model::Severity severity = Model::Severity::Error;
    };

    Model::Document *m_document;
    Model::Modeling m_modeling;
    JsonHighlighter *m_highlighter;
    YamlHighlighter *m_yamlHighlighter;
    Model::FileFormat m_format = Model::FileFormat::Json;
    LineNumberArea *m_lineNumbers;
    QTimer m_debounce;
    QTimer m_refresh;
    bool m_applying = false;  // we are pushing our own text into the model
    bool m_rewriting = false; // we are rewriting the text from the model
    bool m_pending = false;   // typed text not yet applied
    std::optional<Model::Error> m_parseError;
    std::optional<Model::SourceMap> m_sourceMap;
    TextOffsets m_offsets;
    std::vector<StateRange> m_ranges;
    std::vector<Model::Diagnostic> m_diagnostics;
    std::vector<Underline> m_underlines;
    Model::StateId m_cursorState = 0;
    std::map<Model::StateId, BreakpointMark> m_breakpoints;
    std::set<Model::StateId> m_activeStates;
};

} // namespace Stepwise::Views
