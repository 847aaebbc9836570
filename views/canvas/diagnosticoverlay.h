#pragma once

#include "model/asl/workflow.h"
#include "model/validation/diagnostic.h"

#include <QObject>

#include <vector>

namespace Stepwise::Views {

class CanvasScene;

// Shows the validator's findings on the canvas: a badge on each state with problems. It keeps
// the diagnostics and re-applies them whenever the scene has laid itself out again (items
// are rebuilt when the whole definition changes).
class DiagnosticOverlay : public QObject
{
    Q_OBJECT

  public:
    DiagnosticOverlay(CanvasScene *scene, const Model::Workflow *workflow,
                      QObject *parent = nullptr);

    void setDiagnostics(const std::vector<Model::Diagnostic> &diagnostics);

  private:
    void apply();

    CanvasScene *m_scene;
    const Model::Workflow *m_workflow;
    std::vector<Model::Diagnostic> m_diagnostics;
};

} // namespace Stepwise::Views
