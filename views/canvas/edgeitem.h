#pragma once

#include "model/asl/workflow.h"
#include "views/itemtypes.h"

#include <QGraphicsItem>
#include <QPainterPath>

#include <vector>

namespace Stepwise::Views {

class CanvasScene;

// An arrow on the canvas: one transition of a state (Next, Default, a Choice rule, a Catch;
// dashed for Catch, labelled with the condition or the error names), or a Start/End link.
// Selecting it shows a grip at its end to drag onto another state (reconnect).
class EdgeItem : public QGraphicsItem
{
  public:
    enum { Type = EdgeItemType };
    enum class Role { Transition, FromStart, ToEnd };

    EdgeItem(Role role, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    Role role() const { return m_role; }

    // The transition this edge draws (Role::Transition).
    void setTransition(Model::StateId from, const Model::Transition &transition);
    Model::StateId from() const { return m_from; }
    Model::StateId to() const { return m_to; }
    void setEnds(Model::StateId from, Model::StateId to);
    Model::TransitionKind kind() const { return m_kind; }
    int index() const { return m_index; }
    QString label() const { return m_label; }

    // The route in parent coordinates: cubic Bézier segments ending at the target's border.
    void setRoute(const QPainterPath &route);
    QPainterPath route() const { return m_route; }

    // The label's box in parent coordinates (empty without a label). The edge puts it on
    // its route near the start; the scene may move it along the route to keep it clear.
    QRectF labelRect() const { return m_labelRect; }
    void setLabelCentre(QPointF centre);
    // The route's length and the point at a distance along it (walks the flattened route).
    qreal routeLength() const;
    QPointF pointAtDistance(qreal distance) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

  private:
    QRectF gripRect() const;
    CanvasScene *canvas() const;

    Role m_role;
    Model::StateId m_from = 0;
    Model::StateId m_to = 0;
    Model::TransitionKind m_kind = Model::TransitionKind::Next;
    int m_index = -1;
    QString m_label;
    QPainterPath m_route;
    QRectF m_bounds;
    // Derived from the route once, not at every paint (path lengths are costly).
    QRectF m_labelRect;
    QPolygonF m_head;
    mutable QPainterPath m_shape; // hit-testing area, built on first use
    // The route flattened into short runs with their bounds and starting length, so a
    // paint strokes only the runs inside the exposed area (long edges cross big graphs).
    struct Run
    {
        QPolygonF points;
        QRectF bounds;
        qreal offset;
    };
    std::vector<Run> m_runs;
    bool m_dragging = false;
};

} // namespace Stepwise::Views
