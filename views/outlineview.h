#pragma once

#include "model/asl/workflow.h"

#include <QTreeWidget>

namespace Stepwise::Views {

// A tree of the workflow's scopes and states (the document outline), rebuilt from the
// model's signals.
class OutlineView : public QTreeWidget
{
    Q_OBJECT

  public:
    explicit OutlineView(Model::Workflow *workflow, QWidget *parent = nullptr);

  Q_SIGNALS:
    void stateActivated(Stepwise::Model::StateId id);

  private:
    void rebuild();
    void addScope(QTreeWidgetItem *parent, Model::ScopeId scope);

    Model::Workflow *m_workflow;
};

} // namespace Stepwise::Views
