#pragma once

#include "model/asl/workflow.h"

#include <QObject>

namespace Stepwise::Views {

class CanvasView;

// Keeps a run's active state in view, as a debugger keeps the current line visible, until
// the user pans (wheel, scrollbars, middle or Space drag): from then on the view stays
// where they put it until resume() (a new run, "Follow the Run").
class CanvasFollower : public QObject
{
    Q_OBJECT

  public:
    explicit CanvasFollower(CanvasView *view);

    void follow(Model::StateId id);
    void resume() { m_userPanned = false; }
    bool userPanned() const { return m_userPanned; }

    // The first view of a diagram: small ones fitted into the window; one that fitting
    // would shrink below a readable zoom (hundreds of states) at a readable zoom with its
    // StartAt state near the top, as people start reading a workflow.
    static void showReadable(CanvasView *view);
    static constexpr double kReadableZoom = 0.6;

  protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

  private:
    CanvasView *m_view;
    bool m_userPanned = false;
};

} // namespace Stepwise::Views
