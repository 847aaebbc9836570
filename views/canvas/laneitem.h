#pragma once

#include "model/asl/workflow.h"
#include "views/itemtypes.h"

#include <QGraphicsItem>

namespace Stepwise::Views {

// A nested scope drawn inside its container state: a Parallel branch or a Map's item
// processor. Its states and edges are its children, placed at their Layout positions
// plus contentOffset().
class LaneItem : public QGraphicsItem
{
  public:
    enum { Type = LaneItemType };

    LaneItem(Model::ScopeId scope, const QString &title, QGraphicsItem *parent);

    int type() const override { return Type; }
    Model::ScopeId scopeId() const { return m_scope; }

    QSizeF size() const { return m_size; }
    void setSize(const QSizeF &size);
    // Where the scope's (0, 0) is, in lane coordinates.
    QPointF contentOffset() const { return m_offset; }
    void setContentOffset(QPointF offset) { m_offset = offset; }
    void setHighlighted(bool highlighted);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    Model::ScopeId m_scope;
    QString m_title;
    QSizeF m_size;
    QPointF m_offset;
    bool m_highlighted = false;
};

} // namespace Stepwise::Views
