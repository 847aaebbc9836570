#include "model/commands/addstatecommand.h"

#include <QCoreApplication>

namespace Stepwise::Model {

AddStateCommand::AddStateCommand(Document *document, ScopeId scope, const std::string &name,
                                 const Json &body, std::optional<QPointF> position, int index,
                                 QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_scope(*document->workflow(), scope)
    , m_name(name)
    , m_body(body)
    , m_position(position)
    , m_index(index)
{
    std::string type = body.is_object() && body.contains("Type") && body["Type"].is_string()
                           ? body["Type"].get<std::string>()
                           : std::string("a");
    setText(
        QCoreApplication::translate("Stepwise", "Add %1 state").arg(QString::fromStdString(type)));
}

Json AddStateCommand::defaultBody(StateType type)
{
    switch (type) {
    case StateType::Pass:
        return Json{{"Type", "Pass"}, {"End", true}};
    case StateType::Task:
        return Json{{"Type", "Task"},
                    {"Resource", "arn:aws:states:::lambda:invoke"},
                    {"Parameters", {{"FunctionName", "MyFunction"}, {"Payload.$", "$"}}},
                    {"End", true}};
    case StateType::Choice:
        return Json{{"Type", "Choice"}, {"Choices", Json::array()}};
    case StateType::Wait:
        return Json{{"Type", "Wait"}, {"Seconds", 10}, {"End", true}};
    case StateType::Succeed:
        return Json{{"Type", "Succeed"}};
    case StateType::Fail:
        return Json{{"Type", "Fail"}, {"Error", "Failed"}, {"Cause", "Describe the failure"}};
    case StateType::Parallel: {
        Json branch
            = {{"StartAt", "Pass"}, {"States", {{"Pass", {{"Type", "Pass"}, {"End", true}}}}}};
        return Json{{"Type", "Parallel"}, {"Branches", Json::array({branch})}, {"End", true}};
    }
    case StateType::Map: {
        Json processor = {{"ProcessorConfig", {{"Mode", "INLINE"}}},
                          {"StartAt", "Pass"},
                          {"States", {{"Pass", {{"Type", "Pass"}, {"End", true}}}}}};
        return Json{{"Type", "Map"}, {"ItemProcessor", processor}, {"End", true}};
    }
    case StateType::Unknown:
        break;
    }
    return Json{{"Type", "Pass"}, {"End", true}};
}

void AddStateCommand::redo()
{
    Workflow &workflow = *m_document->workflow();
    ScopeId scope = m_scope.resolve(workflow);
    auto added = scope == 0 ? Result<StateId>(Error{"no such scope", {}})
                            : workflow.addState(scope, m_name, m_body, m_index);
    if (!added.ok()) {
        m_added = 0;
        setObsolete(true);
        return;
    }
    m_added = *added;
    m_ref = StateRef(workflow, m_added);
    if (m_position)
        m_document->layout()->setPosition(m_added, *m_position);
}

void AddStateCommand::undo()
{
    if (m_added == 0)
        return;
    Workflow &workflow = *m_document->workflow();
    StateId id = m_ref.resolve(workflow);
    m_document->layout()->clearPosition(id);
    workflow.removeState(id);
    m_added = 0;
}

} // namespace Stepwise::Model
