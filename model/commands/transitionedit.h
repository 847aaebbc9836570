#pragma once

#include "model/asl/workflow.h"

namespace Stepwise::Model::TransitionEdit {

// A state body with one more transition to `target`: Next (replacing End in place),
// Default, a new Choice rule (a placeholder condition the user then edits) or a new
// catcher for States.ALL. Next on a Choice adds a rule.
Json added(const Json &body, TransitionKind kind, const std::string &target,
           QueryLanguage language);
// The body with the existing transition (kind, index) leading to `target` instead.
Json retargeted(const Json &body, TransitionKind kind, int index, const std::string &target);
// The body without the transition: Next becomes End, a rule or catcher is deleted.
Json removed(const Json &body, TransitionKind kind, int index);
// Whether a state of this type can have a transition of this kind.
bool allows(StateType type, TransitionKind kind);

} // namespace Stepwise::Model::TransitionEdit
