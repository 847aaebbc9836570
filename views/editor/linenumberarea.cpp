#include "views/editor/linenumberarea.h"

#include "views/editor/asleditor.h"

#include <QMouseEvent>

namespace Stepwise::Views {

LineNumberArea::LineNumberArea(AslEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
{}

QSize LineNumberArea::sizeHint() const
{
    return QSize(m_editor->lineNumberAreaWidth(), 0);
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_editor->paintLineNumbers(event);
}

} // namespace Stepwise::Views

namespace Stepwise::Views {

void LineNumberArea::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_editor->gutterClicked(event->position().toPoint().y());
    QWidget::mousePressEvent(event);
}

} // namespace Stepwise::Views
