#include "views/palette/paletteview.h"

#include "views/canvas/canvasstyle.h"

#include <QIcon>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPainter>
#include <QVBoxLayout>

namespace Stepwise::Views {

using Model::StateType;

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;

// Lists types with our MIME data on drag.
class TypeList : public QListWidget
{
  public:
    using QListWidget::QListWidget;

  protected:
    QStringList mimeTypes() const override { return {PaletteView::mimeType()}; }
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override
    {
        if (items.isEmpty())
            return nullptr;
        return PaletteView::mimeDataFor(
            static_cast<StateType>(items.first()->data(kTypeRole).toInt()));
    }
};

QIcon iconFor(StateType type)
{
    QIcon icon;
    // Vector-drawn at each scale, so the icon is sharp on HiDPI screens.
    for (qreal scale : {1.0, 2.0}) {
        QPixmap pixmap(QSize(24, 24) * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        CanvasStyle::paintIcon(&painter, type, QRectF(0, 0, 24, 24), CanvasStyle::accent(type));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

PaletteView::PaletteView(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_list(new TypeList(this))
{
    m_search->setPlaceholderText(tr("Search states"));
    m_search->setClearButtonEnabled(true);
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragOnly);
    m_list->setIconSize(QSize(24, 24));
    m_list->setSpacing(2);
    for (StateType type : Model::allStateTypes) {
        auto *item
            = new QListWidgetItem(iconFor(type), QString::fromUtf8(Model::toString(type).data()));
        item->setData(kTypeRole, static_cast<int>(type));
        item->setToolTip(description(type));
        m_list->addItem(item);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, this, &PaletteView::filter);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT stateTypeActivated(static_cast<StateType>(item->data(kTypeRole).toInt()));
    });
}

QString PaletteView::mimeType()
{
    return QStringLiteral("application/x-stepwise-state-type");
}

QMimeData *PaletteView::mimeDataFor(StateType type)
{
    auto *data = new QMimeData;
    data->setData(mimeType(), QByteArray(Model::toString(type).data(),
                                         static_cast<int>(Model::toString(type).size())));
    return data;
}

StateType PaletteView::typeFromMimeData(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return StateType::Unknown;
    return Model::stateTypeFromString(data->data(mimeType()).toStdString());
}

QString PaletteView::description(StateType type)
{
    switch (type) {
    case StateType::Pass:
        return tr("Pass its input on, optionally transformed or replaced by a fixed result");
    case StateType::Task:
        return tr("Do work: call a Lambda function, an AWS service or an HTTP endpoint");
    case StateType::Choice:
        return tr("Choose the next state by rules on the data (if / else)");
    case StateType::Wait:
        return tr("Wait for a number of seconds or until a time");
    case StateType::Succeed:
        return tr("End the execution successfully");
    case StateType::Fail:
        return tr("End the execution with an error and a cause");
    case StateType::Parallel:
        return tr("Run branches at the same time and collect their outputs");
    case StateType::Map:
        return tr("Run the same steps for each item of a list");
    case StateType::Unknown:
        break;
    }
    return {};
}

void PaletteView::filter(const QString &text)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool match = text.isEmpty() || item->text().contains(text, Qt::CaseInsensitive)
                           || item->toolTip().contains(text, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}

QList<StateType> PaletteView::visibleTypes() const
{
    QList<StateType> types;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden())
            types << static_cast<StateType>(m_list->item(i)->data(kTypeRole).toInt());
    }
    return types;
}

} // namespace Stepwise::Views
