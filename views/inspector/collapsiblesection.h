#pragma once

#include <QWidget>

class QToolButton;
class QVBoxLayout;

namespace Stepwise::Views {

// A titled group of the inspector that folds away with a click on its header.
class CollapsibleSection : public QWidget
{
    Q_OBJECT

  public:
    CollapsibleSection(const QString &title, QWidget *parent = nullptr);

    void addWidget(QWidget *widget);
    void setExpanded(bool expanded);
    bool isExpanded() const;

  private:
    QToolButton *m_header;
    QWidget *m_body;
    QVBoxLayout *m_bodyLayout;
};

} // namespace Stepwise::Views
