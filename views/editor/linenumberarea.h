#pragma once

#include <QWidget>

namespace Stepwise::Views {

class AslEditor;

// The gutter left of the ASL text with line numbers; the editor paints it.
class LineNumberArea : public QWidget
{
  public:
    explicit LineNumberArea(AslEditor *editor);
    QSize sizeHint() const override;

  protected:
    void paintEvent(QPaintEvent *event) override;

  private:
    AslEditor *m_editor;
};

} // namespace Stepwise::Views
