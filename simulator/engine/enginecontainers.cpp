#include "simulator/engine/engine.h"

#include "simulator/engine/jsonnumbers.h"
#include "simulator/engine/pathvalues.h"
#include "simulator/expr/jsonmembers.h"
#include "simulator/expr/jsonsize.h"
#include "simulator/tasks/itemreader.h"
#include "simulator/tasks/snsemulator.h"

#include <algorithm>

// Parallel and Map states: their inputs, items and limits on entry; the branches and
// iterations they start (Map iterations as concurrency allows); how a child's success or
// failure (tolerated or not) ends the container; distributed Maps' map runs.

namespace Stepwise::Sim {

using Model::Json;
using Model::StateType;

namespace {

// Inline Map runs at most 40 iterations at a time, as AWS does.
constexpr int inlineMapConcurrency = 40;

// ItemBatcher: {"Items": [...]} (plus BatchInput) of at most `perBatch` items (0: any number)
// and, with `bytesPerBatch`, at most that many bytes of JSON text, yet at least one item.
Json makeBatches(Json items, const Json &batchInput, std::int64_t perBatch,
                 std::int64_t bytesPerBatch)
{
    Json batches = Json::array();
    Json batch;
    std::int64_t bytes = 0;
    auto startBatch = [&] {
        batch = Json::object();
        if (batchInput.is_object())
            batch["BatchInput"] = batchInput;
        batch["Items"] = Json::array();
        bytes = bytesPerBatch > 0 ? static_cast<std::int64_t>(jsonTextSize(batch)) : 0;
    };
    startBatch();
    for (Json &item : items) {
        const Json &group = batch["Items"];
        const std::int64_t itemBytes
            = bytesPerBatch > 0 ? static_cast<std::int64_t>(jsonTextSize(item)) + 1 : 0;
        const bool full
            = (perBatch > 0 && static_cast<std::int64_t>(group.size()) >= perBatch)
              || (bytesPerBatch > 0 && !group.empty() && bytes + itemBytes > bytesPerBatch);
        if (full) {
            batches.push_back(std::move(batch));
            startBatch();
        }
        bytes += itemBytes;
        batch["Items"].push_back(std::move(item));
    }
    if (!batch["Items"].empty())
        batches.push_back(std::move(batch));
    return batches;
}

} // namespace

void Execution::Engine::enterParallel(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    Json effective;
    std::int64_t size;
    if (!effectiveInput(ti, true, effective, size))
        return;
    ContainerVisit &c = T(ti).container;
    c.input = std::move(effective);
    c.results.assign(s.branches.size(), Json());
    T(ti).phase = Phase::ContainerStart;
}

// The ItemReader's object, cut to MaxItems; nullopt when the state already failed.
std::optional<Outcome<Json>> Execution::Engine::readItemsFor(int ti, const ExpressionContext &ctx)
{
    const CompiledState &s = m.state(T(ti).state);
    ItemReaderRequest request;
    request.s3Root = x.m_options.s3Root;
    if (auto it = s.itemReader->find("Resource"); it != s.itemReader->end())
        request.resource = it->is_string() ? it->get<std::string>() : it->dump();
    if (auto it = s.itemReader->find("ReaderConfig"); it != s.itemReader->end())
        request.readerConfig = *it;
    if (s.itemReaderParameters) {
        auto parameters = s.itemReaderParameters->evaluate(ctx);
        if (!parameters.ok()) {
            runtimeFailure(ti, parameters.failure());
            return std::nullopt;
        }
        request.parameters = std::move(parameters.value());
    }
    long long maxItems = s.maxItems.value_or(0);
    if (s.maxItemsPath.path) {
        auto v = readIntegerPath(IntegerPathField::MaxItems, *s.maxItemsPath.path, ctx);
        if (!v.ok() && v.failure().error == "States.Runtime") {
            runtimeFailure(ti, v.failure());
            return std::nullopt;
        }
        if (!v.ok())
            return Outcome<Json>(v.takeFailure());
        maxItems = *v;
    }
    if (maxItems < 0)
        return Outcome<Json>(Failure{"States.ItemReaderFailed", "field MaxItems must be positive"});
    auto read = readerItems(ti, request);
    if (read.ok() && maxItems > 0 && read->is_array()
        && read->size() > static_cast<size_t>(maxItems))
        read->erase(read->begin() + maxItems, read->end());
    return read;
}

void Execution::Engine::enterMap(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    if (s.jsonata) {
        enterMapJsonata(ti);
        return;
    }
    // With no InputPath the Map reads its raw input, which it keeps until ResultPath:
    // no copy of a possibly large input.
    const bool usesInput = s.inputPath.isIdentity();
    Json effectiveCopy;
    std::int64_t size;
    if (usesInput)
        stage(ti, "afterInputPath", T(ti).input);
    else if (!effectiveInput(ti, false, effectiveCopy, size))
        return;
    const Json &effective = usesInput ? T(ti).input : effectiveCopy;
    ExpressionContext ctx = contextFor(ti, effective);
    Json items;
    T(ti).map.itemReaderFailure.reset();
    if (s.itemReader) {
        // AWS reads the items once the map run started: a failure shows there.
        auto read = readItemsFor(ti, ctx);
        if (!read)
            return;
        if (read->ok()) {
            items = std::move(read->value());
            if (s.itemsPath.path && !items.is_array()) {
                ExpressionContext readCtx = ctx;
                readCtx.input = &items;
                auto selected = s.itemsPath.path->evaluate(readCtx);
                if (!selected.ok()) {
                    runtimeFailure(ti, selected.failure());
                    return;
                }
                Json chosen = std::move(selected.value());
                items = std::move(chosen);
            }
            if (!items.is_array()) {
                T(ti).map.itemReaderFailure = Failure{"States.ItemReaderFailed",
                                                      "Attempting to map over non-iterable node."};
                items = Json::array();
            }
        } else {
            T(ti).map.itemReaderFailure = read->failure();
            items = Json::array();
        }
        if (T(ti).map.itemReaderFailure && !s.distributed) {
            const Failure failure = *T(ti).map.itemReaderFailure;
            T(ti).map.itemReaderFailure.reset();
            stateError(ti, failure);
            return;
        }
    } else if (s.itemsPath.path) {
        auto selected = s.itemsPath.path->evaluate(ctx);
        if (!selected.ok()) {
            runtimeFailure(ti, selected.failure());
            return;
        }
        items = std::move(selected.value());
    } else {
        items = effective;
    }
    if (!items.is_array()) {
        runtimeFailure(
            ti, {"States.Runtime", "Map state input must be an array but was: " + items.dump()});
        return;
    }
    int maxConcurrency = s.maxConcurrency.value_or(0);
    if (s.maxConcurrencyPath.path) {
        auto v = readIntegerPath(IntegerPathField::MaxConcurrency, *s.maxConcurrencyPath.path, ctx);
        if (!v.ok()) {
            runtimeFailure(ti, v.failure());
            return;
        }
        maxConcurrency = static_cast<int>(*v);
    }
    std::optional<int> toleratedCount;
    std::optional<double> toleratedPercentage;
    if (s.toleratedFailureCount && s.toleratedFailureCount->is_number()) {
        toleratedCount = static_cast<int>(clampedInteger(*s.toleratedFailureCount, -1, INT32_MAX));
        if (*toleratedCount < 0) {
            runtimeFailure(ti, {"States.Runtime", "ToleratedFailureCount cannot be negative."});
            return;
        }
    }
    if (s.toleratedFailureCountPath.path) {
        auto v = readIntegerPath(IntegerPathField::ToleratedFailureCount,
                                 *s.toleratedFailureCountPath.path, ctx);
        if (!v.ok()) {
            runtimeFailure(ti, v.failure());
            return;
        }
        toleratedCount = static_cast<int>(*v);
    }
    if (s.toleratedFailurePercentage && s.toleratedFailurePercentage->is_number()) {
        toleratedPercentage = clampedDouble(*s.toleratedFailurePercentage, -1, 101);
        if (*toleratedPercentage < 0 || *toleratedPercentage > 100) {
            runtimeFailure(
                ti, {"States.Runtime", "ToleratedFailurePercentage must be between 0 and 100."});
            return;
        }
    }
    if (s.toleratedFailurePercentagePath.path) {
        auto v = readPercentagePath(*s.toleratedFailurePercentagePath.path, ctx);
        if (!v.ok()) {
            runtimeFailure(ti, v.failure());
            return;
        }
        toleratedPercentage = *v;
    }
    stageMapLimits(ti, maxConcurrency, toleratedCount, toleratedPercentage);
    // Batching groups items: {"Items": [...]} plus BatchInput.
    if (s.itemBatcher) {
        std::int64_t perBatch = s.maxItemsPerBatch.value_or(0);
        if (s.maxItemsPerBatchPath.path) {
            auto v = readIntegerPath(IntegerPathField::MaxItemsPerBatch,
                                     *s.maxItemsPerBatchPath.path, ctx);
            if (!v.ok()) {
                runtimeFailure(ti, v.failure());
                return;
            }
            perBatch = *v;
        }
        std::int64_t bytesPerBatch = s.maxInputBytesPerBatch.value_or(0);
        if (s.maxInputBytesPerBatchPath.path) {
            auto v = readIntegerPath(IntegerPathField::MaxInputBytesPerBatch,
                                     *s.maxInputBytesPerBatchPath.path, ctx);
            if (!v.ok()) {
                runtimeFailure(ti, v.failure());
                return;
            }
            bytesPerBatch = *v;
        }
        Json batchInput;
        if (s.batchInput) {
            auto built = s.batchInput->evaluate(ctx);
            if (!built.ok()) {
                runtimeFailure(ti, built.failure());
                return;
            }
            batchInput = std::move(built.value());
        }
        items = makeBatches(std::move(items), batchInput, perBatch, bytesPerBatch);
    }
    ExecThread &t = T(ti);
    t.map.items = std::move(items.get_ref<Json::array_t &>());
    t.container.results.assign(t.map.items.size(), Json());
    t.map.maxConcurrency = maxConcurrency <= 0 ? inlineMapConcurrency
                                               : std::min(maxConcurrency, inlineMapConcurrency);
    t.map.toleratedCount = toleratedCount;
    t.map.toleratedPercentage = toleratedPercentage;
    if (usesInput)
        t.container.input.reset();
    else
        t.container.input = std::move(effectiveCopy);
    t.phase = Phase::ContainerStart;
}

// A JSONata Map: Items (by default the input), its limits and batches, each a literal or an
// expression reading the state's input.
void Execution::Engine::enterMapJsonata(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    const JsonataFields &f = *s.jsonata;
    const JsonataScope scope = jsonataScope(ti);
    Json items;
    T(ti).map.itemReaderFailure.reset();
    if (s.itemReader) {
        ItemReaderRequest request;
        request.s3Root = x.m_options.s3Root;
        if (auto it = s.itemReader->find("Resource"); it != s.itemReader->end())
            request.resource = it->is_string() ? it->get<std::string>() : it->dump();
        if (auto it = s.itemReader->find("ReaderConfig"); it != s.itemReader->end())
            request.readerConfig = *it;
        if (f.itemReaderArguments
            && !evaluateJsonata(ti, *f.itemReaderArguments, scope, request.parameters, true))
            return;
        std::int64_t maxItems = s.maxItems.value_or(0);
        if (f.maxItems && !jsonataInteger(ti, *f.maxItems, scope, 0, maxItems))
            return;
        auto read = readerItems(ti, request);
        if (read.ok() && read->is_array()) {
            items = std::move(read.value());
            if (maxItems > 0 && items.size() > static_cast<size_t>(maxItems))
                items.erase(items.begin() + maxItems, items.end());
        } else {
            T(ti).map.itemReaderFailure = read.ok()
                                              ? Failure{"States.ItemReaderFailed",
                                                        "Attempting to map over non-iterable node."}
                                              : read.failure();
            items = Json::array();
        }
        if (T(ti).map.itemReaderFailure && !s.distributed) {
            const Failure failure = *T(ti).map.itemReaderFailure;
            T(ti).map.itemReaderFailure.reset();
            stateError(ti, failure);
            return;
        }
    } else if (f.items) {
        if (!evaluateJsonata(ti, *f.items, scope, items, true))
            return;
        if (!items.is_array()) {
            queryFailed(ti, jsonataTypeFailure(*f.items, "array", items), true);
            return;
        }
    } else if (T(ti).input.is_array()) {
        items = T(ti).input;
    } else {
        queryFailed(ti,
                    {"States.QueryEvaluationError",
                     "Map state input must be an array but was: " + T(ti).input.dump()},
                    true);
        return;
    }
    std::int64_t maxConcurrency = s.maxConcurrency.value_or(0);
    if (f.maxConcurrency && !jsonataInteger(ti, *f.maxConcurrency, scope, 0, maxConcurrency))
        return;
    std::optional<int> toleratedCount;
    std::optional<double> toleratedPercentage;
    if (s.toleratedFailureCount && s.toleratedFailureCount->is_number())
        toleratedCount = static_cast<int>(clampedInteger(*s.toleratedFailureCount, 0, INT32_MAX));
    if (f.toleratedFailureCount) {
        std::int64_t count = 0;
        if (!jsonataInteger(ti, *f.toleratedFailureCount, scope, 0, count))
            return;
        toleratedCount = static_cast<int>(std::min<std::int64_t>(count, INT32_MAX));
    }
    if (s.toleratedFailurePercentage && s.toleratedFailurePercentage->is_number())
        toleratedPercentage = clampedDouble(*s.toleratedFailurePercentage, 0, 100);
    if (f.toleratedFailurePercentage) {
        Json value;
        if (!evaluateJsonata(ti, *f.toleratedFailurePercentage, scope, value, true))
            return;
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100) {
            queryFailed(ti, jsonataTypeFailure(*f.toleratedFailurePercentage, "number", value),
                        true);
            return;
        }
        toleratedPercentage = value.get<double>();
    }
    stageMapLimits(ti, maxConcurrency, toleratedCount, toleratedPercentage);
    if (s.itemBatcher) {
        std::int64_t perBatch = s.maxItemsPerBatch.value_or(0);
        std::int64_t bytesPerBatch = s.maxInputBytesPerBatch.value_or(0);
        Json batchInput;
        if ((f.maxItemsPerBatch && !jsonataInteger(ti, *f.maxItemsPerBatch, scope, 1, perBatch))
            || (f.maxInputBytesPerBatch
                && !jsonataInteger(ti, *f.maxInputBytesPerBatch, scope, 1, bytesPerBatch))
            || (f.batchInput && !evaluateJsonata(ti, *f.batchInput, scope, batchInput, true)))
            return;
        items = makeBatches(std::move(items), batchInput, perBatch, bytesPerBatch);
    }
    ExecThread &t = T(ti);
    t.map.items = std::move(items.get_ref<Json::array_t &>());
    t.container.results.assign(t.map.items.size(), Json());
    const int concurrency = static_cast<int>(std::min<std::int64_t>(maxConcurrency, INT32_MAX));
    t.map.maxConcurrency
        = concurrency <= 0 ? inlineMapConcurrency : std::min(concurrency, inlineMapConcurrency);
    t.map.toleratedCount = toleratedCount;
    t.map.toleratedPercentage = toleratedPercentage;
    t.container.input.reset();
    t.phase = Phase::ContainerStart;
}

void Execution::Engine::resetContainer(int ti)
{
    abortChildren(ti);
    ContainerVisit &c = T(ti).container;
    c.results.assign(c.results.size(), Json());
    c.succeeded.clear();
    c.started = c.running = c.done = c.failed = 0;
    c.failure.reset();
}

// The container stops its children and fails with `failure` once it ends.
void Execution::Engine::containerFailed(int pi, RaisedFailure failure)
{
    T(pi).container.failure = std::move(failure);
    abortChildren(pi);
    ExecThread &p = T(pi);
    p.phase = Phase::ContainerEnd;
    p.lastEventId = p.container.lastChainedChildEvent;
}

void Execution::Engine::childFinished(int pi)
{
    ContainerVisit &c = T(pi).container;
    --c.running;
    ++c.done;
    const int total = static_cast<int>(c.results.size());
    if (c.failure)
        return;
    if (m.state(T(pi).state).type == StateType::Map) {
        while (T(pi).container.started < total
               && T(pi).container.running < T(pi).map.maxConcurrency) {
            if (!spawnIteration(pi))
                return;
        }
    }
    ExecThread &p = T(pi);
    if (p.container.done == total) {
        p.phase = Phase::ContainerEnd;
        p.lastEventId = p.container.lastChildEvent;
    }
}

// A branch or iteration failed: the container fails too, unless a Map tolerates it.
void Execution::Engine::childFailed(int ti)
{
    const bool iteration = T(ti).kind == ThreadKind::Iteration;
    if (iteration)
        emitIterationEvent(ti, HistoryEventType::MapIterationFailed);
    const int pi = T(ti).parent;
    const RaisedFailure failure = T(ti).failure;
    const int slot = T(ti).slot;
    markDone(ti);
    if (T(pi).container.failure)
        return;
    if (iteration) {
        ExecThread &p = T(pi);
        ++p.container.failed;
        const bool tolerant = p.map.toleratedCount || p.map.toleratedPercentage;
        if (!toleranceExceeded(p)) {
            Json errorOutput = Json::object();
            if (failure.hasError)
                errorOutput["Error"] = failure.failure.error;
            if (failure.hasCause)
                errorOutput["Cause"] = failure.failure.cause;
            p.container.results[static_cast<size_t>(slot)] = std::move(errorOutput);
            childFinished(pi);
            return;
        }
        if (tolerant) {
            containerFailed(pi, {{"States.ExceedToleratedFailureThreshold",
                                  "The specified tolerated failure threshold was exceeded"}});
            return;
        }
    }
    containerFailed(pi, failure);
}

// Failed iterations beyond what the Map tolerates (with no tolerance, any).
bool Execution::Engine::toleranceExceeded(const ExecThread &p) const
{
    if (!p.map.toleratedCount && !p.map.toleratedPercentage)
        return p.container.failed > 0;
    const int total = static_cast<int>(p.map.items.size());
    if (p.map.toleratedCount && p.container.failed > *p.map.toleratedCount)
        return true;
    return p.map.toleratedPercentage && total > 0
           && 100.0 * p.container.failed / total > *p.map.toleratedPercentage;
}

bool Execution::Engine::updateMapRun(const std::string &mapRunArn, const MapRunUpdate &update)
{
    if (rt.status != ExecutionStatus::Running)
        return false;
    const int pi = rt.runningMapRun(mapRunArn);
    if (pi < 0)
        return false;
    ExecThread &p = T(pi);
    if (update.maxConcurrency) {
        p.map.maxConcurrency = *update.maxConcurrency <= 0
                                   ? inlineMapConcurrency
                                   : std::min(*update.maxConcurrency, inlineMapConcurrency);
    }
    if (update.toleratedFailureCount) {
        p.map.toleratedCount
            = static_cast<int>(std::min<std::int64_t>(*update.toleratedFailureCount, INT32_MAX));
    }
    if (update.toleratedFailurePercentage)
        p.map.toleratedPercentage = *update.toleratedFailurePercentage;
    if (p.container.failure)
        return true;
    if (p.container.failed > 0 && toleranceExceeded(p)) {
        containerFailed(pi, {{"States.ExceedToleratedFailureThreshold",
                              "The specified tolerated failure threshold was exceeded"}});
        return true;
    }
    // A higher concurrency starts waiting items now.
    const int total = static_cast<int>(T(pi).container.results.size());
    while (T(pi).container.started < total && T(pi).container.running < T(pi).map.maxConcurrency) {
        if (!spawnIteration(pi))
            break;
    }
    return true;
}

// A JSONata ItemSelector: $states.input is the Map's input, $states.context.Map.Item the
// item and its index.
bool Execution::Engine::selectItemJsonata(int pi, int index, Json &out)
{
    const CompiledState &s = m.state(T(pi).state);
    JsonataScope scope = jsonataScope(pi);
    const Json &item = T(pi).map.items[static_cast<size_t>(index)];
    Json context;
    if (s.readsContext) {
        context = *scope.states.context;
        context["Map"] = {{"Item", {{"Index", index}, {"Value", item}}}};
        scope.states.context = &context;
    }
    auto built = s.jsonata->itemSelector->evaluate(scope);
    if (!built.ok()) {
        Failure failure = built.takeFailure();
        evaluationFailed(pi, failure);
        T(pi).container.failure = RaisedFailure{std::move(failure)};
        abortChildren(pi);
        T(pi).phase = Phase::ContainerEnd;
        return false;
    }
    out = std::move(built.value());
    return true;
}

bool Execution::Engine::spawnIteration(int pi)
{
    ExecThread &p = T(pi);
    const CompiledState &s = m.state(p.state);
    // Iterations a redrive kept from the earlier attempt are not run again.
    const int total = static_cast<int>(p.container.results.size());
    while (p.container.started < total && p.container.hasSucceeded(p.container.started)) {
        ++p.container.started;
        ++p.container.done;
    }
    if (p.container.started >= total) {
        if (p.container.running == 0 && p.container.done == total) {
            p.phase = Phase::ContainerEnd;
            p.lastEventId = p.container.lastChildEvent;
        }
        return true;
    }
    const int index = p.container.started++;
    Json input;
    if (s.jsonata && s.jsonata->itemSelector) {
        if (!selectItemJsonata(pi, index, input))
            return false;
    } else if (s.itemSelector) {
        ExpressionContext ctx = contextFor(pi, p.container.input ? *p.container.input : p.input);
        ctx.context = &rt.context;
        prepareContext(pi);
        // The item lends itself to $$.Map.Item.Value for the time of the evaluation.
        // ($$.Map itself is kept between iterations, out of the context object.)
        Json &item = p.map.items[static_cast<size_t>(index)];
        if (!rt.mapContext.is_object())
            rt.mapContext = {{"Item", {{"Index", 0}, {"Value", nullptr}}}};
        Json &mapItem = rt.mapContext["Item"];
        mapItem["Index"] = index;
        mapItem["Value"] = std::move(item);
        Json &map = setMember(rt.context, "Map", std::move(rt.mapContext));
        auto built = s.itemSelector->evaluate(ctx);
        item = std::move(map["Item"]["Value"]);
        rt.mapContext = std::move(map);
        rt.context.erase("Map");
        if (!built.ok()) {
            Failure f = built.failure();
            if (f.error == "States.Runtime")
                f.cause = "An error occurred while executing the state '" + s.name
                          + "' (entered at the event id #" + std::to_string(T(pi).enteredEventId)
                          + "). " + f.cause;
            T(pi).container.failure = RaisedFailure{std::move(f)};
            abortChildren(pi);
            T(pi).phase = Phase::ContainerEnd;
            return false;
        }
        input = std::move(built.value());
    } else {
        // A retry runs every item again: keep them while a retrier may fire.
        Json &item = p.map.items[static_cast<size_t>(index)];
        input = s.retriers.empty() ? std::move(item) : item;
    }
    ExecThread child;
    child.kind = ThreadKind::Iteration;
    child.parent = pi;
    child.slot = index;
    child.scope = s.processor;
    child.state = m.scope(s.processor).startAt;
    child.phase = Phase::IterationStart;
    child.hidden = T(pi).hidden || s.distributed;
    child.input = std::move(input);
    // A distributed Map's children are executions of their own: they see no variables.
    child.variables = s.distributed ? Json::object() : T(pi).variables;
    child.lastEventId = T(pi).container.lastChainedChildEvent;
    child.wakeAt = rt.now;
    addThread(std::move(child));
    ++T(pi).container.running;
    return true;
}

void Execution::Engine::startContainer(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    const bool isMap = s.type == StateType::Map;
    const std::int64_t id = emit(
        ti, isMap ? HistoryEventType::MapStateStarted : HistoryEventType::ParallelStateStarted,
        [&] {
            if (isMap)
                return Json{{"mapStateStartedEventDetails", {{"length", T(ti).map.items.size()}}}};
            return Json::object();
        });
    if (rt.status != ExecutionStatus::Running)
        return;
    ExecThread &t = T(ti);
    t.container.lastChildEvent = t.container.lastChainedChildEvent = id;
    t.phase = Phase::ContainerWait;
    if (ti == 0 && !rt.keptChildren.empty()) {
        // The redriven container: what succeeded before stands.
        if (!s.distributed) {
            for (auto &[index, output] : rt.keptChildren) {
                if (index >= 0 && static_cast<size_t>(index) < t.container.results.size()) {
                    t.container.results[static_cast<size_t>(index)] = std::move(output);
                    t.container.markSucceeded(index);
                }
            }
        }
        rt.keptChildren.clear();
    }
    if (isMap && s.distributed) {
        t.phase = Phase::MapRunStart;
        return;
    }
    spawnChildren(ti, id);
}

void Execution::Engine::startMapRun(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    const std::string &smArn = x.m_options.stateMachineArn;
    std::string mapRunArn = smArn;
    if (auto pos = mapRunArn.find(":stateMachine:"); pos != std::string::npos)
        mapRunArn.replace(pos, 14, ":mapRun:");
    mapRunArn += "/" + s.name + ":" + makeUuid(rt.random);
    const std::int64_t id = emit(ti, HistoryEventType::MapRunStarted, [&] {
        return Json{{"mapRunStartedEventDetails", {{"mapRunArn", mapRunArn}}}};
    });
    if (rt.status != ExecutionStatus::Running)
        return;
    ExecThread &t = T(ti);
    t.container.lastChildEvent = t.container.lastChainedChildEvent = id;
    t.map.mapRunArn = mapRunArn;
    if (t.map.itemReaderFailure) {
        t.container.failure = RaisedFailure{*t.map.itemReaderFailure};
        t.phase = Phase::ContainerEnd;
        return;
    }
    t.phase = Phase::ContainerWait;
    spawnChildren(ti, id);
}

void Execution::Engine::spawnChildren(int ti, std::int64_t id)
{
    if (mockContainer(ti))
        return;
    const CompiledState &s = m.state(T(ti).state);
    if (s.type == StateType::Map) {
        const int total = static_cast<int>(T(ti).map.items.size());
        if (total == 0) {
            T(ti).phase = Phase::ContainerEnd;
            return;
        }
        while (T(ti).container.started < total
               && T(ti).container.running < T(ti).map.maxConcurrency) {
            if (!spawnIteration(ti))
                return;
        }
        return;
    }
    for (size_t b = 0; b < s.branches.size(); ++b) {
        if (T(ti).container.hasSucceeded(static_cast<int>(b))) {
            ++T(ti).container.started;
            ++T(ti).container.done;
            continue;
        }
        ExecThread child;
        child.kind = ThreadKind::Branch;
        child.parent = ti;
        child.slot = static_cast<int>(b);
        child.scope = s.branches[b];
        child.state = m.scope(s.branches[b]).startAt;
        child.phase = Phase::Enter;
        child.hidden = T(ti).hidden;
        child.input = *T(ti).container.input;
        child.variables = T(ti).variables;
        child.lastEventId = id;
        child.wakeAt = rt.now;
        addThread(std::move(child));
        ++T(ti).container.started;
        ++T(ti).container.running;
    }
    if (T(ti).container.running == 0) {
        // Every branch was kept by a redrive.
        T(ti).phase = Phase::ContainerEnd;
        T(ti).lastEventId = T(ti).container.lastChildEvent;
    }
}

Outcome<Json> Execution::Engine::readerItems(int ti, const ItemReaderRequest &request)
{
    const auto &testState = x.m_options.testState;
    if (testState && testState->mapItemReaderData && T(ti).kind == ThreadKind::Root)
        return *testState->mapItemReaderData;
    return readItems(request);
}

void Execution::Engine::stageMapLimits(int ti, std::int64_t maxConcurrency,
                                       std::optional<int> toleratedCount,
                                       std::optional<double> toleratedPercentage)
{
    stage(ti, "maxConcurrency", maxConcurrency);
    if (toleratedCount)
        stage(ti, "toleratedFailureCount", *toleratedCount);
    if (toleratedPercentage)
        stage(ti, "toleratedFailurePercentage", *toleratedPercentage);
}

bool Execution::Engine::mockContainer(int ti)
{
    const auto &testState = x.m_options.testState;
    if (!testState || T(ti).kind != ThreadKind::Root
        || (!testState->containerResult && !testState->containerFailure))
        return false;
    ExecThread &t = T(ti);
    ContainerVisit &c = t.container;
    t.phase = Phase::ContainerEnd;
    t.lastEventId = c.lastChildEvent;
    if (testState->containerFailure) {
        c.failure = RaisedFailure{*testState->containerFailure};
        return true;
    }
    const Json &result = *testState->containerResult;
    c.results.clear();
    if (result.is_array())
        c.results.assign(result.begin(), result.end());
    // Failed iterations count only against a Map's tolerated failures, as on AWS.
    const int failed = testState->mapIterationFailureCount;
    const double total = static_cast<double>(c.results.size());
    const bool exceeded = failed > 0
                          && ((t.map.toleratedCount && failed > *t.map.toleratedCount)
                              || (t.map.toleratedPercentage && total > 0
                                  && 100.0 * failed / total > *t.map.toleratedPercentage));
    if (m.state(t.state).type == StateType::Map && exceeded)
        c.failure = RaisedFailure{{"States.ExceedToleratedFailureThreshold",
                                   "The specified tolerated failure threshold was exceeded"}};
    return true;
}

void Execution::Engine::endContainer(int ti)
{
    const CompiledState &s = m.state(T(ti).state);
    const bool isMap = s.type == StateType::Map;
    if (isMap && s.distributed && T(ti).phase == Phase::ContainerEnd) {
        emitPlain(ti, T(ti).container.failure ? HistoryEventType::MapRunFailed
                                              : HistoryEventType::MapRunSucceeded);
        T(ti).phase = Phase::MapRunEnd;
        return;
    }
    if (T(ti).container.failure) {
        // A retry starts the state again with no <Type>StateFailed first, as AWS records.
        const RaisedFailure failure = *T(ti).container.failure;
        if (retry(ti, failure.failure))
            return;
        emitPlain(ti,
                  isMap ? HistoryEventType::MapStateFailed : HistoryEventType::ParallelStateFailed);
        stateError(ti, failure.failure, failure.hasError, failure.hasCause, false);
        return;
    }
    emitPlain(
        ti, isMap ? HistoryEventType::MapStateSucceeded : HistoryEventType::ParallelStateSucceeded,
        false);
    ExecThread &t = T(ti);
    Json results(std::move(t.container.results));
    t.container.results.clear();
    t.map.items.clear();
    finishWithResult(ti, std::move(results));
}

void Execution::Engine::endIteration(int ti)
{
    emitIterationEvent(ti, HistoryEventType::MapIterationSucceeded);
    const int pi = T(ti).parent;
    T(pi).container.results[static_cast<size_t>(T(ti).slot)] = std::move(T(ti).output);
    T(pi).container.markSucceeded(T(ti).slot);
    markDone(ti);
    childFinished(pi);
}

} // namespace Stepwise::Sim
