#pragma once

#include "model/asl/statetype.h"

#include <QWidget>

class QLineEdit;
class QListWidget;
class QMimeData;

namespace Stepwise::Views {

// The list of state types to drag onto the canvas, with a search box. A drag carries
// mimeType() ("application/x-stepwise-state-type") whose data is the type's ASL name
// ("Wait"). Double-click or Enter on a type emits stateTypeActivated.
class PaletteView : public QWidget
{
    Q_OBJECT

  public:
    explicit PaletteView(QWidget *parent = nullptr);

    static QString mimeType();
    static QMimeData *mimeDataFor(Model::StateType type);
    // StateType::Unknown when the data holds no state type.
    static Model::StateType typeFromMimeData(const QMimeData *data);
    // What each type does, as shown in the palette's tooltips.
    static QString description(Model::StateType type);

    QLineEdit *searchBox() const { return m_search; }
    QListWidget *list() const { return m_list; }
    // The types shown after filtering, in order.
    QList<Model::StateType> visibleTypes() const;

  Q_SIGNALS:
    void stateTypeActivated(Stepwise::Model::StateType type);

  private:
    void filter(const QString &text);

    QLineEdit *m_search;
    QListWidget *m_list;
};

} // namespace Stepwise::Views
