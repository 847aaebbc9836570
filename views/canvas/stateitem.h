#pragma once

#include "model/asl/workflow.h"
#include "views/itemtypes.h"

#include <QGraphicsItem>
#include <QString>

namespace Stepwise::Views {

class CanvasScene;

// One state on the canvas: its type's shape and icon, name and summary, and a handle to
// drag a new transition from. Containers (Parallel, Map) are sized by the scene around
// their lanes. The item never edits the model: it asks its CanvasScene.
class StateItem : public QGraphicsItem
{
  public:
    enum { Type = StateItemType };

    StateItem(Model::StateId id, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    Model::StateId stateId() const { return m_id; }

    void setContent(Model::StateType stateType, const QString &name, const QString &summary);
    Model::StateType stateType() const { return m_type; }
    QString name() const { return m_name; }
    QString summary() const { return m_summary; }
    bool isContainer() const;

    QSizeF size() const { return m_size; }
    void setSize(const QSizeF &size);
    QRectF rect() const { return QRectF(QPointF(0, 0), m_size); }
    // The rectangle of the name text (where the in-place editor goes), in item coordinates.
    QRectF nameRect() const;
    // The connection handle, in item coordinates; empty for states that cannot continue.
    QRectF handleRect() const;
    // The state's drawn shape (rounded box, hexagon, pill), in item coordinates.
    QPainterPath outline() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

  protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

  private:
    CanvasScene *canvas() const;

    Model::StateId m_id;
    Model::StateType m_type = Model::StateType::Unknown;
    QString m_name;
    QString m_summary;
    QSizeF m_size;
    bool m_hovered = false;
    bool m_connecting = false;
};

} // namespace Stepwise::Views
