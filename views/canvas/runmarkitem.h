#pragma once

#include "views/canvas/runstatus.h"
#include "views/itemtypes.h"

#include <QGraphicsItem>

namespace Stepwise::Views {

class StateItem;

// A state's look during a run, drawn over the state: its outcome's colour (a tinted fill and
// border), a glow while active, a count badge when several lines run it, and a countdown
// while a Wait or retry backoff runs.
class RunMarkItem : public QGraphicsItem
{
  public:
    enum { Type = RunMarkItemType };

    explicit RunMarkItem(StateItem *state);

    int type() const override { return Type; }
    void setInfo(const StateRunInfo &info);
    const StateRunInfo &info() const { return m_info; }
    // The countdown drawn at the state's corner ("2.4 s"), empty when none.
    QString countdownLabel() const;
    // Drawn fainter: the state is on the path of the branch or iteration picked in the
    // navigator (or, unset, every state is).
    void setOnPath(bool onPath);
    bool onPath() const { return m_onPath; }
    // Re-reads the state's size (after the scene resized a container).
    void syncGeometry();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  private:
    QRectF badgeRect() const;
    QRectF countdownRect() const;

    StateItem *m_state;
    StateRunInfo m_info;
    QRectF m_bounds;
    bool m_onPath = false;
};

} // namespace Stepwise::Views
