#include "views/outlineview.h"

#include <QHeaderView>

namespace Stepwise::Views {

OutlineView::OutlineView(Model::Workflow *workflow, QWidget *parent)
    : QTreeWidget(parent)
    , m_workflow(workflow)
{
    setHeaderLabels({tr("State"), tr("Type")});
    header()->setStretchLastSection(true);
    connect(m_workflow, &Model::Workflow::modelReset, this, &OutlineView::rebuild);
    connect(m_workflow, &Model::Workflow::stateAdded, this, &OutlineView::rebuild);
    connect(m_workflow, &Model::Workflow::stateRemoved, this, &OutlineView::rebuild);
    connect(m_workflow, &Model::Workflow::stateRenamed, this, &OutlineView::rebuild);
    connect(m_workflow, &Model::Workflow::stateChanged, this, &OutlineView::rebuild);
    connect(m_workflow, &Model::Workflow::stateMoved, this, &OutlineView::rebuild);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Model::StateId id = item->data(0, Qt::UserRole).toUInt();
        if (id != 0)
            Q_EMIT stateActivated(id);
    });
    rebuild();
}

void OutlineView::rebuild()
{
    clear();
    addScope(invisibleRootItem(), m_workflow->rootScope());
    expandAll();
    resizeColumnToContents(0);
}

void OutlineView::addScope(QTreeWidgetItem *parent, Model::ScopeId scope)
{
    for (Model::StateId id : m_workflow->states(scope)) {
        auto *item = new QTreeWidgetItem(parent);
        item->setText(0, QString::fromStdString(m_workflow->name(id)));
        item->setText(1, QString::fromUtf8(Model::toString(m_workflow->type(id)).data()));
        item->setData(0, Qt::UserRole, id);
        for (Model::ScopeId child : m_workflow->childScopes(id)) {
            auto *scopeItem = new QTreeWidgetItem(item);
            scopeItem->setText(0, QString::fromStdString(m_workflow->scopeTitle(child)));
            addScope(scopeItem, child);
        }
    }
}

} // namespace Stepwise::Views
