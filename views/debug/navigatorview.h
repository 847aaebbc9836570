#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Stepwise::Views {

class ExecutionLineModel;

// The Map/Parallel navigator: every branch and iteration of the run in a table that stays
// usable at 10,000 rows (a model, uniform rows), filtered by status (all, failed, running)
// or text. Picking a row asks to show that line's path on the canvas.
class NavigatorView : public QWidget
{
    Q_OBJECT

  public:
    explicit NavigatorView(ExecutionLineModel *model, QWidget *parent = nullptr);

    ExecutionLineModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *statusFilter() const { return m_status; }
    int visibleRows() const;
    // Picks the row of a line in the table (as a click would).
    void pickLine(qint64 lineId);

  Q_SIGNALS:
    void linePicked(qint64 lineId, const QStringList &path);

  private:
    void applyFilter();
    void onCurrentChanged();

    ExecutionLineModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QComboBox *m_status;
    QLineEdit *m_text;
    QTableView *m_table;
};

} // namespace Stepwise::Views
