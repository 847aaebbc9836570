#pragma once

#include "views/debug/stagevisit.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace Stepwise::Views {

class JsonHighlighter;

// The data inspector of a run: one state visit's stages in a list, the picked stage's JSON
// beside it, or (with "Compare with" set) a line diff from another stage to it; below, an
// expression console that evaluates what is typed against the paused state's data through
// an evaluator the application provides (the view knows no expression language).
class StageInspector : public QWidget
{
    Q_OBJECT

  public:
    // The result of an expression as text, or an error message when `ok` is false.
    using Evaluator = std::function<QString(const QString &expression, bool *ok)>;

    explicit StageInspector(QWidget *parent = nullptr);

    // Shows a visit; keeps the picked stage (by name) when the new visit has it.
    void setVisit(const StageVisit &visit);
    void clear();
    const StageVisit &visit() const { return m_visit; }
    QStringList stageNames() const;
    QString currentStage() const;
    void setCurrentStage(const QString &name);
    // Compare the current stage with `name` (empty: show the stage alone).
    void setCompareStage(const QString &name);
    // The text shown: the stage's JSON, or the diff ("- " removed, "+ " added lines).
    QString shownText() const;
    // nullptr: the console is off (no paused state to evaluate against).
    void setEvaluator(Evaluator evaluator);
    QLineEdit *expressionInput() const { return m_expression; }
    QString expressionResult() const;

  Q_SIGNALS:
    void currentStageChanged(const QString &name);

  private:
    void showStage();
    void evaluate();

    StageVisit m_visit;
    QLabel *m_title;
    QListWidget *m_stages;
    QComboBox *m_compare;
    QPlainTextEdit *m_text;
    JsonHighlighter *m_highlighter;
    QLineEdit *m_expression;
    QPlainTextEdit *m_result;
    Evaluator m_evaluator;
};

} // namespace Stepwise::Views
