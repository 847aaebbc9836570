#include "model/commands/reconnectcommand.h"

#include "model/commands/transitionedit.h"

#include <QCoreApplication>

namespace Stepwise::Model {

ReconnectCommand::ReconnectCommand(Document *document, StateId from, TransitionKind kind, int index,
                                   const std::string &target, QUndoCommand *parent)
    : SetStateJsonCommand(
        document, from,
        TransitionEdit::retargeted(document->workflow()->stateJson(from), kind, index, target),
        parent)
{
    setText(QCoreApplication::translate("Stepwise", "Reconnect %1 to %2")
                .arg(QString::fromStdString(document->workflow()->name(from)),
                     QString::fromStdString(target)));
}

} // namespace Stepwise::Model
