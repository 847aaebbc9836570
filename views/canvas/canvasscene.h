#pragma once

#include "model/document.h"
#include "model/modeling/modeling.h"
#include "views/layout/graphlayout.h"

#include <QGraphicsScene>
#include <QPointer>

#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

class QGraphicsPathItem;

namespace Stepwise::Views {

class EdgeItem;
class LaneItem;
class MarkerItem;
class StateItem;

// The workflow drawn as one scene, built from a Document: an item per state (keyed by id),
// lanes for Parallel branches and Map processors, edges for every transition. It follows
// the Workflow and Layout signals incrementally (layout work is batched until the current
// edit completes) and rebuilds everything on modelReset. Every user edit goes through the
// document's Modeling (rules, then an undoable command); items never change the model.
//
// Positions: the Layout holds the top-left of each state placed by hand, in its scope's
// coordinates (the scene for the root, the lane's content for nested states); the others
// are placed by the auto-layout (Graphviz dot, recursive over containers).
class CanvasScene : public QGraphicsScene
{
    Q_OBJECT

  public:
    explicit CanvasScene(Model::Document *document, QObject *parent = nullptr);
    ~CanvasScene() override;

    Model::Document *document() const { return m_document; }
    Model::Modeling *modeling() { return &m_modeling; }

    StateItem *stateItem(Model::StateId id) const;
    LaneItem *laneItem(Model::ScopeId scope) const;
    std::vector<EdgeItem *> edgeItems() const;
    // The edge drawing transition (kind, index) of `from`, or nullptr.
    EdgeItem *edgeItem(Model::StateId from, Model::TransitionKind kind, int index = -1) const;
    MarkerItem *startMarker() const { return m_startMarker; }
    MarkerItem *endMarker() const { return m_endMarker; }

    std::vector<Model::StateId> selectedStates() const;
    void selectStates(const std::vector<Model::StateId> &ids);

    // The innermost scope under a scene point, and the point in that scope's coordinates.
    std::pair<Model::ScopeId, QPointF> scopeAt(QPointF scenePos) const;
    QPointF scopeToScene(Model::ScopeId scope, QPointF point) const;
    // The transition edge under a scene point (for drops onto edges), or nullptr.
    EdgeItem *edgeAt(QPointF scenePos) const;
    StateItem *stateAt(QPointF scenePos, const StateItem *ignore = nullptr) const;
    // The state's top-left in its scope: its Layout position or the auto-layout's.
    QPointF statePosition(Model::StateId id) const;
    // Applies pending layout work now (normally done when the current edit completes).
    void flush();
    // Milliseconds the last full layout took and whether Graphviz did it.
    double lastLayoutMs() const { return m_lastLayoutMs; }

    // Edits, each one undo step (refused ones change nothing).
    Model::StateId addState(Model::StateType type, Model::ScopeId scope, QPointF topLeft);
    Model::StateId insertOnEdge(EdgeItem *edge, Model::StateType type,
                                std::optional<QPointF> topLeft = std::nullopt);
    void deleteSelection();
    void renameState(Model::StateId id, const QString &name);
    void connectStates(Model::StateId from, Model::StateId to,
                       Model::TransitionKind kind = Model::TransitionKind::Next);
    void reconnect(EdgeItem *edge, Model::StateId target);
    void disconnect(EdgeItem *edge);
    void setStart(Model::StateId id);
    void addRetry(Model::StateId id);
    // Hands every state back to the auto-layout (undoable).
    void autoLayout();

    // In-place rename (F2, double-click).
    void beginRename(Model::StateId id);

    // Called by items.
    void stateItemMoved(StateItem *item);
    void beginConnection(StateItem *from, QPointF scenePos);
    void beginReconnection(EdgeItem *edge, QPointF scenePos);
    void updateConnection(QPointF scenePos);
    void finishConnection(QPointF scenePos);
    void showStateMenu(Model::StateId id, const QPoint &screenPos);
    void showEdgeMenu(EdgeItem *edge, const QPoint &screenPos);

  Q_SIGNALS:
    // After pending layout work was applied (items are where they will be painted).
    void layoutUpdated();

  protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

  private:
    struct ScopeView
    {
        LaneItem *lane = nullptr; // nullptr for the root scope
        std::vector<EdgeItem *> edges;
        GraphLayoutResult autoLayout;
        bool autoValid = false;
    };

    void rebuild();
    void createStateItem(Model::StateId id, QGraphicsItem *parent);
    void destroyStateItem(Model::StateId id);
    QGraphicsItem *parentItemFor(Model::ScopeId scope) const;
    QPointF contentOffset(Model::ScopeId scope) const;
    void markDirty(Model::ScopeId scope, bool structure);
    void scheduleFlush();
    void processScope(Model::ScopeId scope);
    void computeAutoLayout(Model::ScopeId scope);
    // Returns the states that moved (0 when a Start/End marker did).
    std::set<Model::StateId> placeItems(Model::ScopeId scope);
    void sizeContainer(Model::StateId id);
    void rebuildEdges(Model::ScopeId scope);
    void routeEdge(EdgeItem *edge, Model::ScopeId scope);
    // Moves edge labels along their routes so they cover no state and no other label.
    void placeLabels(Model::ScopeId scope);
    QRectF nodeRect(Model::StateId id) const; // in the scope's parent-item coordinates
    void updateContent(Model::StateId id);
    void clearConnectionDrag();

    void onModelReset();
    void onStateAdded(Model::StateId id);
    void onStateRemoved(Model::StateId id, Model::ScopeId scope);
    void onStateChanged(Model::StateId id);
    void onStateRenamed(Model::StateId id);
    void onStateMoved(Model::StateId id);
    void onScopeChanged(Model::ScopeId scope);
    void onPositionChanged(Model::StateId id);
    void onLayoutReset();

    Model::Document *m_document;
    Model::Modeling m_modeling;
    std::unordered_map<Model::StateId, StateItem *> m_states;
    std::unordered_map<Model::ScopeId, ScopeView> m_scopes;
    MarkerItem *m_startMarker = nullptr;
    MarkerItem *m_endMarker = nullptr;
    std::set<Model::ScopeId> m_dirtyPlacement;
    std::set<Model::ScopeId> m_dirtyStructure;
    bool m_flushScheduled = false;
    bool m_placing = false;
    double m_lastLayoutMs = 0;

    std::map<StateItem *, QPointF> m_dragStart;
    // A transition being drawn or re-pointed.
    Model::StateId m_connectFrom = 0;
    Model::TransitionKind m_connectKind = Model::TransitionKind::Next;
    int m_connectIndex = -1;
    bool m_reconnecting = false;
    QPointF m_connectStart;
    QGraphicsPathItem *m_connectLine = nullptr;
    QPointer<QObject> m_renameEditor;
};

} // namespace Stepwise::Views
