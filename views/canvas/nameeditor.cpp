#include "views/canvas/nameeditor.h"

#include "views/canvas/canvasstyle.h"

#include <QKeyEvent>
#include <QTextCursor>

namespace Stepwise::Views {

NameEditor::NameEditor(const QString &text, Commit commit, QGraphicsItem *parent)
    : QGraphicsTextItem(text, parent)
    , m_commit(std::move(commit))
{
    setFont(CanvasStyle::nameFont());
    setTextInteractionFlags(Qt::TextEditorInteraction);
    setZValue(10);
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    setTextCursor(cursor);
}

void NameEditor::finish(bool accept)
{
    if (m_done)
        return;
    m_done = true;
    const QString text = toPlainText().trimmed();
    Commit commit = m_commit;
    hide();
    // Deleting now would pull the item out from under the event being delivered to it.
    deleteLater();
    if (accept && commit)
        commit(text);
}

void NameEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        finish(true);
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        finish(false);
        return;
    }
    QGraphicsTextItem::keyPressEvent(event);
}

void NameEditor::focusOutEvent(QFocusEvent *event)
{
    QGraphicsTextItem::focusOutEvent(event);
    finish(true);
}

} // namespace Stepwise::Views
