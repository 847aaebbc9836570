#include "model/commands/movestatescommand.h"

#include "model/commands/commandids.h"

#include <QCoreApplication>

namespace Stepwise::Model {

MoveStatesCommand::MoveStatesCommand(Document *document,
                                     const std::map<StateId, std::optional<QPointF>> &positions,
                                     bool nudge, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_nudge(nudge)
{
    const Workflow &workflow = *document->workflow();
    for (const auto &[id, position] : positions) {
        if (!workflow.contains(id))
            continue;
        std::optional<QPointF> before = document->layout()->position(id);
        if (before != position)
            m_moves.push_back({StateRef(workflow, id), before, position});
    }
    if (m_moves.size() == 1)
        setText(QCoreApplication::translate("Stepwise", "Move %1")
                    .arg(QString::fromStdString(
                        workflow.name(m_moves.front().state.resolve(workflow)))));
    else
        setText(QCoreApplication::translate("Stepwise", "Move %n states", nullptr,
                                            static_cast<int>(m_moves.size())));
    if (m_moves.empty())
        setObsolete(true);
}

int MoveStatesCommand::id() const
{
    return static_cast<int>(CommandId::MoveStates);
}

bool MoveStatesCommand::mergeWith(const QUndoCommand *other)
{
    auto next = static_cast<const MoveStatesCommand *>(other);
    if (!m_nudge || !next->m_nudge || next->m_moves.size() != m_moves.size())
        return false;
    for (size_t i = 0; i < m_moves.size(); ++i) {
        if (!(m_moves[i].state == next->m_moves[i].state))
            return false;
    }
    bool unchanged = true;
    for (size_t i = 0; i < m_moves.size(); ++i) {
        m_moves[i].after = next->m_moves[i].after;
        unchanged = unchanged && m_moves[i].after == m_moves[i].before;
    }
    setObsolete(unchanged);
    return true;
}

void MoveStatesCommand::apply(bool forward)
{
    const Workflow &workflow = *m_document->workflow();
    for (const Move &move : m_moves) {
        StateId id = move.state.resolve(workflow);
        if (id == 0)
            continue;
        const std::optional<QPointF> &position = forward ? move.after : move.before;
        if (position)
            m_document->layout()->setPosition(id, *position);
        else
            m_document->layout()->clearPosition(id);
    }
}

void MoveStatesCommand::redo()
{
    apply(true);
}

void MoveStatesCommand::undo()
{
    apply(false);
}

} // namespace Stepwise::Model
