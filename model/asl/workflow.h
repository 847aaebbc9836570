#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "model/result.h"

#include <QObject>

#include <string>
#include <unordered_map>
#include <vector>

namespace Stepwise::Model {

// Stable identities: an id names the same state (or scope) for the workflow's lifetime,
// across renames and edits; 0 is never a valid id.
using StateId = quint32;
using ScopeId = quint32;

enum class TransitionKind { Next, Default, ChoiceRule, Catch };

// An outgoing edge of a state, derived from its fields.
struct Transition
{
    TransitionKind kind = TransitionKind::Next;
    int index = -1;       // the rule's or catcher's index for ChoiceRule / Catch
    std::string target;   // the state name written in the definition
    StateId targetId = 0; // 0 when no state of that name exists in the scope
    std::string label;    // short text for an edge: the condition or the error names
};

// The workflow document: an ASL definition held losslessly (every field the user wrote,
// in the order written, unknown ones too) and organised as scopes of states. The root
// scope is the state machine; every Parallel branch and Map processor is a nested scope.
//
// Contract with views: every mutator changes the model completely, then emits exactly one
// signal naming what changed. Views never hold pointers into the model, only ids.
class Workflow : public QObject
{
    Q_OBJECT

  public:
    explicit Workflow(QObject *parent = nullptr);
    ~Workflow() override;

    // Replaces the whole document. States keep their ids where the same name exists in the
    // same place (so a text edit keeps the selection). Emits modelReset().
    // Fails (leaving an empty document) when the definition is not a JSON object.
    Result<bool> load(const Json &definition);
    // The ASL definition, every field in its written order.
    Json toJson() const;

    ScopeId rootScope() const { return m_rootScope; }
    // The scope's own fields other than its states (StartAt, Comment, ProcessorConfig, ...).
    Json scopeFields(ScopeId scope) const;
    std::string startAt(ScopeId scope) const;
    std::vector<StateId> states(ScopeId scope) const; // in written order
    StateId ownerOf(ScopeId scope) const;             // 0 for the root scope
    // "/States/P/Branches/0" for a branch; "" for the root.
    std::string scopePointer(ScopeId scope) const;
    // "Branch 1", "Item processor", "Iterator", or "" for the root.
    std::string scopeTitle(ScopeId scope) const;
    // Every scope, root first, then depth-first in written order.
    std::vector<ScopeId> allScopes() const;
    std::vector<StateId> allStates() const;

    bool contains(StateId id) const { return m_states.count(id) > 0; }
    ScopeId scopeOf(StateId id) const;
    std::vector<ScopeId> childScopes(StateId id) const;
    std::string name(StateId id) const;
    StateType type(StateId id) const;
    // The state's JSON, nested scopes included.
    Json stateJson(StateId id) const;
    // One field of the state (null when absent). Nested scopes are returned whole.
    Json field(StateId id, const std::string &key) const;
    bool hasField(StateId id, const std::string &key) const;
    // "/States/Wait" or "/States/P/Branches/0/States/Inner".
    std::string pointer(StateId id) const;
    StateId findState(ScopeId scope, const std::string &name) const;
    // Finds a state by its JSON pointer (or the deepest state containing the pointer).
    StateId stateAtPointer(const std::string &pointer) const;
    std::vector<Transition> transitions(StateId id) const;
    // The query language in force for the state (its own, or the document's, or JSONPath).
    QueryLanguage queryLanguage(StateId id) const;
    // The document's top-level fields other than States (Comment, StartAt, Version, ...).
    Json documentFields() const;

    // Adds a state named `name` with the given body (a state object, nested scopes
    // included) at `index` (-1: last). Fails if the name is taken in that scope.
    // Emits stateAdded(id) once the state and its whole subtree exist.
    Result<StateId> addState(ScopeId scope, const std::string &name, const Json &body,
                             int index = -1);
    // Removes the state and its subtree; transitions pointing at it are left dangling
    // (the validator reports them). Emits stateRemoved(id, scope).
    bool removeState(StateId id);
    // Renames the state and every reference to it in its scope (StartAt, Next, Default,
    // Choice rules, Catch). Emits stateRenamed(id, oldName, newName).
    Result<bool> renameState(StateId id, const std::string &newName);
    // Sets (or with a null value and remove=true, removes) one field. Setting a field that
    // holds nested scopes (Branches, ItemProcessor, Iterator) rebuilds them.
    // Emits stateChanged(id).
    bool setField(StateId id, const std::string &key, const Json &value);
    bool removeField(StateId id, const std::string &key);
    // Replaces every field of the state, keeping its id and name. Emits stateChanged(id).
    bool setStateJson(StateId id, const Json &body);
    // Moves the state to a new position in its scope's written order. Emits stateMoved(id).
    bool moveState(StateId id, int index);
    // Sets a field of the scope (StartAt, Comment, ProcessorConfig...). Emits scopeChanged.
    bool setScopeField(ScopeId scope, const std::string &key, const Json &value);
    bool removeScopeField(ScopeId scope, const std::string &key);

    // A state name not yet used in the scope, based on `base` ("Wait", "Wait 2", ...).
    std::string uniqueName(ScopeId scope, const std::string &base) const;

  Q_SIGNALS:
    void modelReset();
    void stateAdded(Stepwise::Model::StateId id);
    void stateRemoved(Stepwise::Model::StateId id, Stepwise::Model::ScopeId scope);
    void stateRenamed(Stepwise::Model::StateId id, const QString &oldName, const QString &newName);
    void stateChanged(Stepwise::Model::StateId id);
    void stateMoved(Stepwise::Model::StateId id);
    void scopeChanged(Stepwise::Model::ScopeId scope);

  private:
    struct Scope
    {
        StateId owner = 0;
        std::string slot; // pointer of the scope inside the owner's body ("" for root)
        Json fields;      // the scope object; "States" holds a placeholder when hasStates
        bool hasStates = false;
        std::vector<StateId> order;
    };
    struct State
    {
        ScopeId scope = 0;
        std::string name;
        Json body; // nested scopes' slots hold placeholders
        std::vector<ScopeId> children;
    };
    using IdHints = std::unordered_map<std::string, StateId>;

    ScopeId createScope(StateId owner, const std::string &slot, const Json &scopeJson,
                        const IdHints *hints, const std::string &hintPrefix);
    StateId createState(ScopeId scope, const std::string &name, const Json &body,
                        const IdHints *hints, const std::string &hintPrefix);
    void attachChildScopes(StateId id, const IdHints *hints, const std::string &hintPrefix);
    void destroyState(StateId id);
    void destroyScope(ScopeId id);
    Json scopeJson(ScopeId scope) const;
    void collectHints(ScopeId scope, const std::string &prefix, IdHints &hints) const;
    void collectScopes(ScopeId scope, std::vector<ScopeId> &out) const;

    std::unordered_map<StateId, State> m_states;
    std::unordered_map<ScopeId, Scope> m_scopes;
    ScopeId m_rootScope = 0;
    quint32 m_nextId = 1;
};

// Short text for a Choice rule: "$.x == 3", "$.a > 1 and ...", or the JSONata condition.
std::string describeChoiceRule(const Json &rule);

} // namespace Stepwise::Model
