#include "views/debug/navigatorview.h"

#include "views/debug/executionlinemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Stepwise::Views {

namespace {

enum class Show { All, Failed, Running };

class LineFilter : public QSortFilterProxyModel
{
  public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    Show show = Show::All;
    QString text;
    void update() { invalidateRowsFilter(); }

  protected:
    bool filterAcceptsRow(int row, const QModelIndex &) const override
    {
        const auto *model = static_cast<const ExecutionLineModel *>(sourceModel());
        const ExecutionLine *line = model->line(row);
        if (!line)
            return false;
        if (show == Show::Failed && line->status != RunStatus::Failed)
            return false;
        if (show == Show::Running && line->status != RunStatus::Active)
            return false;
        return text.isEmpty() || line->container.contains(text, Qt::CaseInsensitive)
               || line->label.contains(text, Qt::CaseInsensitive)
               || line->currentState.contains(text, Qt::CaseInsensitive);
    }
};

} // namespace

NavigatorView::NavigatorView(ExecutionLineModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new LineFilter(this))
    , m_status(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_table(new QTableView(this))
{
    m_status->setObjectName(QStringLiteral("navigatorStatus"));
    m_status->addItems({tr("All"), tr("Failed"), tr("Running")});
    m_text->setPlaceholderText(tr("Filter by state or container"));
    m_text->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("navigatorTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ExecutionLineModel::Container, 130);
    m_table->setColumnWidth(ExecutionLineModel::Line, 110);
    m_table->setColumnWidth(ExecutionLineModel::Status, 90);
    m_table->setColumnWidth(ExecutionLineModel::State, 130);
    m_table->setWordWrap(false);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_status);
    row->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);

    connect(m_status, &QComboBox::currentIndexChanged, this, &NavigatorView::applyFilter);
    connect(m_text, &QLineEdit::textChanged, this, &NavigatorView::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &NavigatorView::onCurrentChanged);
}

int NavigatorView::visibleRows() const
{
    return m_proxy->rowCount();
}

void NavigatorView::pickLine(qint64 lineId)
{
    const int row = m_model->rowOf(lineId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
}

void NavigatorView::applyFilter()
{
    auto *filter = static_cast<LineFilter *>(m_proxy);
    filter->show = Show(m_status->currentIndex());
    filter->text = m_text->text().trimmed();
    filter->update();
}

void NavigatorView::onCurrentChanged()
{
    const QModelIndex index = m_proxy->mapToSource(m_table->currentIndex());
    const ExecutionLine *line = m_model->line(index.row());
    if (line)
        Q_EMIT linePicked(line->id, line->path);
}

} // namespace Stepwise::Views
