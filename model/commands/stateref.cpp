#include "model/commands/stateref.h"

namespace Stepwise::Model {

StateRef::StateRef(const Workflow &workflow, StateId id)
    : m_id(id)
    , m_pointer(workflow.pointer(id))
{}

StateId StateRef::resolve(const Workflow &workflow) const
{
    if (m_pointer.empty())
        return 0;
    if (m_id != 0 && workflow.contains(m_id) && workflow.pointer(m_id) == m_pointer)
        return m_id;
    StateId found = workflow.stateAtPointer(m_pointer);
    m_id = found != 0 && workflow.pointer(found) == m_pointer ? found : 0;
    return m_id;
}

ScopeRef::ScopeRef(const Workflow &workflow, ScopeId id)
    : m_id(id)
    , m_pointer(workflow.scopePointer(id))
{}

ScopeId ScopeRef::resolve(const Workflow &workflow) const
{
    if (m_pointer.empty())
        return workflow.rootScope();
    if (m_id != 0 && workflow.scopePointer(m_id) == m_pointer)
        return m_id;
    m_id = 0;
    StateId owner = workflow.stateAtPointer(m_pointer);
    for (ScopeId child : workflow.childScopes(owner)) {
        if (workflow.scopePointer(child) == m_pointer)
            m_id = child;
    }
    return m_id;
}

} // namespace Stepwise::Model
