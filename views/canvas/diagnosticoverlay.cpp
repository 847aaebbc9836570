#include "views/canvas/diagnosticoverlay.h"

#include "views/canvas/canvasscene.h"
#include "views/canvas/diagnosticbadgeitem.h"
#include "views/canvas/stateitem.h"

#include <map>

namespace Stepwise::Views {

namespace {

struct Problems
{
    Model::Severity worst = Model::Severity::Info;
    int count = 0;
    QStringList messages;
};

} // namespace

DiagnosticOverlay::DiagnosticOverlay(CanvasScene *scene, const Model::Workflow *workflow,
                                     QObject *parent)
    : QObject(parent)
    , m_scene(scene)
    , m_workflow(workflow)
{
    connect(m_scene, &CanvasScene::layoutUpdated, this, &DiagnosticOverlay::apply);
}

void DiagnosticOverlay::setDiagnostics(const std::vector<Model::Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    apply();
}

void DiagnosticOverlay::apply()
{
    std::map<Model::StateId, Problems> byState;
    for (const Model::Diagnostic &d : m_diagnostics) {
        const Model::StateId id = m_workflow->stateAtPointer(d.location.pointer);
        if (id == 0)
            continue;
        Problems &p = byState[id];
        // Severity is ordered Error < Warning < Info: the smallest is the worst.
        if (p.count == 0 || int(d.severity) < int(p.worst))
            p.worst = d.severity;
        ++p.count;
        p.messages << QString::fromStdString(d.code + ": " + d.message);
    }
    // Through the scene's own map: a list of all items would still hold the badges deleted
    // below when a state's badge is visited after the state.
    for (Model::StateId id : m_workflow->allStates()) {
        StateItem *state = m_scene->stateItem(id);
        if (!state)
            continue;
        DiagnosticBadgeItem *badge = nullptr;
        const QList<QGraphicsItem *> children = state->childItems();
        for (QGraphicsItem *child : children) {
            if (auto *b = qgraphicsitem_cast<DiagnosticBadgeItem *>(child))
                badge = b;
        }
        auto it = byState.find(state->stateId());
        if (it == byState.end()) {
            delete badge;
            continue;
        }
        if (!badge)
            badge = new DiagnosticBadgeItem(state);
        badge->setPos(state->size().width() - DiagnosticBadgeItem::kSize / 2 - 2,
                      -DiagnosticBadgeItem::kSize / 2 + 2);
        badge->setProblems(it->second.worst, it->second.count,
                           it->second.messages.join(QLatin1Char('\n')));
    }
}

} // namespace Stepwise::Views
