#include "model/commands/setdocumentfieldcommand.h"

#include <QCoreApplication>

namespace Stepwise::Model {

namespace {

// Distinct from the ids in commandids.h; only commands of this class merge with each other.
constexpr int kSetDocumentFieldId = 1101;

} // namespace

SetDocumentFieldCommand::SetDocumentFieldCommand(Document *document, const std::string &key,
                                                 std::optional<Json> value, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_key(key)
    , m_after(std::move(value))
{
    const Json fields = document->workflow()->documentFields();
    if (fields.contains(key))
        m_before = fields[key];
    const QString field = QString::fromStdString(key);
    setText(m_after ? QCoreApplication::translate("Stepwise", "Change workflow %1").arg(field)
                    : QCoreApplication::translate("Stepwise", "Remove workflow %1").arg(field));
    setObsolete(m_before == m_after);
}

int SetDocumentFieldCommand::id() const
{
    return kSetDocumentFieldId;
}

bool SetDocumentFieldCommand::mergeWith(const QUndoCommand *other)
{
    auto next = static_cast<const SetDocumentFieldCommand *>(other);
    if (next->m_key != m_key)
        return false;
    m_after = next->m_after;
    setText(next->text());
    setObsolete(m_after == m_before);
    return true;
}

void SetDocumentFieldCommand::apply(const std::optional<Json> &value)
{
    Workflow *workflow = m_document->workflow();
    // The root scope is looked up each time: replacing the whole text makes a new one.
    if (value)
        workflow->setScopeField(workflow->rootScope(), m_key, *value);
    else
        workflow->removeScopeField(workflow->rootScope(), m_key);
}

void SetDocumentFieldCommand::undo()
{
    apply(m_before);
}

void SetDocumentFieldCommand::redo()
{
    apply(m_after);
}

} // namespace Stepwise::Model
