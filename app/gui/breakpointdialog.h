#pragma once

#include "app/gui/breakpointbook.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace Stepwise::App {

// Edits one state's breakpoint: stop before entry, after exit, a condition (a Choice rule
// on the state's input, as JSON, checked as typed) and whether it is enabled.
class BreakpointDialog : public QDialog
{
    Q_OBJECT

  public:
    BreakpointDialog(const QString &stateName, const BreakpointBook::Spec &spec,
                     QWidget *parent = nullptr);

    BreakpointBook::Spec spec() const;

  private:
    void check();

    QCheckBox *m_before;
    QCheckBox *m_after;
    QCheckBox *m_enabled;
    QPlainTextEdit *m_condition;
    QLabel *m_status;
    QPushButton *m_ok = nullptr;
};

} // namespace Stepwise::App
