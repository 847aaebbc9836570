#include "model/commands/disconnectcommand.h"

#include "model/commands/transitionedit.h"

#include <QCoreApplication>

namespace Stepwise::Model {

DisconnectCommand::DisconnectCommand(Document *document, StateId from, TransitionKind kind,
                                     int index, QUndoCommand *parent)
    : SetStateJsonCommand(
        document, from, TransitionEdit::removed(document->workflow()->stateJson(from), kind, index),
        parent)
{
    setText(QCoreApplication::translate("Stepwise", "Delete transition of %1")
                .arg(QString::fromStdString(document->workflow()->name(from))));
}

} // namespace Stepwise::Model
