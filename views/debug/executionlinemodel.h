#pragma once

#include "views/debug/executionline.h"

#include <QAbstractTableModel>

#include <vector>

namespace Stepwise::Views {

// The branches and iterations of a run as a table (container, line, status, state, steps).
// setLines() updates rows in place when the set of lines only grew, so selection and scroll
// position survive the frames of a running Map.
class ExecutionLineModel : public QAbstractTableModel
{
    Q_OBJECT

  public:
    enum Column { Container, Line, Status, State, Steps, ColumnCount };
    enum Role { StatusRole = Qt::UserRole + 1, LineIdRole };

    explicit ExecutionLineModel(QObject *parent = nullptr);

    void setLines(std::vector<ExecutionLine> lines);
    const std::vector<ExecutionLine> &lines() const { return m_lines; }
    const ExecutionLine *line(int row) const;
    int rowOf(std::int64_t lineId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    std::vector<ExecutionLine> m_lines;
};

} // namespace Stepwise::Views
