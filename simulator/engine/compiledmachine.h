#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "model/result.h"
#include "simulator/engine/choicerule.h"
#include "simulator/engine/jsonatafields.h"
#include "simulator/expr/dataflow.h"
#include "simulator/expr/intrinsics.h"
#include "simulator/expr/jsonpath.h"
#include "simulator/expr/payloadtemplate.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Stepwise::Sim {

// A path-valued field (InputPath, OutputPath, ResultPath, ItemsPath...) as written:
// absent, null, or a parsed path.
struct PathField
{
    bool present = false;
    Model::Json raw; // the field as written (null when present-and-null)
    std::shared_ptr<JsonPath> path;

    bool isNull() const { return present && raw.is_null(); }
};

struct CompiledRetrier
{
    std::vector<std::string> errorEquals;
    double intervalSeconds = 1;
    int maxAttempts = 3;
    double backoffRate = 2;
    std::optional<double> maxDelaySeconds;
    bool fullJitter = false;
};

struct CompiledCatcher
{
    std::vector<std::string> errorEquals;
    ResultPath resultPath;
    std::shared_ptr<PayloadTemplate> assign;
    // JSONata states: Output (default: the error output) and Assign.
    std::optional<JsonataTemplate> output, jsonataAssign;
    std::string next;
    int nextIndex = -1;
};

enum class TaskFamily { LambdaFunction, Service, Activity };

// One state, every field pre-parsed; transitions resolved to state indexes.
struct CompiledState
{
    std::string name;
    Model::StateType type = Model::StateType::Pass;
    Model::QueryLanguage language = Model::QueryLanguage::JsonPath;
    int scope = 0;
    int index = 0; // in CompiledMachine::states()
    int next = -1;
    bool end = false;
    // Any expression of the state reads "$$" or "$states.context": the engine then builds the
    // context object.
    bool readsContext = false;
    // JSONata states only: their expression fields (JSONPath-only fields stay unset).
    std::shared_ptr<const JsonataFields> jsonata;

    InputOutputPath inputPath, outputPath;
    // The InputPath again when it can point into the input without copying it.
    std::shared_ptr<JsonPath> inputPathDirect;
    ResultPath resultPath;
    // Nothing reads the state's input once Parameters built the effective input (no Catch;
    // ResultPath replaces the input, or the part of it InputPath selected): Parameters may
    // move values out of it instead of copying them.
    bool parametersTakeInput = false;
    std::shared_ptr<PayloadTemplate> parameters, resultSelector, itemSelector, assign;
    std::shared_ptr<PayloadTemplate> credentials; // Task: {"RoleArn": ...} or {"RoleArn.$": ...}
    std::optional<Model::Json> result;            // Pass
    std::size_t resultSize = 0;                   // the size of Result's JSON text

    // Task
    std::string resource;
    TaskFamily taskFamily = TaskFamily::Service;
    std::string resourceType, resourceName; // as TaskScheduled names them ("sns", "publish")
    std::optional<double> timeoutSeconds, heartbeatSeconds;
    PathField timeoutSecondsPath, heartbeatSecondsPath;
    bool waitForTaskToken = false;
    bool submits = false; // .sync or .waitForTaskToken: AWS records TaskSubmitted

    // Choice
    std::vector<ChoiceRule> choices;
    std::string defaultNext;
    int defaultIndex = -1;

    // Wait
    std::optional<Model::Json> seconds;
    std::optional<std::string> timestamp;
    PathField secondsPath, timestampPath;

    // Fail
    std::optional<std::string> error, cause;
    PathField errorPath, causePath;
    std::shared_ptr<IntrinsicCall> errorCall, causeCall;

    // Parallel: one scope per branch; Map: the processor scope
    std::vector<int> branches;
    int processor = -1;
    bool distributed = false;
    PathField itemsPath;
    std::optional<int> maxConcurrency;
    PathField maxConcurrencyPath;
    std::optional<Model::Json> toleratedFailureCount, toleratedFailurePercentage;
    PathField toleratedFailureCountPath, toleratedFailurePercentagePath;
    std::optional<Model::Json> itemReader, itemBatcher;
    std::shared_ptr<PayloadTemplate> batchInput;
    std::shared_ptr<PayloadTemplate> itemReaderParameters;
    std::optional<int> maxItemsPerBatch;
    PathField maxItemsPerBatchPath;
    std::optional<int> maxInputBytesPerBatch;
    PathField maxInputBytesPerBatchPath;
    std::optional<int> maxItems;
    PathField maxItemsPath;

    std::vector<CompiledRetrier> retriers;
    std::vector<CompiledCatcher> catchers;
};

struct CompiledScope
{
    int owner = -1; // the Parallel/Map state index; -1 for the state machine
    int startAt = -1;
    std::vector<int> states;
};

// An ASL definition parsed once into an immutable structure the engine runs from.
class CompiledMachine
{
  public:
    static Model::Result<std::shared_ptr<const CompiledMachine>>
    compile(const Model::Json &definition);

    const std::vector<CompiledState> &states() const { return m_states; }
    const std::vector<CompiledScope> &scopes() const { return m_scopes; }
    const CompiledState &state(int index) const { return m_states[static_cast<size_t>(index)]; }
    const CompiledScope &scope(int index) const { return m_scopes[static_cast<size_t>(index)]; }
    // -1 when no state has that name.
    int findState(const std::string &name) const;
    std::optional<double> timeoutSeconds() const { return m_timeoutSeconds; }
    // Some expression may read $$.Execution.Input (or the whole context): only then does the
    // context object carry a copy of the execution's input.
    bool readsExecutionInput() const { return m_readsExecutionInput; }

  private:
    class Compiler;

    std::vector<CompiledState> m_states;
    std::vector<CompiledScope> m_scopes;
    std::optional<double> m_timeoutSeconds;
    bool m_readsExecutionInput = false;
};

} // namespace Stepwise::Sim
