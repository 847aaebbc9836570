#pragma once

#include "views/itemtypes.h"

#include <QGraphicsItem>

namespace Stepwise::Views {

class EdgeItem;

// The transition just taken, drawn over its edge: a bright stroke with a dot travelling
// from source to target while `progress` goes from 0 to 1, then the stroke alone.
class TakenEdgeItem : public QGraphicsItem
{
  public:
    enum { Type = TakenEdgeItemType };

    explicit TakenEdgeItem(EdgeItem *edge);

    int type() const override { return Type; }
    EdgeItem *edge() const { return m_edge; }
    void setProgress(qreal progress);
    qreal progress() const { return m_progress; }
    // Re-reads the edge's route (after the scene routed it again).
    void syncGeometry() { prepareGeometryChange(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    EdgeItem *m_edge;
    qreal m_progress = 1;
};

} // namespace Stepwise::Views
