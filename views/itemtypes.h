#pragma once

#include <QGraphicsItem>

namespace Stepwise::Views {

// QGraphicsItem::type() of every canvas item, so qgraphicsitem_cast works on them.
enum ItemType : int {
    StateItemType = QGraphicsItem::UserType + 1,
    EdgeItemType,
    LaneItemType,
    MarkerItemType,
    DiagnosticBadgeItemType,
    RunMarkItemType,
    BreakpointMarkItemType,
    TakenEdgeItemType,
};

} // namespace Stepwise::Views
