#pragma once

#include "model/asl/workflow.h"

#include <string>

namespace Stepwise::Model {

// A state remembered by a command. Ids do not survive removal and re-creation (undo of a
// delete creates new ids), so the JSON pointer is what names the state; the id is a cache.
// The undo stack is linear, so the pointer is valid whenever the command runs.
class StateRef
{
  public:
    StateRef() = default;
    StateRef(const Workflow &workflow, StateId id);

    // The state's current id, or 0 when it does not exist.
    StateId resolve(const Workflow &workflow) const;
    const std::string &pointer() const { return m_pointer; }
    bool operator==(const StateRef &other) const { return m_pointer == other.m_pointer; }

  private:
    mutable StateId m_id = 0;
    std::string m_pointer;
};

// A scope remembered by its JSON pointer ("" for the root), for the same reason.
class ScopeRef
{
  public:
    ScopeRef() = default;
    ScopeRef(const Workflow &workflow, ScopeId id);

    ScopeId resolve(const Workflow &workflow) const;
    const std::string &pointer() const { return m_pointer; }

  private:
    mutable ScopeId m_id = 0;
    std::string m_pointer;
};

} // namespace Stepwise::Model
