#include "simulator/debug/statetable.h"

#include "model/json/jsonpointer.h"

namespace Stepwise::Sim {

using Model::Json;

namespace {

std::string textOf(const Json &object, const char *key)
{
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

StateTable::StateTable(const Json &definition)
{
    if (definition.is_object())
        addScope(definition, std::string(), -1);
}

void StateTable::addScope(const Json &scope, const std::string &pointer, int parent)
{
    auto states = scope.find("States");
    if (states == scope.end() || !states->is_object())
        return;
    const std::string statesPointer = Model::appendPointer(pointer, "States");
    for (auto it = states->begin(); it != states->end(); ++it) {
        const Json &state = it.value();
        Entry entry;
        entry.name = it.key();
        entry.pointer = Model::appendPointer(statesPointer, it.key());
        entry.parent = parent;
        if (!state.is_object()) {
            m_byName.emplace(entry.name, size());
            m_entries.push_back(std::move(entry));
            continue;
        }
        entry.type = textOf(state, "Type");
        entry.next = textOf(state, "Next");
        entry.defaultNext = textOf(state, "Default");
        if (auto choices = state.find("Choices"); choices != state.end() && choices->is_array()) {
            for (const Json &rule : *choices)
                entry.choiceNexts.push_back(rule.is_object() ? textOf(rule, "Next") : "");
        }
        if (auto catchers = state.find("Catch"); catchers != state.end() && catchers->is_array()) {
            for (const Json &catcher : *catchers) {
                Entry::Catcher c;
                if (catcher.is_object()) {
                    c.next = textOf(catcher, "Next");
                    if (auto errors = catcher.find("ErrorEquals");
                        errors != catcher.end() && errors->is_array()) {
                        for (const Json &error : *errors) {
                            if (error.is_string())
                                c.errorEquals.push_back(error.get<std::string>());
                        }
                    }
                }
                entry.catchers.push_back(std::move(c));
            }
        }
        const int index = size();
        m_byName.emplace(entry.name, index);
        const std::string statePointer = entry.pointer;
        m_entries.push_back(std::move(entry));

        if (auto branches = state.find("Branches");
            branches != state.end() && branches->is_array()) {
            const std::string branchesPointer = Model::appendPointer(statePointer, "Branches");
            for (size_t b = 0; b < branches->size(); ++b) {
                if ((*branches)[b].is_object())
                    addScope((*branches)[b], Model::appendPointer(branchesPointer, b), index);
            }
        }
        for (const char *key : {"ItemProcessor", "Iterator"}) {
            auto processor = state.find(key);
            if (processor != state.end() && processor->is_object())
                addScope(*processor, Model::appendPointer(statePointer, key), index);
        }
    }
}

int StateTable::addState(const std::string &name, const std::string &type)
{
    Entry entry;
    entry.name = name;
    entry.type = type;
    const int index = size();
    m_byName.emplace(name, index);
    m_entries.push_back(std::move(entry));
    return index;
}

int StateTable::find(const std::string &name) const
{
    auto it = m_byName.find(name);
    return it == m_byName.end() ? -1 : it->second;
}

bool StateTable::isInside(int index, int ancestor) const
{
    if (index < 0 || index >= size())
        return false;
    for (int p = entry(index).parent; p >= 0; p = entry(p).parent) {
        if (p == ancestor)
            return true;
    }
    return false;
}

} // namespace Stepwise::Sim
