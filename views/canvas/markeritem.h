#pragma once

#include "views/itemtypes.h"

#include <QGraphicsItem>

namespace Stepwise::Views {

// The "Start" and "End" pills of a workflow, as Workflow Studio draws them.
class MarkerItem : public QGraphicsItem
{
  public:
    enum { Type = MarkerItemType };
    enum class Kind { Start, End };

    explicit MarkerItem(Kind kind, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    Kind kind() const { return m_kind; }
    static QSizeF size() { return QSizeF(64, 26); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    Kind m_kind;
};

} // namespace Stepwise::Views
