#include "views/debug/historyview.h"

#include "views/debug/historymodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Stepwise::Views {

namespace {

// Matches the filter text in the event type or the state name, and failures when asked.
class HistoryFilter : public QSortFilterProxyModel
{
  public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString text;
    bool failuresOnly = false;

    void update() { invalidateRowsFilter(); }

  protected:
    bool filterAcceptsRow(int row, const QModelIndex &) const override
    {
        const QAbstractItemModel *model = sourceModel();
        if (failuresOnly && !model->data(model->index(row, 0), HistoryModel::FailureRole).toBool())
            return false;
        if (text.isEmpty())
            return true;
        return model->data(model->index(row, HistoryModel::Type), Qt::DisplayRole)
                   .toString()
                   .contains(text, Qt::CaseInsensitive)
               || model->data(model->index(row, HistoryModel::State), Qt::DisplayRole)
                      .toString()
                      .contains(text, Qt::CaseInsensitive);
    }
};

} // namespace

HistoryView::HistoryView(HistoryModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new HistoryFilter(this))
    , m_filter(new QLineEdit(this))
    , m_failuresOnly(new QCheckBox(tr("Failures only"), this))
    , m_table(new QTableView(this))
{
    m_filter->setObjectName(QStringLiteral("historyFilter"));
    m_filter->setPlaceholderText(tr("Filter by event type or state"));
    m_filter->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    // Fixed row heights and widths: no measuring of a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(HistoryModel::Id, 56);
    m_table->setColumnWidth(HistoryModel::Type, 190);
    m_table->setColumnWidth(HistoryModel::State, 130);
    m_table->setColumnWidth(HistoryModel::Elapsed, 80);
    m_table->setColumnWidth(HistoryModel::VirtualTime, 190);
    m_table->setColumnWidth(HistoryModel::WallTime, 100);
    m_table->setWordWrap(false);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_filter, 1);
    row->addWidget(m_failuresOnly);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &HistoryView::applyFilter);
    connect(m_failuresOnly, &QCheckBox::toggled, this, &HistoryView::applyFilter);
    connect(m_table, &QTableView::clicked, this, &HistoryView::onClicked);
    connect(m_table, &QTableView::activated, this, &HistoryView::onClicked);
}

void HistoryView::setFilter(const QString &text, bool failuresOnly)
{
    m_failuresOnly->setChecked(failuresOnly);
    m_filter->setText(text);
    applyFilter();
}

int HistoryView::visibleRows() const
{
    return m_table->model()->rowCount();
}

void HistoryView::revealCurrent()
{
    const int current = m_model->currentRow();
    QModelIndex index;
    if (current >= 0)
        index = m_model->index(current, 0);
    else if (m_model->rowCount() > 0)
        index = m_model->index(m_model->rowCount() - 1, 0);
    if (!index.isValid())
        return;
    if (m_table->model() == m_proxy)
        index = m_proxy->mapFromSource(index);
    if (index.isValid())
        m_table->scrollTo(index, QAbstractItemView::EnsureVisible);
}

void HistoryView::applyFilter()
{
    auto *filter = static_cast<HistoryFilter *>(m_proxy);
    filter->text = m_filter->text().trimmed();
    filter->failuresOnly = m_failuresOnly->isChecked();
    const bool filtering = !filter->text.isEmpty() || filter->failuresOnly;
    if (filtering) {
        if (m_proxy->sourceModel() != m_model)
            m_proxy->setSourceModel(m_model);
        filter->update();
        if (m_table->model() != m_proxy)
            m_table->setModel(m_proxy);
    } else if (m_table->model() != m_model) {
        m_table->setModel(m_model);
        m_proxy->setSourceModel(nullptr);
    }
}

void HistoryView::onClicked(const QModelIndex &index)
{
    QModelIndex source = index;
    if (m_table->model() == m_proxy)
        source = m_proxy->mapToSource(index);
    if (!source.isValid())
        return;
    const HistoryRow row = m_model->historyRow(source.row());
    Q_EMIT eventActivated(row.id, row.stateName);
}

} // namespace Stepwise::Views
