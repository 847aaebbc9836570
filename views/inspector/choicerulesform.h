#pragma once

#include "views/inspector/structuredform.h"

class QFormLayout;

namespace Stepwise::Views {

// The Choices field as a list of rules, each with its Next and a condition: in JSONPath a
// comparison (Variable, operator, value) or And / Or / Not over nested conditions, edited
// as a tree; in JSONata the Condition expression.
class ChoiceRulesForm : public StructuredForm
{
    Q_OBJECT

  public:
    ChoiceRulesForm(const QStringList &targets, Model::QueryLanguage language,
                    QWidget *parent = nullptr);

  protected:
    void build(QVBoxLayout *layout) override;
    Model::Json newItem() const override;
    QString itemTitle(int index) const override;

  private:
    enum class ConditionKind { Comparison, And, Or, Not };
    // Adds the editor of the condition held by the object at `pointer`.
    void buildCondition(QFormLayout *form, const std::string &pointer, int depth);
    void buildComparison(QFormLayout *form, const std::string &pointer);
    void setConditionKind(const std::string &pointer, ConditionKind kind);
    void setOperator(const std::string &pointer, const std::string &op);
    Model::Json newComparison() const;
};

} // namespace Stepwise::Views
