#pragma once

#include "model/validation/diagnostic.h"
#include "views/itemtypes.h"

#include <QGraphicsItem>

namespace Stepwise::Views {

// The problem marker on a state's top-right corner: a red disc with "!" for errors, an amber
// one for warnings; its tooltip lists the messages.
class DiagnosticBadgeItem : public QGraphicsItem
{
  public:
    enum { Type = DiagnosticBadgeItemType };
    static constexpr qreal kSize = 18;

    explicit DiagnosticBadgeItem(QGraphicsItem *parent);

    int type() const override { return Type; }
    void setProblems(Model::Severity worst, int count, const QString &tooltip);
    Model::Severity severity() const { return m_severity; }
    int count() const { return m_count; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    Model::Severity m_severity = Model::Severity::Error;
    int m_count = 0;
};

} // namespace Stepwise::Views
