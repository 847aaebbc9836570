#include "app/gui/breakpointbook.h"

namespace Stepwise::App {

BreakpointBook::BreakpointBook(QObject *parent)
    : QObject(parent)
{}

void BreakpointBook::toggle(const std::string &stateName)
{
    if (!m_specs.erase(stateName))
        m_specs[stateName] = Spec{};
    Q_EMIT changed();
}

void BreakpointBook::set(const std::string &stateName, const Spec &spec)
{
    m_specs[stateName] = spec;
    Q_EMIT changed();
}

void BreakpointBook::remove(const std::string &stateName)
{
    if (m_specs.erase(stateName))
        Q_EMIT changed();
}

void BreakpointBook::clear()
{
    if (m_specs.empty())
        return;
    m_specs.clear();
    Q_EMIT changed();
}

void BreakpointBook::rename(const std::string &from, const std::string &to)
{
    auto it = m_specs.find(from);
    if (it == m_specs.end() || from == to)
        return;
    Spec spec = it->second;
    m_specs.erase(it);
    m_specs[to] = spec;
    Q_EMIT changed();
}

const BreakpointBook::Spec *BreakpointBook::spec(const std::string &stateName) const
{
    auto it = m_specs.find(stateName);
    return it == m_specs.end() ? nullptr : &it->second;
}

void BreakpointBook::setBreakOnError(bool on)
{
    if (on == m_breakOnError)
        return;
    m_breakOnError = on;
    Q_EMIT changed();
}

std::vector<Sim::Breakpoint> BreakpointBook::breakpoints() const
{
    std::vector<Sim::Breakpoint> out;
    for (const auto &[name, spec] : m_specs) {
        for (Sim::Breakpoint::When when :
             {Sim::Breakpoint::When::BeforeEntry, Sim::Breakpoint::When::AfterExit}) {
            if ((when == Sim::Breakpoint::When::BeforeEntry && !spec.beforeEntry)
                || (when == Sim::Breakpoint::When::AfterExit && !spec.afterExit))
                continue;
            Sim::Breakpoint breakpoint;
            breakpoint.stateName = name;
            breakpoint.when = when;
            breakpoint.condition = spec.condition;
            breakpoint.enabled = spec.enabled;
            out.push_back(std::move(breakpoint));
        }
    }
    return out;
}

} // namespace Stepwise::App
