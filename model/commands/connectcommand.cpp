#include "model/commands/connectcommand.h"

#include "model/commands/transitionedit.h"

#include <QCoreApplication>

namespace Stepwise::Model {

namespace {

Json connectedBody(const Workflow &workflow, StateId from, StateId to, TransitionKind kind)
{
    Json body = workflow.stateJson(from);
    if (!workflow.contains(to) || workflow.scopeOf(from) != workflow.scopeOf(to))
        return body;
    return TransitionEdit::added(body, kind, workflow.name(to), workflow.queryLanguage(from));
}

} // namespace

ConnectCommand::ConnectCommand(Document *document, StateId from, StateId to, TransitionKind kind,
                               QUndoCommand *parent)
    : SetStateJsonCommand(document, from, connectedBody(*document->workflow(), from, to, kind),
                          parent)
{
    const Workflow &workflow = *document->workflow();
    QString fromName = QString::fromStdString(workflow.name(from));
    QString toName = QString::fromStdString(workflow.name(to));
    setText(
        kind == TransitionKind::Catch
            ? QCoreApplication::translate("Stepwise", "Catch errors of %1 in %2")
                  .arg(fromName, toName)
            : QCoreApplication::translate("Stepwise", "Connect %1 to %2").arg(fromName, toName));
}

} // namespace Stepwise::Model
