#include "views/inspector/choicerulesform.h"

#include "model/asl/fieldcatalog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace Stepwise::Views {

namespace {

// Nested conditions deeper than this are edited as JSON text.
constexpr int maxFormDepth = 12;

bool isConditionKey(const std::string &key)
{
    return key == "Variable" || key == "And" || key == "Or" || key == "Not" || key == "Condition"
           || Model::findChoiceOperator(key);
}

std::string operatorOf(const Model::Json &condition)
{
    for (auto it = condition.begin(); it != condition.end(); ++it) {
        if (Model::findChoiceOperator(it.key()))
            return it.key();
    }
    return std::string();
}

// The object with its condition keys replaced by `condition`'s, where the old ones were
// (first, when it had none); the rule's other fields keep their place.
Model::Json withCondition(const Model::Json &object, const Model::Json &condition)
{
    Model::Json out = Model::Json::object();
    bool inserted = false;
    auto insert = [&] {
        for (auto it = condition.begin(); it != condition.end(); ++it)
            out[it.key()] = it.value();
        inserted = true;
    };
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isConditionKey(it.key())) {
            if (!inserted)
                insert();
            continue;
        }
        if (!inserted)
            insert();
        out[it.key()] = it.value();
    }
    if (!inserted)
        insert();
    return out;
}

Model::Json defaultOperand(Model::OperandKind kind)
{
    switch (kind) {
    case Model::OperandKind::String:
        return "";
    case Model::OperandKind::Number:
        return 0;
    case Model::OperandKind::Boolean:
    case Model::OperandKind::Test:
        return true;
    case Model::OperandKind::Timestamp:
        return "2025-01-01T00:00:00Z";
    case Model::OperandKind::Path:
        return "$.other";
    }
    return nullptr;
}

bool fitsOperand(const Model::Json &value, Model::OperandKind kind)
{
    switch (kind) {
    case Model::OperandKind::String:
    case Model::OperandKind::Timestamp:
        return value.is_string();
    case Model::OperandKind::Path:
        return value.is_string() && value.get<std::string>().starts_with('$');
    case Model::OperandKind::Number:
        return value.is_number();
    case Model::OperandKind::Boolean:
    case Model::OperandKind::Test:
        return value.is_boolean();
    }
    return false;
}

StructuredForm::Parser operandParser(Model::OperandKind kind)
{
    return [kind](const QString &text, QString &error) -> std::optional<Model::Json> {
        const QString trimmed = text.trimmed();
        switch (kind) {
        case Model::OperandKind::String:
            return Model::Json(text.toStdString());
        case Model::OperandKind::Timestamp: {
            static const QRegularExpression rfc3339(QStringLiteral(
                "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"));
            if (!rfc3339.match(trimmed).hasMatch()) {
                error = QCoreApplication::translate("Stepwise::Views::ChoiceRulesForm",
                                                    "Expected an RFC 3339 timestamp such as "
                                                    "2025-01-01T00:00:00Z");
                return std::nullopt;
            }
            return Model::Json(trimmed.toStdString());
        }
        case Model::OperandKind::Path:
            if (!trimmed.startsWith(QLatin1Char('$'))) {
                error = QCoreApplication::translate("Stepwise::Views::ChoiceRulesForm",
                                                    "A path starts with $ or $$");
                return std::nullopt;
            }
            return Model::Json(trimmed.toStdString());
        case Model::OperandKind::Number: {
            bool isInt = false;
            const long long integer = trimmed.toLongLong(&isInt);
            if (isInt)
                return Model::Json(integer);
            bool ok = false;
            const double number = trimmed.toDouble(&ok);
            if (!ok) {
                error = QCoreApplication::translate("Stepwise::Views::ChoiceRulesForm",
                                                    "Expected a number");
                return std::nullopt;
            }
            return Model::Json(number);
        }
        case Model::OperandKind::Boolean:
        case Model::OperandKind::Test:
            if (trimmed == QLatin1String("true"))
                return Model::Json(true);
            if (trimmed == QLatin1String("false"))
                return Model::Json(false);
            error = QCoreApplication::translate("Stepwise::Views::ChoiceRulesForm",
                                                "Expected true or false");
            return std::nullopt;
        }
        return std::nullopt;
    };
}

} // namespace

ChoiceRulesForm::ChoiceRulesForm(const QStringList &targets, Model::QueryLanguage language,
                                 QWidget *parent)
    : StructuredForm(QStringLiteral("choice"), targets, language, parent)
{}

Model::Json ChoiceRulesForm::newComparison() const
{
    return Model::Json{{"Variable", "$.value"}, {"StringEquals", ""}};
}

Model::Json ChoiceRulesForm::newItem() const
{
    Model::Json rule = m_language == Model::QueryLanguage::Jsonata
                           ? Model::Json{{"Condition", "{% $states.input.value = 1 %}"}}
                           : newComparison();
    if (!m_targets.isEmpty())
        rule["Next"] = m_targets.front().toStdString();
    return rule;
}

QString ChoiceRulesForm::itemTitle(int index) const
{
    return tr("Rule %1").arg(index + 1);
}

void ChoiceRulesForm::build(QVBoxLayout *layout)
{
    for (int i = 0; i < int(m_value.size()); ++i) {
        const std::string at = "/" + std::to_string(i);
        QFormLayout *form = addItemFrame(layout, "", i, itemTitle(i));
        const Model::Json &rule = m_value[size_t(i)];
        if (m_language == Model::QueryLanguage::Jsonata || rule.contains("Condition")) {
            QLineEdit *condition = addLine(form, tr("Condition"), at + "/Condition", textParser(),
                                           QStringLiteral("{% $states.input.x > 1 %}"));
            condition->setToolTip(tr("A JSONata expression that is true or false"));
        } else {
            buildCondition(form, at, 0);
        }
        addTarget(form, tr("Then go to"), at + "/Next");
        addJson(form, tr("Assign"), at + "/Assign");
        if (rule.contains("Output") || m_language == Model::QueryLanguage::Jsonata)
            addJson(form, tr("Output"), at + "/Output");
        addLine(form, tr("Comment"), at + "/Comment", textParser());
    }
    addAddButton(layout, tr("Add rule"), "", newItem());
}

void ChoiceRulesForm::buildCondition(QFormLayout *form, const std::string &pointer, int depth)
{
    const Model::Json condition = valueAt(pointer);
    if (depth > maxFormDepth || !condition.is_object()) {
        addJson(form, tr("Condition"), pointer);
        return;
    }
    ConditionKind kind = ConditionKind::Comparison;
    if (condition.contains("And"))
        kind = ConditionKind::And;
    else if (condition.contains("Or"))
        kind = ConditionKind::Or;
    else if (condition.contains("Not"))
        kind = ConditionKind::Not;

    auto *kindBox = compactCombo(form->parentWidget());
    kindBox->setObjectName(inputName(pointer) + QLatin1String("_kind"));
    kindBox->addItem(tr("Comparison"));
    kindBox->addItem(tr("And: all of"));
    kindBox->addItem(tr("Or: any of"));
    kindBox->addItem(tr("Not"));
    kindBox->setCurrentIndex(int(kind));
    connect(kindBox, &QComboBox::activated, this,
            [this, pointer](int chosen) { setConditionKind(pointer, ConditionKind(chosen)); });
    form->addRow(depth == 0 ? tr("If") : tr("Condition"), kindBox);

    if (kind == ConditionKind::Comparison) {
        buildComparison(form, pointer);
        return;
    }
    // Nested conditions, each in an indented frame of its own.
    const std::string key = kind == ConditionKind::And  ? "And"
                            : kind == ConditionKind::Or ? "Or"
                                                        : "Not";
    const std::string listPointer = pointer + "/" + key;
    const Model::Json children = condition[key];
    std::vector<std::string> childPointers;
    if (kind == ConditionKind::Not) {
        childPointers.push_back(listPointer);
    } else if (children.is_array()) {
        for (size_t i = 0; i < children.size(); ++i)
            childPointers.push_back(listPointer + "/" + std::to_string(i));
    }
    auto *box = new QWidget(form->parentWidget());
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->setContentsMargins(12, 0, 0, 0);
    for (const std::string &child : childPointers) {
        auto *frame = new QFrame(box);
        frame->setFrameShape(QFrame::StyledPanel);
        auto *frameLayout = new QVBoxLayout(frame);
        frameLayout->setContentsMargins(4, 2, 4, 4);
        if (kind != ConditionKind::Not) {
            auto *remove = new QToolButton(frame);
            remove->setObjectName(inputName(child) + QLatin1String("_remove"));
            remove->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
            remove->setToolTip(tr("Remove this condition"));
            remove->setAutoRaise(true);
            connect(remove, &QToolButton::clicked, this,
                    [this, child] { setAt(child, std::nullopt, true); });
            frameLayout->addWidget(remove, 0, Qt::AlignRight);
        }
        auto *holder = new QWidget(frame);
        auto *childForm = new QFormLayout(holder);
        childForm->setContentsMargins(0, 0, 0, 0);
        childForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        frameLayout->addWidget(holder);
        boxLayout->addWidget(frame);
        buildCondition(childForm, child, depth + 1);
    }
    if (kind != ConditionKind::Not) {
        auto *add = new QPushButton(tr("Add condition"), box);
        add->setObjectName(inputName(listPointer) + QLatin1String("_add"));
        connect(add, &QPushButton::clicked, this, [this, listPointer] {
            Model::Json list = valueAt(listPointer);
            if (!list.is_array())
                list = Model::Json::array();
            list.push_back(newComparison());
            setAt(listPointer, list, true);
        });
        boxLayout->addWidget(add, 0, Qt::AlignLeft);
    }
    form->addRow(box);
}

void ChoiceRulesForm::buildComparison(QFormLayout *form, const std::string &pointer)
{
    addLine(form, tr("Variable"), pointer + "/Variable", pathParser(false),
            QStringLiteral("$.status"));
    const Model::Json condition = valueAt(pointer);
    const std::string op = operatorOf(condition);
    auto *opBox = compactCombo(form->parentWidget());
    opBox->setObjectName(inputName(pointer) + QLatin1String("_operator"));
    for (const Model::ChoiceOperatorInfo &info : Model::choiceOperatorCatalog())
        opBox->addItem(QString::fromLatin1(info.name.data(), qsizetype(info.name.size())));
    opBox->setCurrentIndex(opBox->findText(QString::fromStdString(op)));
    connect(opBox, &QComboBox::activated, this, [this, opBox, pointer](int chosen) {
        setOperator(pointer, opBox->itemText(chosen).toStdString());
    });
    form->addRow(tr("Operator"), opBox);
    if (op.empty())
        return;
    const Model::ChoiceOperatorInfo *info = Model::findChoiceOperator(op);
    const QString hint = info->operand == Model::OperandKind::Path     ? QStringLiteral("$.other")
                         : info->operand == Model::OperandKind::Number ? QStringLiteral("0")
                         : info->operand == Model::OperandKind::Timestamp
                             ? QStringLiteral("2025-01-01T00:00:00Z")
                         : info->operand == Model::OperandKind::String ? QString()
                                                                       : QStringLiteral("true");
    QLineEdit *value
        = addLine(form, tr("Value"), pointer + "/" + op, operandParser(info->operand), hint);
    value->setObjectName(inputName(pointer) + QLatin1String("_value"));
    // An empty string is a value for the String operators, not a removal.
    if (info->operand == Model::OperandKind::String && condition[op] == "")
        value->setPlaceholderText(tr("(empty string)"));
}

void ChoiceRulesForm::setConditionKind(const std::string &pointer, ConditionKind kind)
{
    const Model::Json current = valueAt(pointer);
    // Keep the current comparison as the first nested condition, so switching to And, Or or
    // Not wraps it rather than losing it.
    Model::Json inner = Model::Json::object();
    for (auto it = current.begin(); it != current.end(); ++it) {
        if (isConditionKey(it.key()))
            inner[it.key()] = it.value();
    }
    Model::Json condition;
    switch (kind) {
    case ConditionKind::Comparison:
        if (current.contains("Not") && current["Not"].is_object())
            condition = current["Not"];
        else if (current.contains("And") && current["And"].is_array() && !current["And"].empty())
            condition = current["And"][0];
        else if (current.contains("Or") && current["Or"].is_array() && !current["Or"].empty())
            condition = current["Or"][0];
        else
            condition = newComparison();
        break;
    case ConditionKind::And:
    case ConditionKind::Or: {
        Model::Json list = Model::Json::array();
        if (current.contains("And") && current["And"].is_array())
            list = current["And"];
        else if (current.contains("Or") && current["Or"].is_array())
            list = current["Or"];
        else
            list.push_back(inner.empty() ? newComparison() : inner);
        condition = Model::Json{{kind == ConditionKind::And ? "And" : "Or", list}};
        break;
    }
    case ConditionKind::Not:
        condition = Model::Json{{"Not", inner.empty() ? newComparison() : inner}};
        break;
    }
    if (!condition.is_object())
        condition = newComparison();
    setAt(pointer, withCondition(current, condition), true);
}

void ChoiceRulesForm::setOperator(const std::string &pointer, const std::string &op)
{
    const Model::Json current = valueAt(pointer);
    const std::string old = operatorOf(current);
    if (old == op)
        return;
    const Model::ChoiceOperatorInfo *info = Model::findChoiceOperator(op);
    Model::Json operand = old.empty() ? Model::Json() : current[old];
    if (!fitsOperand(operand, info->operand))
        operand = defaultOperand(info->operand);
    Model::Json out = Model::Json::object();
    bool placed = false;
    for (auto it = current.begin(); it != current.end(); ++it) {
        if (it.key() == old) {
            out[op] = operand;
            placed = true;
        } else {
            out[it.key()] = it.value();
        }
    }
    if (!placed)
        out[op] = operand;
    setAt(pointer, out, true);
}

} // namespace Stepwise::Views
