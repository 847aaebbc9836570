#pragma once

#include "simulator/engine/execution.h"
#include "simulator/engine/executionruntime.h"
#include "simulator/expr/jsonatascope.h"

#include <string_view>

namespace Stepwise::Sim {

struct ItemReaderRequest;

// The engine advancing one Execution: a view over its Runtime, created per step()/run().
// Its parts live by family, each file on its own:
//   engine.cpp           scheduling, the phase dispatch, lines of execution, the context object
//   enginehistory.cpp    history events and the execution's end
//   enginedata.cpp       InputPath .. OutputPath, the payload quota, Retry and Catch
//   enginestates.cpp     entering a state; Pass, Succeed, Fail, Choice, Wait
//   enginetasks.cpp      Task states and callbacks (task tokens)
//   enginecontainers.cpp Parallel and Map states and their branches and iterations
//   enginejsonata.cpp    JSONata states: $states, their fields, States.QueryEvaluationError
class Execution::Engine
{
  public:
    explicit Engine(Execution &execution);

    // One scheduling step (it may emit no event); false once nothing can move.
    bool stepOnce();
    std::string roleArn() const;
    // Execution::updateMapRun(): false when no running map run has that ARN.
    bool updateMapRun(const std::string &mapRunArn, const MapRunUpdate &update);
    // A retry's backoff began during this engine's steps (see Execution::step()).
    bool retryWaitStarted() const { return m_retryWaitStarted; }

  private:
    ExecThread &T(int index) { return rt.threads[static_cast<size_t>(index)]; }

    // ---- history and events (enginehistory.cpp) ----
    // Emits the event on line `ti` (chained to the line's last event when `chain`); the
    // details are built only when someone reads them. Returns the event id, 0 when none.
    template<typename DetailsFn>
    std::int64_t emit(int ti, HistoryEventType type, DetailsFn &&details, bool chain = true)
    {
        const std::int64_t id = reserveEvent(ti, type, chain);
        if (id > 0 && recordsEvents())
            record(id, m_previousEventId, type, needsDetails(type) ? details() : Model::Json(),
                   T(ti).state);
        return id;
    }
    std::int64_t emitPlain(int ti, HistoryEventType type, bool chain = true);
    // Counts the event (and fails the execution at the history limit); 0: not emitted.
    std::int64_t reserveEvent(int ti, HistoryEventType type, bool chain);
    bool recordsEvents() const;
    // Whoever reads the event needs its details (see Execution::setEventListener).
    bool needsDetails(HistoryEventType type) const;
    void record(std::int64_t id, std::int64_t previous, HistoryEventType type, Model::Json details,
                int state);
    void start();
    void startRedriven(ExecThread root, const Redrive &redrive);
    void finishExecution(int ti, ExecutionStatus status);
    void emitIterationEvent(int ti, HistoryEventType type);

    // ---- scheduling and lines of execution (engine.cpp) ----
    int pickThread();
    std::int64_t executionDeadline() const;
    void advance(int ti);
    void markDone(int ti);
    void abortChildren(int ti);
    void recycleThreads();
    int addThread(ExecThread thread);
    bool assignWithinQuota(int ti);
    void exitState(int ti);
    void endLine(int ti);
    void failLine(int ti);
    ExpressionContext contextFor(int ti, const Model::Json &input);
    void prepareContext(int ti);
    std::string taskToken(int ti);

    // ---- data stages, quota, Retry and Catch (enginedata.cpp) ----
    void stage(int ti, const char *key, const Model::Json &value);
    bool effectiveInput(int ti, bool withParameters, Model::Json &out, std::int64_t &size,
                        bool consume = false);
    bool tracksSizes() const;
    bool withinQuota(std::int64_t &bound, const Model::Json &value) const;
    std::int64_t maxPayload() const;
    std::int64_t inputSize(int ti);
    void payloadTooLarge(int ti);
    void finishWithResult(int ti, Model::Json result, std::int64_t resultSize = -1);
    void applyOutputPath(int ti, Model::Json value, std::int64_t size = -1);
    bool assignVariables(int ti, const std::shared_ptr<PayloadTemplate> &assign,
                         const Model::Json &input);
    void runtimeFailure(int ti, Failure failure);
    bool retry(int ti, const Failure &failure);
    void stateError(int ti, const Failure &failure, bool hasError = true, bool hasCause = true,
                    bool retriable = true);

    // ---- entering states; Pass, Succeed, Fail, Choice, Wait (enginestates.cpp) ----
    void enterState(int ti);
    void runState(int ti);
    void enterPass(int ti);
    void enterSucceed(int ti);
    void enterFail(int ti);
    void enterChoice(int ti);
    void enterWait(int ti);

    // ---- JSONata states (enginejsonata.cpp) ----
    // $states.input (the state's input unless `input`) and, when the state reads it,
    // $states.context; the variables, clock and random numbers.
    JsonataScope jsonataScope(int ti, const Model::Json *input = nullptr);
    // The field's value; on failure the state fails (queryFailed) and false is returned.
    bool evaluateJsonata(int ti, const JsonataTemplate &field, const JsonataScope &scope,
                         Model::Json &out, bool onEntry);
    bool jsonataInteger(int ti, const JsonataTemplate &field, const JsonataScope &scope,
                        std::int64_t minimum, std::int64_t &out);
    // `chained`: the event follows the state's last event (else what its entered event
    // followed, as AWS records failures of the JSONata evaluation itself).
    void evaluationFailed(int ti, Failure &failure, bool chained = false);
    void queryFailed(int ti, Failure failure, bool onEntry, bool chained = false);
    void completeJsonata(int ti, const JsonataScope &scope, const JsonataFields &f,
                         Model::Json fallback);
    bool takeAssign(int ti, const JsonataTemplate &assign, const JsonataScope &scope);
    void exitWithOutput(int ti, Model::Json output);
    void enterJsonata(int ti);
    void failJsonata(int ti, const JsonataScope &scope);
    void choiceJsonata(int ti, const JsonataScope &scope);
    void waitJsonata(int ti, const JsonataScope &scope);
    void finishJsonata(int ti, Model::Json result);
    void catchJsonata(int ti, const CompiledCatcher &c, Model::Json errorOutput);

    // ---- tasks and callbacks (enginetasks.cpp) ----
    void enterTask(int ti);
    bool resolveTaskTimeouts(int ti);
    void scheduleTask(int ti);
    void startTask(int ti);
    void submitTask(int ti);
    void callbackTimedOut(int ti);
    void finishTask(int ti);

    // ---- Parallel, Map and their children (enginecontainers.cpp) ----
    void enterParallel(int ti);
    void enterMap(int ti);
    void enterMapJsonata(int ti);
    bool selectItemJsonata(int pi, int index, Model::Json &out);
    std::optional<Outcome<Model::Json>> readItemsFor(int ti, const ExpressionContext &ctx);
    void resetContainer(int ti);
    void containerFailed(int pi, RaisedFailure failure);
    void childFinished(int pi);
    void childFailed(int ti);
    bool spawnIteration(int pi);
    void startContainer(int ti);
    void startMapRun(int ti);
    void spawnChildren(int ti, std::int64_t id);
    // TestState: the container's mocked result or error instead of its children; false when
    // the state runs its children.
    bool mockContainer(int ti);
    // The ItemReader's items: TestState's mapItemReaderData, else what the reader reads.
    Outcome<Model::Json> readerItems(int ti, const ItemReaderRequest &request);
    // TestState's inspection data of a Map: its limits as evaluated.
    void stageMapLimits(int ti, std::int64_t maxConcurrency, std::optional<int> toleratedCount,
                        std::optional<double> toleratedPercentage);
    void endContainer(int ti);
    void endIteration(int ti);
    bool toleranceExceeded(const ExecThread &map) const;

    Execution &x;
    Runtime &rt;
    const CompiledMachine &m;
    std::int64_t m_previousEventId = 0; // reserveEvent()'s answer for record()
    std::vector<int> &m_runnable;       // pickThread()'s scratch list (Runtime::runnable)
    bool m_retryWaitStarted = false;
};

// Shared by the engine's parts.
namespace EngineShared {
// {"<key>": "<value as JSON text>", "<key>Details": {"truncated": false}}
Model::Json payloadDetails(const char *key, const Model::Json &value);
// A string's text, any other value as JSON text (how AWS quotes values in causes).
std::string valueText(const Model::Json &value);
// The `index`th ':'-separated part of an ARN (3: region, 4: account, 6: name).
std::string arnPart(const std::string &arn, int index);
// AWS's quota on a state's or task's data; `what` is the state or the task's resource.
Failure dataLimitExceeded(const std::string &what);
} // namespace EngineShared

} // namespace Stepwise::Sim
