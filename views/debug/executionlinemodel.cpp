#include "views/debug/executionlinemodel.h"

#include <QBrush>

#include <iterator>

namespace Stepwise::Views {

ExecutionLineModel::ExecutionLineModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ExecutionLineModel::setLines(std::vector<ExecutionLine> lines)
{
    bool grew = lines.size() >= m_lines.size();
    for (size_t i = 0; grew && i < m_lines.size(); ++i)
        grew = lines[i].id == m_lines[i].id;
    if (!grew) {
        beginResetModel();
        m_lines = std::move(lines);
        endResetModel();
        return;
    }
    const int old = int(m_lines.size());
    std::vector<ExecutionLine> added(std::make_move_iterator(lines.begin() + old),
                                     std::make_move_iterator(lines.end()));
    lines.resize(size_t(old));
    m_lines.swap(lines);
    if (old > 0)
        Q_EMIT dataChanged(index(0, 0), index(old - 1, ColumnCount - 1));
    if (!added.empty()) {
        beginInsertRows({}, old, old + int(added.size()) - 1);
        for (ExecutionLine &line : added)
            m_lines.push_back(std::move(line));
        endInsertRows();
    }
}

const ExecutionLine *ExecutionLineModel::line(int row) const
{
    return row >= 0 && row < int(m_lines.size()) ? &m_lines[size_t(row)] : nullptr;
}

int ExecutionLineModel::rowOf(std::int64_t lineId) const
{
    for (size_t i = 0; i < m_lines.size(); ++i) {
        if (m_lines[i].id == lineId)
            return int(i);
    }
    return -1;
}

int ExecutionLineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ExecutionLineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExecutionLineModel::data(const QModelIndex &index, int role) const
{
    const ExecutionLine *l = line(index.row());
    if (!l)
        return {};
    if (role == StatusRole)
        return int(l->status);
    if (role == LineIdRole)
        return QVariant::fromValue<qlonglong>(l->id);
    if (role == Qt::ForegroundRole && index.column() == Status) {
        const QColor color = runStatusColor(l->status);
        return color.isValid() ? QVariant(QBrush(color)) : QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == Steps)
        return l->path.join(QStringLiteral(" \u2192 "));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Container:
        return QString(l->depth * 2, QLatin1Char(' ')) + l->container;
    case Line:
        return l->label;
    case Status:
        return runStatusText(l->status);
    case State:
        return l->currentState;
    case Steps:
        return int(l->path.size());
    default:
        return {};
    }
}

QVariant ExecutionLineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Container:
        return tr("Parallel / Map");
    case Line:
        return tr("Branch / iteration");
    case Status:
        return tr("Status");
    case State:
        return tr("At state");
    case Steps:
        return tr("States");
    default:
        return {};
    }
}

} // namespace Stepwise::Views
