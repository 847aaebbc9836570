#include "views/canvas/statesummary.h"

#include <QCoreApplication>

namespace Stepwise::Views {

namespace {

QString text(const Model::Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return {};
    return QString::fromStdString(value.dump());
}

QString tr(const char *source)
{
    return QCoreApplication::translate("Stepwise", source);
}

} // namespace

QString shortResource(const QString &resource)
{
    static const QString serviceIntegration = QStringLiteral("arn:aws:states:::");
    if (resource.startsWith(serviceIntegration))
        return resource.mid(serviceIntegration.size());
    if (resource.startsWith(QStringLiteral("arn:"))
        && resource.contains(QStringLiteral(":function:")))
        return QStringLiteral("λ ") + resource.section(QLatin1Char(':'), 6, 6);
    if (resource.startsWith(QStringLiteral("arn:")))
        return resource.section(QLatin1Char(':'), 2, 2) + QLatin1Char(':')
               + resource.section(QLatin1Char(':'), 5);
    return resource;
}

QString stateSummary(const Model::Workflow &workflow, Model::StateId id)
{
    using Model::StateType;
    auto field = [&](const char *key) { return workflow.field(id, key); };
    switch (workflow.type(id)) {
    case StateType::Task: {
        QString resource = shortResource(text(field("Resource")));
        for (const char *holder : {"Parameters", "Arguments"}) {
            const Model::Json args = field(holder);
            if (resource.startsWith(QStringLiteral("lambda:invoke")) && args.is_object()
                && args.contains("FunctionName") && args["FunctionName"].is_string())
                return QStringLiteral("λ ")
                       + shortResource(text(args["FunctionName"])).remove(QStringLiteral("λ "));
        }
        return resource;
    }
    case StateType::Wait:
        if (workflow.hasField(id, "Seconds"))
            return text(field("Seconds")) + tr(" s");
        if (workflow.hasField(id, "SecondsPath"))
            return tr("for ") + text(field("SecondsPath"));
        if (workflow.hasField(id, "Timestamp"))
            return tr("until ") + text(field("Timestamp"));
        if (workflow.hasField(id, "TimestampPath"))
            return tr("until ") + text(field("TimestampPath"));
        return {};
    case StateType::Choice: {
        const Model::Json choices = field("Choices");
        int count = choices.is_array() ? static_cast<int>(choices.size()) : 0;
        return QCoreApplication::translate("Stepwise", "%n rule(s)", nullptr, count);
    }
    case StateType::Pass:
        if (workflow.hasField(id, "Result"))
            return tr("fixed result");
        if (workflow.hasField(id, "Parameters") || workflow.hasField(id, "Output"))
            return tr("transform");
        return {};
    case StateType::Fail:
        return text(field("Error"));
    case StateType::Succeed:
        return {};
    case StateType::Parallel: {
        int count = static_cast<int>(workflow.childScopes(id).size());
        return QCoreApplication::translate("Stepwise", "%n branch(es)", nullptr, count);
    }
    case StateType::Map: {
        const Model::Json processor = field("ItemProcessor");
        bool distributed = processor.is_object() && processor.contains("ProcessorConfig")
                           && processor["ProcessorConfig"].value("Mode", "") == "DISTRIBUTED";
        QString mode = distributed ? tr("distributed") : tr("inline");
        if (workflow.hasField(id, "ItemReader"))
            mode += tr(", item reader");
        else if (workflow.hasField(id, "ItemsPath"))
            mode += QStringLiteral(", ") + text(field("ItemsPath"));
        return mode;
    }
    case StateType::Unknown:
        break;
    }
    return text(field("Type"));
}

} // namespace Stepwise::Views
