#pragma once

#include <QGraphicsTextItem>

#include <functional>

namespace Stepwise::Views {

// The in-place editor of a state's name: Enter or leaving it commits, Escape cancels.
// It calls `commit` with the text at most once, then deletes itself later.
class NameEditor : public QGraphicsTextItem
{
  public:
    using Commit = std::function<void(const QString &)>;

    NameEditor(const QString &text, Commit commit, QGraphicsItem *parent);

    void finish(bool accept);

  protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

  private:
    Commit m_commit;
    bool m_done = false;
};

} // namespace Stepwise::Views
