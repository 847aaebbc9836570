#pragma once

#include "model/asl/workflow.h"
#include "views/itemtypes.h"

#include <QGraphicsItem>
#include <QPainterPath>

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

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

  private:
    QRectF labelRect() const;
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
    bool m_dragging = false;
};

} // namespace Stepwise::Views
