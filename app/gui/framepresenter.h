#pragma once

#include "model/asl/workflow.h"
#include "simulator/debug/debugframe.h"
#include "simulator/debug/statetable.h"
#include "simulator/debug/statevisit.h"
#include "views/canvas/runstatus.h"
#include "views/debug/executionline.h"
#include "views/debug/stagevisit.h"
#include "views/debug/waitingtask.h"

#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace Stepwise::App {

// Turns the debug layer's frames and visits into what the views show, naming states by the
// workflow's ids (found by each state's JSON pointer). Plain functions of their inputs: the
// views never see the simulator's types, and the simulator never sees a view.
class FramePresenter
{
  public:
    explicit FramePresenter(const Model::Workflow *workflow);

    // The id of the state at a JSON pointer in the definition (0: none). Cached per
    // pointer; call invalidate() when the definition changes.
    Model::StateId stateId(const std::string &pointer) const;
    Model::StateId stateNamed(const std::string &name) const;
    void invalidate();

    // Each state's look (status, running count, countdown, waiting for the caller).
    std::unordered_map<Model::StateId, Views::StateRunInfo>
    stateInfos(const Sim::DebugFrame &frame) const;
    // The states running now (for the ASL gutter's arrows and following the run).
    std::set<Model::StateId> activeStates(const Sim::DebugFrame &frame) const;
    // The edge of the transition just taken: from, kind, index (nullopt: none known).
    struct Edge
    {
        Model::StateId from = 0;
        Model::TransitionKind kind = Model::TransitionKind::Next;
        int index = -1;
    };
    std::optional<Edge> takenEdge(const Sim::DebugFrame &frame) const;

    // Tasks waiting for the user; an ask-me answer is prefilled with what the mock or the
    // built-in emulation would have answered.
    static std::vector<Views::WaitingTask> waitingTasks(const Sim::DebugFrame &frame);
    // A visit's stages in processing order under TestState's names, then the variables on
    // entry and the context object.
    static Views::StageVisit stageVisit(const Sim::StateVisit &visit, int visitNumber);
    // The Parallel branches and Map iterations the visits went through.
    static std::vector<Views::ExecutionLine>
    executionLines(const std::vector<Sim::StateVisit> &visits, const Sim::StateTable &table,
                   const Sim::DebugFrame &frame);

    static Views::RunStatus runStatus(Sim::StateRunStatus status);

  private:
    const Model::Workflow *m_workflow;
    mutable std::unordered_map<std::string, Model::StateId> m_byPointer;
};

} // namespace Stepwise::App
