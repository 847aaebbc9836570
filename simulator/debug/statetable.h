#pragma once

#include "model/json/json.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace Stepwise::Sim {

// The states of a definition as the debugger needs them, read from the definition's JSON
// (so it works for any definition the views show, compiled or not): each state's name,
// JSON pointer, type and where its transitions go, and which container holds it.
class StateTable
{
  public:
    struct Entry
    {
        std::string name;
        std::string pointer; // "/States/Fan/Branches/0/States/Work"
        std::string type;    // "Task", "Choice", ... as written
        int parent = -1;     // the Parallel/Map state holding it; -1 at the top level
        std::string next;    // Next, or empty
        std::vector<std::string> choiceNexts; // per Choices rule, its Next
        std::string defaultNext;
        struct Catcher
        {
            std::vector<std::string> errorEquals;
            std::string next;
        };
        std::vector<Catcher> catchers;
    };

    StateTable() = default;
    // Every state reachable through States, Branches[*].States, ItemProcessor.States and
    // Iterator.States, parents before children, in definition order.
    explicit StateTable(const Model::Json &definition);

    // A state the definition does not have (a history replayed without its definition, or
    // with another version of it): no pointer, at the top level. Its index.
    int addState(const std::string &name, const std::string &type);

    const std::vector<Entry> &entries() const { return m_entries; }
    const Entry &entry(int index) const { return m_entries[static_cast<size_t>(index)]; }
    int size() const { return static_cast<int>(m_entries.size()); }
    // -1 when no state has that name (the first one when names repeat across scopes).
    int find(const std::string &name) const;
    // True when `index` lies (directly or deeper) inside the container `ancestor`.
    bool isInside(int index, int ancestor) const;

  private:
    void addScope(const Model::Json &scope, const std::string &pointer, int parent);

    std::vector<Entry> m_entries;
    std::unordered_map<std::string, int> m_byName;
};

} // namespace Stepwise::Sim
