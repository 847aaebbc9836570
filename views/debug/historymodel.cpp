#include "views/debug/historymodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

#include <climits>

namespace Stepwise::Views {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setSource(std::function<qint64()> count, std::function<HistoryRow(qint64)> row)
{
    m_count = std::move(count);
    m_row = std::move(row);
    reset();
}

void HistoryModel::refresh()
{
    // Views hold ints: a longer log shows its first INT_MAX events.
    const qint64 available = m_count ? std::min<qint64>(m_count(), INT_MAX) : 0;
    if (available < m_rows) {
        reset();
        return;
    }
    if (available == m_rows)
        return;
    if (m_rows == 0 && m_row)
        m_startMillis = m_row(0).virtualMillis;
    beginInsertRows({}, m_rows, int(available) - 1);
    m_rows = int(available);
    endInsertRows();
}

void HistoryModel::reset()
{
    beginResetModel();
    const qint64 available = m_count ? std::min<qint64>(m_count(), INT_MAX) : 0;
    m_rows = int(available);
    m_current = -1;
    m_startMillis = m_rows > 0 ? m_row(0).virtualMillis : 0;
    endResetModel();
}

void HistoryModel::setCurrentRow(int row)
{
    if (row == m_current)
        return;
    const int old = m_current;
    m_current = row;
    if (old >= 0 && old < m_rows)
        Q_EMIT dataChanged(index(old, 0), index(old, ColumnCount - 1), {Qt::FontRole});
    if (row >= 0 && row < m_rows)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::FontRole});
}

HistoryRow HistoryModel::historyRow(int row) const
{
    if (row < 0 || row >= m_rows || !m_row)
        return {};
    return m_row(row);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    if (role == Qt::FontRole) {
        if (index.row() != m_current)
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != EventIdRole
        && role != StateNameRole && role != FailureRole && role != Qt::ForegroundRole)
        return {};
    const HistoryRow row = m_row(index.row());
    switch (role) {
    case EventIdRole:
        return QVariant::fromValue<qlonglong>(row.id);
    case StateNameRole:
        return row.stateName;
    case FailureRole:
        return row.failure;
    case Qt::ForegroundRole:
        return row.failure ? QVariant(QBrush(QColor(0xd1, 0x32, 0x12))) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == Details ? row.details : QVariant();
    default:
        break;
    }
    switch (index.column()) {
    case Id:
        return QVariant::fromValue<qlonglong>(row.id);
    case Type:
        return row.type;
    case State:
        return row.stateName;
    case Elapsed: {
        const double seconds = double(row.virtualMillis - m_startMillis) / 1000.0;
        return QString::number(seconds, 'f', 3) + QStringLiteral(" s");
    }
    case VirtualTime:
        return QDateTime::fromMSecsSinceEpoch(row.virtualMillis, Qt::UTC)
            .toString(Qt::ISODateWithMs);
    case WallTime:
        return row.wallMillis < 0 ? QString()
                                  : QDateTime::fromMSecsSinceEpoch(row.wallMillis)
                                        .toString(QStringLiteral("HH:mm:ss.zzz"));
    case Details:
        return row.details.size() > 300 ? row.details.left(300) + QStringLiteral("\u2026")
                                        : row.details;
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("ID");
    case Type:
        return tr("Type");
    case State:
        return tr("State");
    case Elapsed:
        return tr("Elapsed");
    case VirtualTime:
        return tr("Time (run clock)");
    case WallTime:
        return tr("Wall time");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace Stepwise::Views
