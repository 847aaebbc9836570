#pragma once

#include "model/asl/workflow.h"
#include "model/validation/diagnostic.h"

#include <QTreeWidget>

#include <optional>
#include <vector>

namespace Stepwise::Views {

// The problems list: one row per diagnostic (severity icon, code, message, state, line), plus
// the text's parse error when it does not parse. Double-click (or Enter) asks to jump there.
class DiagnosticsView : public QTreeWidget
{
    Q_OBJECT

  public:
    explicit DiagnosticsView(const Model::Workflow *workflow, QWidget *parent = nullptr);

    void setDiagnostics(const std::vector<Model::Diagnostic> &diagnostics);
    void setParseError(const std::optional<Model::Error> &error);
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

  Q_SIGNALS:
    // The user activated a row: the state it names (0 if none) and its text location.
    void diagnosticActivated(Stepwise::Model::StateId state, int line, int column);
    void countsChanged(int errors, int warnings);

  private:
    void rebuild();

    const Model::Workflow *m_workflow;
    std::vector<Model::Diagnostic> m_diagnostics;
    std::optional<Model::Error> m_parseError;
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace Stepwise::Views
