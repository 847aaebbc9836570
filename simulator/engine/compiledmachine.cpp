#include "simulator/engine/compiledmachine.h"

#include "model/json/jsonpointer.h"

#include "simulator/expr/jsonsize.h"

#include "simulator/awslimits.h"
#include "simulator/engine/jsonnumbers.h"

#include <unordered_map>

namespace Stepwise::Sim {

using Model::Error;
using Model::Json;
using Model::QueryLanguage;
using Model::StateType;

namespace {

Error makeError(const std::string &message, const std::string &pointer)
{
    Error error;
    error.message = message;
    error.location.pointer = pointer;
    return error;
}

} // namespace

class CompiledMachine::Compiler
{
  public:
    Compiler(CompiledMachine &machine, QueryLanguage machineLanguage)
        : m(machine)
        , m_machineLanguage(machineLanguage)
    {}

    std::optional<Error> compileScope(const Json &scope, const std::string &pointer, int owner,
                                      QueryLanguage language, int &scopeIndex)
    {
        if (!scope.is_object())
            return makeError("A state machine or branch must be an object.", pointer);
        auto states = scope.find("States");
        if (states == scope.end() || !states->is_object() || states->empty())
            return makeError("States must be a non-empty object.", pointer + "/States");
        auto startAt = scope.find("StartAt");
        if (startAt == scope.end() || !startAt->is_string())
            return makeError("StartAt must name a state.", pointer + "/StartAt");
        scopeIndex = static_cast<int>(m.m_scopes.size());
        m.m_scopes.push_back({});
        m.m_scopes.back().owner = owner;
        std::unordered_map<std::string, int> names;
        for (auto it = states->begin(); it != states->end(); ++it) {
            const std::string statePointer
                = pointer + "/States/" + Model::escapePointerToken(it.key());
            int index = -1;
            if (auto error
                = compileState(it.key(), it.value(), statePointer, scopeIndex, language, index))
                return error;
            names[it.key()] = index;
            m.m_scopes[static_cast<size_t>(scopeIndex)].states.push_back(index);
        }
        auto resolve = [&](const std::string &name, const std::string &at) -> std::optional<int> {
            auto found = names.find(name);
            if (found == names.end())
                return std::nullopt;
            (void)at;
            return found->second;
        };
        auto start = resolve(startAt->get<std::string>(), pointer);
        if (!start)
            return makeError("StartAt '" + startAt->get<std::string>()
                                 + "' does not name a state of this scope.",
                             pointer + "/StartAt");
        m.m_scopes[static_cast<size_t>(scopeIndex)].startAt = *start;
        for (int index : m.m_scopes[static_cast<size_t>(scopeIndex)].states) {
            CompiledState &state = m.m_states[static_cast<size_t>(index)];
            const std::string statePointer
                = pointer + "/States/" + Model::escapePointerToken(state.name);
            const std::string nextName = m_nextNames[static_cast<size_t>(index)];
            if (!nextName.empty()) {
                auto target = resolve(nextName, statePointer);
                if (!target)
                    return makeError("Next '" + nextName + "' does not name a state.",
                                     statePointer + "/Next");
                state.next = *target;
            }
            for (size_t i = 0; i < state.choices.size(); ++i) {
                auto target = resolve(state.choices[i].next, statePointer);
                if (!target)
                    return makeError("Choice rule Next '" + state.choices[i].next
                                         + "' does not name a state.",
                                     statePointer + "/Choices/" + std::to_string(i));
                state.choices[i].nextIndex = *target;
            }
            if (!state.defaultNext.empty()) {
                auto target = resolve(state.defaultNext, statePointer);
                if (!target)
                    return makeError("Default '" + state.defaultNext + "' does not name a state.",
                                     statePointer + "/Default");
                state.defaultIndex = *target;
            }
            for (size_t i = 0; i < state.catchers.size(); ++i) {
                auto target = resolve(state.catchers[i].next, statePointer);
                if (!target)
                    return makeError("Catch Next '" + state.catchers[i].next
                                         + "' does not name a state.",
                                     statePointer + "/Catch/" + std::to_string(i));
                state.catchers[i].nextIndex = *target;
            }
        }
        return std::nullopt;
    }

  private:
    std::optional<Error> pathField(const Json &body, const char *key, const std::string &pointer,
                                   PathField &out)
    {
        auto it = body.find(key);
        if (it == body.end())
            return std::nullopt;
        out.present = true;
        out.raw = *it;
        if (it->is_null())
            return std::nullopt;
        if (!it->is_string())
            return makeError(std::string(key) + " must be a path string or null.",
                             pointer + "/" + key);
        auto parsed = JsonPath::parse(it->get<std::string>());
        if (!parsed)
            return makeError("Invalid " + std::string(key) + ": " + parsed.error().message,
                             pointer + "/" + key);
        out.path = std::make_shared<JsonPath>(std::move(parsed.value()));
        return std::nullopt;
    }

    static std::optional<Error> resultPathField(const Json &body, const std::string &pointer,
                                                ResultPath &out)
    {
        auto it = body.find("ResultPath");
        auto compiled = ResultPath::compile(it == body.end() ? nullptr : &*it);
        if (!compiled)
            return makeError("Invalid ResultPath: " + compiled.error().message,
                             pointer + "/ResultPath");
        out = std::move(compiled.value());
        return std::nullopt;
    }

    std::optional<Error> templateField(const Json &body, const char *key,
                                       const std::string &pointer,
                                       std::shared_ptr<PayloadTemplate> &out)
    {
        auto it = body.find(key);
        if (it == body.end())
            return std::nullopt;
        auto compiled = PayloadTemplate::compile(*it);
        if (!compiled)
            return makeError("Invalid " + std::string(key) + ": " + compiled.error().message,
                             pointer + "/" + key);
        out = std::make_shared<PayloadTemplate>(std::move(compiled.value()));
        return std::nullopt;
    }

    std::optional<Error> errorCauseField(const Json &body, const char *key,
                                         const std::string &pointer, PathField &path,
                                         std::shared_ptr<IntrinsicCall> &call)
    {
        auto it = body.find(key);
        if (it == body.end())
            return std::nullopt;
        if (!it->is_string())
            return makeError(std::string(key) + " must be a string.", pointer + "/" + key);
        const std::string text = it->get<std::string>();
        if (text.rfind("States.", 0) == 0) {
            auto parsed = IntrinsicCall::parse(text);
            if (!parsed)
                return makeError("Invalid " + std::string(key) + ": " + parsed.error().message,
                                 pointer + "/" + key);
            call = std::make_shared<IntrinsicCall>(std::move(parsed.value()));
            return std::nullopt;
        }
        return pathField(body, key, pointer, path);
    }

    static void classifyResource(CompiledState &state)
    {
        const std::string &arn = state.resource;
        static const std::string servicePrefix = "arn:aws:states:::";
        if (arn.rfind(servicePrefix, 0) == 0) {
            state.taskFamily = TaskFamily::Service;
            std::string rest = arn.substr(servicePrefix.size());
            auto colon = rest.rfind(':');
            state.resourceType = colon == std::string::npos ? rest : rest.substr(0, colon);
            state.resourceName = colon == std::string::npos ? rest : rest.substr(colon + 1);
            state.waitForTaskToken
                = rest.size() > 17 && rest.compare(rest.size() - 17, 17, ".waitForTaskToken") == 0;
            state.submits = state.waitForTaskToken || rest.find(".sync") != std::string::npos;
            return;
        }
        if (arn.find(":lambda:") != std::string::npos
            && arn.find(":function:") != std::string::npos) {
            state.taskFamily = TaskFamily::LambdaFunction;
            return;
        }
        if (arn.find(":activity:") != std::string::npos) {
            state.taskFamily = TaskFamily::Activity;
            return;
        }
        state.taskFamily = TaskFamily::Service;
        state.resourceType = "unknown";
        state.resourceName = arn;
    }

    std::optional<Error> retryCatch(const Json &body, const std::string &pointer, bool jsonata,
                                    CompiledState &state)
    {
        if (auto it = body.find("Retry"); it != body.end()) {
            if (!it->is_array())
                return makeError("Retry must be an array.", pointer + "/Retry");
            for (size_t i = 0; i < it->size(); ++i) {
                const Json &r = (*it)[i];
                const std::string at = pointer + "/Retry/" + std::to_string(i);
                if (!r.is_object())
                    return makeError("A retrier must be an object.", at);
                CompiledRetrier retrier;
                if (auto e = errorList(r, at, retrier.errorEquals))
                    return e;
                if (auto f = r.find("IntervalSeconds"); f != r.end() && f->is_number())
                    retrier.intervalSeconds = clampedDouble(*f, 0, 1e9);
                if (auto f = r.find("MaxAttempts"); f != r.end() && f->is_number())
                    retrier.maxAttempts = static_cast<int>(clampedInteger(*f, 0, 99999999));
                if (auto f = r.find("BackoffRate"); f != r.end() && f->is_number())
                    retrier.backoffRate = clampedDouble(*f, 0, 1e6);
                if (auto f = r.find("MaxDelaySeconds"); f != r.end() && f->is_number())
                    retrier.maxDelaySeconds = clampedDouble(*f, 0, 1e9);
                if (auto f = r.find("JitterStrategy"); f != r.end() && f->is_string())
                    retrier.fullJitter = f->get<std::string>() == "FULL";
                state.retriers.push_back(std::move(retrier));
            }
        }
        if (auto it = body.find("Catch"); it != body.end()) {
            if (!it->is_array())
                return makeError("Catch must be an array.", pointer + "/Catch");
            for (size_t i = 0; i < it->size(); ++i) {
                const Json &c = (*it)[i];
                const std::string at = pointer + "/Catch/" + std::to_string(i);
                if (!c.is_object())
                    return makeError("A catcher must be an object.", at);
                CompiledCatcher catcher;
                if (auto e = errorList(c, at, catcher.errorEquals))
                    return e;
                if (auto e = resultPathField(c, at, catcher.resultPath))
                    return e;
                if (jsonata) {
                    auto output = JsonataFields::compileField(c, "Output", "Output", at);
                    if (!output)
                        return output.error();
                    catcher.output = std::move(output.value());
                    auto assign = JsonataFields::compileField(c, "Assign", "Assign", at);
                    if (!assign)
                        return assign.error();
                    catcher.jsonataAssign = std::move(assign.value());
                } else if (auto e = templateField(c, "Assign", at, catcher.assign)) {
                    return e;
                }
                auto next = c.find("Next");
                if (next == c.end() || !next->is_string())
                    return makeError("A catcher needs Next.", at);
                catcher.next = next->get<std::string>();
                state.catchers.push_back(std::move(catcher));
            }
        }
        return std::nullopt;
    }

    static std::optional<Error> errorList(const Json &object, const std::string &pointer,
                                          std::vector<std::string> &out)
    {
        auto it = object.find("ErrorEquals");
        if (it == object.end() || !it->is_array() || it->empty())
            return makeError("ErrorEquals must be a non-empty array.", pointer + "/ErrorEquals");
        for (const Json &name : *it) {
            if (!name.is_string())
                return makeError("ErrorEquals holds error names.", pointer + "/ErrorEquals");
            out.push_back(name.get<std::string>());
        }
        return std::nullopt;
    }

    // A JSONata Choice rule: Condition, Next, and Output and Assign used when it holds.
    static Model::Result<ChoiceRule> jsonataRule(const Json &rule, const std::string &pointer)
    {
        if (!rule.is_object())
            return makeError("A Choice rule must be an object.", pointer);
        ChoiceRule out;
        auto next = rule.find("Next");
        if (next == rule.end() || !next->is_string())
            return makeError("A Choice rule needs Next.", pointer + "/Next");
        out.next = next->get<std::string>();
        if (!rule.contains("Condition"))
            return makeError("A JSONata Choice rule needs a Condition.", pointer + "/Condition");
        for (auto [key, member] : {std::pair{"Condition", &ChoiceRule::condition},
                                   std::pair{"Output", &ChoiceRule::output},
                                   std::pair{"Assign", &ChoiceRule::jsonataAssign}}) {
            auto compiled = JsonataFields::compileField(rule, key, key, pointer);
            if (!compiled)
                return compiled.error();
            out.*member = std::move(compiled.value());
        }
        return out;
    }

    static std::optional<int> optionalInt(const Json &body, const char *key)
    {
        auto it = body.find(key);
        if (it == body.end() || !it->is_number())
            return std::nullopt;
        return static_cast<int>(clampedInteger(*it, INT32_MIN, INT32_MAX));
    }

    std::optional<Error> compileState(const std::string &name, const Json &body,
                                      const std::string &pointer, int scope,
                                      QueryLanguage inherited, int &index)
    {
        if (!body.is_object())
            return makeError("State '" + name + "' must be an object.", pointer);
        auto typeField = body.find("Type");
        if (typeField == body.end() || !typeField->is_string())
            return makeError("State '" + name + "' has no Type.", pointer + "/Type");
        StateType type = Model::stateTypeFromString(typeField->get<std::string>());
        if (type == StateType::Unknown)
            return makeError("Unknown state type '" + typeField->get<std::string>() + "'.",
                             pointer + "/Type");
        index = static_cast<int>(m.m_states.size());
        m.m_states.emplace_back();
        m_nextNames.emplace_back();
        // Fill a local copy: compiling nested scopes appends to m_states.
        CompiledState state;
        state.name = name;
        state.type = type;
        state.scope = scope;
        state.index = index;
        QueryLanguage language = inherited;
        if (auto it = body.find("QueryLanguage"); it != body.end() && it->is_string())
            language = Model::queryLanguageFromString(it->get<std::string>(), inherited);
        // Only the machine's own JSONata forbids JSONPath: a JSONata Map or Parallel of a
        // JSONPath machine may hold JSONPath states (AWS accepts it).
        if (m_machineLanguage == QueryLanguage::Jsonata && language != QueryLanguage::Jsonata)
            return makeError("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for "
                             "whole state machine",
                             pointer + "/QueryLanguage");
        state.language = language;
        const bool jsonata = language == QueryLanguage::Jsonata;
        state.readsContext = readsContextObject(body.dump());
        if (jsonata) {
            auto fields = JsonataFields::compile(body, pointer);
            if (!fields)
                return fields.error();
            state.jsonata = std::make_shared<const JsonataFields>(std::move(fields.value()));
        }

        if (auto it = body.find("Next"); it != body.end() && it->is_string())
            m_nextNames[static_cast<size_t>(index)] = it->get<std::string>();
        if (auto it = body.find("End"); it != body.end() && it->is_boolean())
            state.end = it->get<bool>();

        for (auto [key, field] : {std::pair{"InputPath", &state.inputPath},
                                  std::pair{"OutputPath", &state.outputPath}}) {
            auto it = body.find(key);
            auto compiled = InputOutputPath::compile(it == body.end() ? nullptr : &*it);
            if (!compiled)
                return makeError("Invalid " + std::string(key) + ": " + compiled.error().message,
                                 pointer + "/" + key);
            *field = std::move(compiled.value());
        }
        if (auto it = body.find("InputPath"); it != body.end() && it->is_string()) {
            auto parsed = JsonPath::parse(it->get<std::string>());
            if (parsed && parsed->isDefinite())
                state.inputPathDirect = std::make_shared<JsonPath>(std::move(parsed.value()));
        }
        if (auto e = resultPathField(body, pointer, state.resultPath))
            return e;
        for (auto [key, field] :
             {std::pair{"ItemsPath", &state.itemsPath},
              std::pair{"SecondsPath", &state.secondsPath},
              std::pair{"TimestampPath", &state.timestampPath},
              std::pair{"TimeoutSecondsPath", &state.timeoutSecondsPath},
              std::pair{"HeartbeatSecondsPath", &state.heartbeatSecondsPath},
              std::pair{"MaxConcurrencyPath", &state.maxConcurrencyPath},
              std::pair{"ToleratedFailureCountPath", &state.toleratedFailureCountPath},
              std::pair{"ToleratedFailurePercentagePath", &state.toleratedFailurePercentagePath}}) {
            if (auto e = pathField(body, key, pointer, *field))
                return e;
        }
        if (!jsonata) {
            for (auto [key, field] : {std::pair{"Parameters", &state.parameters},
                                      std::pair{"ResultSelector", &state.resultSelector},
                                      std::pair{"ItemSelector", &state.itemSelector},
                                      std::pair{"Assign", &state.assign},
                                      std::pair{"Credentials", &state.credentials}}) {
                if (auto e = templateField(body, key, pointer, *field))
                    return e;
            }
        }
        if (auto it = body.find("Result"); it != body.end()) {
            state.result = *it;
            state.resultSize = jsonTextSize(*it);
        }

        switch (type) {
        case StateType::Task: {
            auto resource = body.find("Resource");
            if (resource == body.end() || !resource->is_string())
                return makeError("A Task needs a Resource.", pointer + "/Resource");
            state.resource = resource->get<std::string>();
            classifyResource(state);
            if (auto it = body.find("TimeoutSeconds"); it != body.end() && it->is_number())
                state.timeoutSeconds = clampedDouble(*it, 0, 1e12);
            if (auto it = body.find("HeartbeatSeconds"); it != body.end() && it->is_number())
                state.heartbeatSeconds = clampedDouble(*it, 0, 1e12);
            break;
        }
        case StateType::Choice: {
            auto choices = body.find("Choices");
            if (choices == body.end() || !choices->is_array() || choices->empty())
                return makeError("A Choice needs a non-empty Choices array.", pointer + "/Choices");
            for (size_t i = 0; i < choices->size(); ++i) {
                const std::string at = pointer + "/Choices/" + std::to_string(i);
                if (jsonata) {
                    auto rule = jsonataRule((*choices)[i], at);
                    if (!rule)
                        return rule.error();
                    state.choices.push_back(std::move(rule.value()));
                    continue;
                }
                auto rule = ChoiceRule::compile((*choices)[i], at);
                if (!rule)
                    return rule.error();
                state.choices.push_back(std::move(rule.value()));
            }
            if (auto it = body.find("Default"); it != body.end() && it->is_string())
                state.defaultNext = it->get<std::string>();
            break;
        }
        case StateType::Wait:
            if (auto it = body.find("Seconds");
                it != body.end() && !(state.jsonata && state.jsonata->seconds)) {
                if (!it->is_number_integer() || clampedInteger(*it, -1, 0) < 0)
                    return makeError("Seconds must be a non-negative integer.",
                                     pointer + "/Seconds");
                state.seconds = *it;
            }
            if (auto it = body.find("Timestamp");
                it != body.end() && it->is_string() && !(state.jsonata && state.jsonata->timestamp))
                state.timestamp = it->get<std::string>();
            break;
        case StateType::Fail:
            if (auto it = body.find("Error");
                it != body.end() && it->is_string() && !(state.jsonata && state.jsonata->error))
                state.error = it->get<std::string>();
            if (auto it = body.find("Cause");
                it != body.end() && it->is_string() && !(state.jsonata && state.jsonata->cause))
                state.cause = it->get<std::string>();
            if (auto e
                = errorCauseField(body, "ErrorPath", pointer, state.errorPath, state.errorCall))
                return e;
            if (auto e
                = errorCauseField(body, "CausePath", pointer, state.causePath, state.causeCall))
                return e;
            break;
        case StateType::Parallel: {
            auto branches = body.find("Branches");
            if (branches == body.end() || !branches->is_array() || branches->empty())
                return makeError("A Parallel state needs Branches.", pointer + "/Branches");
            for (size_t i = 0; i < branches->size(); ++i) {
                int branchScope = -1;
                if (auto e
                    = compileScope((*branches)[i], pointer + "/Branches/" + std::to_string(i),
                                   index, language, branchScope))
                    return e;
                state.branches.push_back(branchScope);
            }
            break;
        }
        case StateType::Map: {
            const char *slot = body.contains("ItemProcessor") ? "ItemProcessor" : "Iterator";
            auto processor = body.find(slot);
            if (processor == body.end())
                return makeError("A Map state needs an ItemProcessor.", pointer + "/ItemProcessor");
            if (auto config = processor->find("ProcessorConfig");
                config != processor->end() && config->is_object()) {
                auto mode = config->find("Mode");
                state.distributed = mode != config->end() && *mode == "DISTRIBUTED";
            }
            // A distributed Map's processor is a child state machine: its states may choose
            // JSONPath even in a JSONata machine (as the validator allows).
            const QueryLanguage parentMachine = m_machineLanguage;
            if (state.distributed)
                m_machineLanguage = QueryLanguage::JsonPath;
            auto processorError
                = compileScope(*processor, pointer + "/" + slot, index, language, state.processor);
            m_machineLanguage = parentMachine;
            if (processorError)
                return processorError;
            // The legacy Parameters of a Map are its ItemSelector.
            if (!state.itemSelector && state.parameters)
                state.itemSelector = std::move(state.parameters);
            state.maxConcurrency = optionalInt(body, "MaxConcurrency");
            if (auto it = body.find("ToleratedFailureCount"); it != body.end())
                state.toleratedFailureCount = *it;
            if (auto it = body.find("ToleratedFailurePercentage"); it != body.end())
                state.toleratedFailurePercentage = *it;
            if (auto it = body.find("ItemReader"); it != body.end()) {
                state.itemReader = *it;
                if (auto e
                    = pathField(*it, "MaxItemsPath", pointer + "/ItemReader", state.maxItemsPath))
                    return e;
                if (auto config = it->find("ReaderConfig"); config != it->end()) {
                    state.maxItems = optionalInt(*config, "MaxItems");
                    if (auto e
                        = pathField(*config, "MaxItemsPath", pointer + "/ItemReader/ReaderConfig",
                                    state.maxItemsPath))
                        return e;
                }
                if (it->is_object() && !jsonata) {
                    if (auto e = templateField(*it, "Parameters", pointer + "/ItemReader",
                                               state.itemReaderParameters))
                        return e;
                }
            }
            if (auto it = body.find("ItemBatcher"); it != body.end()) {
                state.itemBatcher = *it;
                if (!it->is_object())
                    return makeError("ItemBatcher must be an object.", pointer + "/ItemBatcher");
                state.maxItemsPerBatch = optionalInt(*it, "MaxItemsPerBatch");
                if (auto e = pathField(*it, "MaxItemsPerBatchPath", pointer + "/ItemBatcher",
                                       state.maxItemsPerBatchPath))
                    return e;
                state.maxInputBytesPerBatch = optionalInt(*it, "MaxInputBytesPerBatch");
                if (auto e = pathField(*it, "MaxInputBytesPerBatchPath", pointer + "/ItemBatcher",
                                       state.maxInputBytesPerBatchPath))
                    return e;
                if (!jsonata) {
                    if (auto e = templateField(*it, "BatchInput", pointer + "/ItemBatcher",
                                               state.batchInput))
                        return e;
                }
            }
            break;
        }
        default:
            break;
        }
        if (auto e = retryCatch(body, pointer, jsonata, state))
            return e;
        // A Task's retry evaluates Parameters again from the same input.
        if (state.catchers.empty() && (type != StateType::Task || state.retriers.empty())) {
            const JsonPath *written = state.resultPath.path();
            state.parametersTakeInput = state.resultPath.replacesInput()
                                        || (written && state.inputPathDirect
                                            && written->contains(*state.inputPathDirect));
        }
        const bool needsTransition
            = type != StateType::Choice && type != StateType::Succeed && type != StateType::Fail;
        if (needsTransition && !state.end && m_nextNames[static_cast<size_t>(index)].empty())
            return makeError("State '" + name + "' needs Next or End.", pointer);
        m.m_states[static_cast<size_t>(index)] = std::move(state);
        return std::nullopt;
    }

    CompiledMachine &m;
    QueryLanguage m_machineLanguage;
    std::vector<std::string> m_nextNames;
};

Model::Result<std::shared_ptr<const CompiledMachine>>
CompiledMachine::compile(const Json &definition)
{
    auto machine = std::make_shared<CompiledMachine>();
    if (!definition.is_object())
        return makeError("The definition must be a JSON object.", "");
    QueryLanguage language = QueryLanguage::JsonPath;
    if (auto it = definition.find("QueryLanguage"); it != definition.end() && it->is_string())
        language = Model::queryLanguageFromString(it->get<std::string>(), language);
    if (auto it = definition.find("TimeoutSeconds"); it != definition.end() && it->is_number())
        machine->m_timeoutSeconds = clampedDouble(*it, 0, 1e12);
    Compiler compiler(*machine, language);
    int root = -1;
    try {
        if (auto error = compiler.compileScope(definition, "", -1, language, root))
            return *error;
    } catch (const std::exception &e) {
        return makeError(std::string("Invalid definition: ") + e.what(), "");
    }
    // "$$", "$$.Execution" or "$$.Execution.Input..." anywhere in the text (or the same
    // after "$states.context"; "$states" passed whole reads it too).
    const std::string text = definition.dump();
    for (size_t at = text.find("$states"); at != std::string::npos;
         at = text.find("$states", at + 7)) {
        const std::string_view rest = std::string_view(text).substr(at + 7);
        if (rest.empty() || rest[0] != '.') {
            machine->m_readsExecutionInput = true;
            break;
        }
    }
    for (const std::string prefix : {"$$", "$states.context"}) {
        for (size_t at = text.find(prefix); at != std::string::npos;
             at = text.find(prefix, at + prefix.size())) {
            const std::string_view rest = std::string_view(text).substr(at + prefix.size());
            const bool whole = rest.empty() || rest[0] != '.';
            const bool execution = rest.rfind(".Execution", 0) == 0
                                   && (rest.size() == 10 || rest[10] != '.'
                                       || rest.rfind(".Execution.Input", 0) == 0);
            if (whole || execution) {
                machine->m_readsExecutionInput = true;
                break;
            }
        }
    }
    return std::shared_ptr<const CompiledMachine>(std::move(machine));
}

int CompiledMachine::findState(const std::string &name) const
{
    for (const CompiledState &state : m_states) {
        if (state.name == name)
            return state.index;
    }
    return -1;
}

} // namespace Stepwise::Sim
