#pragma once

#include <QWidget>

namespace Stepwise::Views {

class AslEditor;

// The gutter left of the ASL text with line numbers and breakpoint dots; the editor paints
// it, and a click on a state's first line asks the editor to toggle its breakpoint.
class LineNumberArea : public QWidget
{
  public:
    explicit LineNumberArea(AslEditor *editor);
    QSize sizeHint() const override;

  protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

  private:
    AslEditor *m_editor;
};

} // namespace Stepwise::Views
