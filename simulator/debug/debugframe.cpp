#include "simulator/debug/debugframe.h"

namespace Stepwise::Sim {

const StateRun *DebugFrame::state(const std::string &name) const
{
    for (const StateRun &run : states) {
        if (run.name == name)
            return &run;
    }
    return nullptr;
}

const char *toText(StateRunStatus status)
{
    switch (status) {
    case StateRunStatus::NotRun:
        return "not run";
    case StateRunStatus::Running:
        return "running";
    case StateRunStatus::Succeeded:
        return "succeeded";
    case StateRunStatus::Failed:
        return "failed";
    case StateRunStatus::Caught:
        return "caught";
    case StateRunStatus::Cancelled:
        return "cancelled";
    }
    return "";
}

const char *toText(PauseReason reason)
{
    switch (reason) {
    case PauseReason::None:
        return "none";
    case PauseReason::Step:
        return "step";
    case PauseReason::Breakpoint:
        return "breakpoint";
    case PauseReason::RunToHere:
        return "run to here";
    case PauseReason::Error:
        return "error";
    case PauseReason::AskMe:
        return "ask me";
    case PauseReason::Callback:
        return "waiting for a callback";
    case PauseReason::Paused:
        return "paused";
    case PauseReason::Finished:
        return "finished";
    }
    return "";
}

const char *toText(TransitionKind kind)
{
    switch (kind) {
    case TransitionKind::Next:
        return "Next";
    case TransitionKind::ChoiceRule:
        return "Choice rule";
    case TransitionKind::Default:
        return "Default";
    case TransitionKind::Catch:
        return "Catch";
    }
    return "";
}

} // namespace Stepwise::Sim
