#pragma once

#include "views/debug/historyrow.h"

#include <QAbstractTableModel>

#include <functional>

namespace Stepwise::Views {

// The history table's model over an event log it does not own: it asks `count` how many
// events there are and `row` for the one it paints, so a run of a million events costs the
// table nothing until rows are scrolled into view. refresh() announces events appended
// since the last call; reset() starts over (a new run, a step back that dropped events).
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

  public:
    enum Column { Id, Type, State, Elapsed, VirtualTime, WallTime, Details, ColumnCount };
    enum Role { EventIdRole = Qt::UserRole + 1, StateNameRole, FailureRole };

    explicit HistoryModel(QObject *parent = nullptr);

    void setSource(std::function<qint64()> count, std::function<HistoryRow(qint64)> row);
    void refresh();
    void reset();
    // The row shown as "now" (time travel), drawn bold; -1: none.
    void setCurrentRow(int row);
    int currentRow() const { return m_current; }
    HistoryRow historyRow(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    std::function<qint64()> m_count;
    std::function<HistoryRow(qint64)> m_row;
    int m_rows = 0;
    int m_current = -1;
    std::int64_t m_startMillis = 0;
};

} // namespace Stepwise::Views
