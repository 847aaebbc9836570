#include "views/inspector/catchform.h"

#include <QFormLayout>
#include <QVBoxLayout>

namespace Stepwise::Views {

CatchForm::CatchForm(const QStringList &targets, Model::QueryLanguage language, QWidget *parent)
    : StructuredForm(QStringLiteral("catch"), targets, language, parent)
{}

Model::Json CatchForm::newItem() const
{
    Model::Json item{{"ErrorEquals", Model::Json::array({"States.ALL"})}};
    if (!m_targets.isEmpty())
        item["Next"] = m_targets.front().toStdString();
    return item;
}

QString CatchForm::itemTitle(int index) const
{
    return tr("Catcher %1").arg(index + 1);
}

void CatchForm::build(QVBoxLayout *layout)
{
    const bool jsonata = m_language == Model::QueryLanguage::Jsonata;
    for (int i = 0; i < int(m_value.size()); ++i) {
        const std::string at = "/" + std::to_string(i);
        QFormLayout *form = addItemFrame(layout, "", i, itemTitle(i));
        addErrorEquals(form, at + "/ErrorEquals");
        addTarget(form, tr("Fallback state"), at + "/Next");
        const Model::Json item = m_value[size_t(i)];
        if (!jsonata || item.contains("ResultPath"))
            addLine(form, tr("Result path"), at + "/ResultPath", pathParser(true),
                    tr("$ (default): the error output replaces the input"));
        if (jsonata || item.contains("Output"))
            addJson(form, tr("Output"), at + "/Output");
        addJson(form, tr("Assign"), at + "/Assign");
        addLine(form, tr("Comment"), at + "/Comment", textParser());
    }
    addAddButton(layout, tr("Add catcher"), "", newItem());
}

} // namespace Stepwise::Views
