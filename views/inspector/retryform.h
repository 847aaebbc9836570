#pragma once

#include "views/inspector/structuredform.h"

namespace Stepwise::Views {

// The Retry field as a list of retriers: error names, interval, attempts, backoff rate,
// maximum delay and jitter strategy.
class RetryForm : public StructuredForm
{
    Q_OBJECT

  public:
    RetryForm(const QStringList &targets, Model::QueryLanguage language, QWidget *parent = nullptr);

  protected:
    void build(QVBoxLayout *layout) override;
    Model::Json newItem() const override;
    QString itemTitle(int index) const override;
};

} // namespace Stepwise::Views
