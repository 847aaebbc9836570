#pragma once

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Stepwise::Views {

class HistoryModel;

// The history table with a filter (event type or state name, or failures only). Clicking a
// row asks to travel to that event. The filter proxy sits between model and table only
// while a filter is set, so a growing million-event log stays cheap to show.
class HistoryView : public QWidget
{
    Q_OBJECT

  public:
    explicit HistoryView(HistoryModel *model, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    void setFilter(const QString &text, bool failuresOnly = false);
    // Rows the table shows (after the filter).
    int visibleRows() const;
    // Scrolls to the model's current row (time travel) or, following, to the newest.
    void revealCurrent();

  Q_SIGNALS:
    void eventActivated(qint64 eventId, const QString &stateName);

  private:
    void applyFilter();
    void onClicked(const QModelIndex &index);

    HistoryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QCheckBox *m_failuresOnly;
    QTableView *m_table;
};

} // namespace Stepwise::Views
