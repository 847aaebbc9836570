#include "views/inspector/retryform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QVBoxLayout>

namespace Stepwise::Views {

RetryForm::RetryForm(const QStringList &targets, Model::QueryLanguage language, QWidget *parent)
    : StructuredForm(QStringLiteral("retry"), targets, language, parent)
{}

Model::Json RetryForm::newItem() const
{
    return Model::Json{{"ErrorEquals", Model::Json::array({"States.ALL"})},
                       {"IntervalSeconds", 1},
                       {"MaxAttempts", 3},
                       {"BackoffRate", 2}};
}

QString RetryForm::itemTitle(int index) const
{
    return tr("Retrier %1").arg(index + 1);
}

void RetryForm::build(QVBoxLayout *layout)
{
    for (int i = 0; i < int(m_value.size()); ++i) {
        const std::string at = "/" + std::to_string(i);
        QFormLayout *form = addItemFrame(layout, "", i, itemTitle(i));
        addErrorEquals(form, at + "/ErrorEquals");
        addLine(form, tr("Interval (s)"), at + "/IntervalSeconds", integerParser(1),
                tr("1 (default)"));
        addLine(form, tr("Max attempts"), at + "/MaxAttempts", integerParser(0), tr("3 (default)"));
        addLine(form, tr("Backoff rate"), at + "/BackoffRate", numberParser(1.0),
                tr("2.0 (default)"));
        addLine(form, tr("Max delay (s)"), at + "/MaxDelaySeconds", integerParser(1),
                tr("no limit"));
        auto *jitter = compactCombo(layout->parentWidget());
        jitter->setObjectName(inputName(at + "/JitterStrategy"));
        jitter->addItem(tr("(default: NONE)"));
        jitter->addItems({QStringLiteral("FULL"), QStringLiteral("NONE")});
        const Model::Json current = valueAt(at + "/JitterStrategy");
        const int index = current == "FULL" ? 1 : current == "NONE" ? 2 : 0;
        if (index == 0 && current.is_string()) // a value we do not know: keep it on offer
            jitter->addItem(QString::fromStdString(current.get<std::string>()));
        jitter->setCurrentIndex(index == 0 && current.is_string() ? 3 : index);
        connect(jitter, &QComboBox::activated, this, [this, jitter, at](int chosen) {
            setAt(at + "/JitterStrategy",
                  chosen == 0 ? std::nullopt
                              : std::optional<Model::Json>(jitter->itemText(chosen).toStdString()),
                  false);
        });
        form->addRow(tr("Jitter"), jitter);
        addLine(form, tr("Comment"), at + "/Comment", textParser());
    }
    addAddButton(layout, tr("Add retrier"), "", newItem());
}

} // namespace Stepwise::Views
