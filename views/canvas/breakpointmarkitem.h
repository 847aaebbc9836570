#pragma once

#include "views/canvas/runstatus.h"
#include "views/itemtypes.h"

#include <QGraphicsItem>

namespace Stepwise::Views {

class StateItem;

// A breakpoint's dot on a state's left edge, as in an editor's gutter: red and filled when
// it stops before entry, a red ring with a filled centre after exit, a white bar across a
// conditional one, hollow when disabled. Its tooltip says when it stops.
class BreakpointMarkItem : public QGraphicsItem
{
  public:
    enum { Type = BreakpointMarkItemType };
    static constexpr qreal kSize = 14;

    explicit BreakpointMarkItem(StateItem *state);

    int type() const override { return Type; }
    void setMark(const BreakpointMark &mark);
    const BreakpointMark &mark() const { return m_mark; }
    void syncGeometry();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    StateItem *m_state;
    BreakpointMark m_mark;
};

} // namespace Stepwise::Views
