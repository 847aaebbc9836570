#pragma once

#include "model/json/json.h"
#include "simulator/debug/breakpoint.h"

#include <QObject>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace Stepwise::App {

// The user's breakpoints, by state name, kept across runs (a run gets a copy when it
// starts and every change after): stop before entry and/or after exit, an optional
// condition (a Choice rule on the state's input), enabled or not. Plus "break on any error".
class BreakpointBook : public QObject
{
    Q_OBJECT

  public:
    struct Spec
    {
        bool beforeEntry = true;
        bool afterExit = false;
        std::optional<Model::Json> condition;
        bool enabled = true;
    };

    explicit BreakpointBook(QObject *parent = nullptr);

    // F9: adds a plain breakpoint, or removes the one there.
    void toggle(const std::string &stateName);
    void set(const std::string &stateName, const Spec &spec);
    void remove(const std::string &stateName);
    void clear();
    // A state was renamed in the document: its breakpoint follows.
    void rename(const std::string &from, const std::string &to);
    const std::map<std::string, Spec> &specs() const { return m_specs; }
    const Spec *spec(const std::string &stateName) const;
    bool breakOnError() const { return m_breakOnError; }
    void setBreakOnError(bool on);

    // The debug layer's breakpoints for these specs (one per stop: before, after).
    std::vector<Sim::Breakpoint> breakpoints() const;

  Q_SIGNALS:
    void changed();

  private:
    std::map<std::string, Spec> m_specs;
    bool m_breakOnError = false;
};

} // namespace Stepwise::App
