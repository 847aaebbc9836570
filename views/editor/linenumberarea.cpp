#include "views/editor/linenumberarea.h"

#include "views/editor/asleditor.h"

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
