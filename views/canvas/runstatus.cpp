#include "views/canvas/runstatus.h"

#include <QCoreApplication>

#include <algorithm>

namespace Stepwise::Views {

QColor runStatusColor(RunStatus status)
{
    switch (status) {
    case RunStatus::NotRun:
        return {};
    case RunStatus::Active:
        return QColor(0x00, 0x73, 0xbb);
    case RunStatus::Succeeded:
        return QColor(0x1d, 0x81, 0x02);
    case RunStatus::Failed:
        return QColor(0xd1, 0x32, 0x12);
    case RunStatus::Caught:
        return QColor(0xf0, 0x8c, 0x00);
    case RunStatus::Cancelled:
        return QColor(0x87, 0x95, 0x96);
    }
    return {};
}

QString runStatusText(RunStatus status)
{
    switch (status) {
    case RunStatus::NotRun:
        return QCoreApplication::translate("RunStatus", "Not run");
    case RunStatus::Active:
        return QCoreApplication::translate("RunStatus", "In progress");
    case RunStatus::Succeeded:
        return QCoreApplication::translate("RunStatus", "Succeeded");
    case RunStatus::Failed:
        return QCoreApplication::translate("RunStatus", "Failed");
    case RunStatus::Caught:
        return QCoreApplication::translate("RunStatus", "Caught error");
    case RunStatus::Cancelled:
        return QCoreApplication::translate("RunStatus", "Cancelled");
    }
    return {};
}

QString countdownText(qint64 millis)
{
    // Round up: a Wait with 0.04 s left has not finished. Under 10 s the tenths show, so a
    // countdown watched at x1 or x10 visibly moves between whole seconds.
    millis = std::max<qint64>(0, millis);
    const qint64 tenths = (millis + 99) / 100;
    if (tenths < 100)
        return QStringLiteral("%1.%2 s").arg(tenths / 10).arg(tenths % 10);
    qint64 seconds = (millis + 999) / 1000;
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    seconds %= 60;
    if (hours == 0)
        return seconds == 0 ? QStringLiteral("%1 min").arg(minutes)
                            : QStringLiteral("%1 min %2 s").arg(minutes).arg(seconds);
    if (hours < 48)
        return QStringLiteral("%1 h %2 min").arg(hours).arg(minutes);
    return QStringLiteral("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

} // namespace Stepwise::Views
