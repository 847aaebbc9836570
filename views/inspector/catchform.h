#pragma once

#include "views/inspector/structuredform.h"

namespace Stepwise::Views {

// The Catch field as a list of catchers: error names, the fallback state, and where the
// error goes (ResultPath in JSONPath; Output in JSONata), plus Assign.
class CatchForm : public StructuredForm
{
    Q_OBJECT

  public:
    CatchForm(const QStringList &targets, Model::QueryLanguage language, QWidget *parent = nullptr);

  protected:
    void build(QVBoxLayout *layout) override;
    Model::Json newItem() const override;
    QString itemTitle(int index) const override;
};

} // namespace Stepwise::Views
