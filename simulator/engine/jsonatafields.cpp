#include "simulator/engine/jsonatafields.h"

#include <string_view>

namespace Stepwise::Sim {

using Model::Json;

namespace {

// A number-or-string field: compiled only when it is a "{% %}" expression.
Model::Result<std::optional<JsonataTemplate>> expressionField(const Json &object, const char *key,
                                                              const std::string &field,
                                                              const std::string &pointer)
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()
        || !JsonataTemplate::isExpression(it->get_ref<const std::string &>()))
        return std::optional<JsonataTemplate>();
    return JsonataFields::compileField(object, key, field, pointer);
}

} // namespace

Model::Result<std::optional<JsonataTemplate>>
JsonataFields::compileField(const Json &object, const char *key, const std::string &field,
                            const std::string &pointer)
{
    auto it = object.find(key);
    if (it == object.end())
        return std::optional<JsonataTemplate>();
    auto compiled = JsonataTemplate::compile(*it, field);
    if (!compiled) {
        Model::Error error = compiled.error();
        error.location.pointer = pointer + "/" + key + error.location.pointer;
        return error;
    }
    return std::optional<JsonataTemplate>(std::move(compiled.value()));
}

Model::Result<JsonataFields> JsonataFields::compile(const Json &body, const std::string &pointer)
{
    JsonataFields f;
    struct Slot
    {
        const Json *object;
        const char *key;
        const char *field;
        std::string pointer;
        std::optional<JsonataTemplate> JsonataFields::*member;
        bool template_; // any value (else: only a "{% %}" string)
    };
    static const Json none = Json::object();
    const Json *reader = &none, *readerConfig = &none, *batcher = &none, *credentials = &none;
    if (auto it = body.find("Credentials"); it != body.end() && it->is_object())
        credentials = &*it;
    if (auto it = body.find("ItemReader"); it != body.end() && it->is_object()) {
        reader = &*it;
        if (auto c = it->find("ReaderConfig"); c != it->end() && c->is_object())
            readerConfig = &*c;
    }
    if (auto it = body.find("ItemBatcher"); it != body.end() && it->is_object())
        batcher = &*it;
    const std::string readerPointer = pointer + "/ItemReader";
    const std::string batcherPointer = pointer + "/ItemBatcher";
    const Slot slots[] = {
        {&body, "Arguments", "Arguments", pointer, &JsonataFields::arguments, true},
        {&body, "Output", "Output", pointer, &JsonataFields::output, true},
        {&body, "Assign", "Assign", pointer, &JsonataFields::assign, true},
        {&body, "Seconds", "Seconds", pointer, &JsonataFields::seconds, false},
        {&body, "Timestamp", "Timestamp", pointer, &JsonataFields::timestamp, false},
        {&body, "TimeoutSeconds", "TimeoutSeconds", pointer, &JsonataFields::timeoutSeconds, false},
        {&body, "HeartbeatSeconds", "HeartbeatSeconds", pointer, &JsonataFields::heartbeatSeconds,
         false},
        {credentials, "RoleArn", "Credentials/RoleArn", pointer + "/Credentials",
         &JsonataFields::roleArn, true},
        {&body, "Error", "Error", pointer, &JsonataFields::error, false},
        {&body, "Cause", "Cause", pointer, &JsonataFields::cause, false},
        {&body, "Items", "Items", pointer, &JsonataFields::items, true},
        {&body, "ItemSelector", "ItemSelector", pointer, &JsonataFields::itemSelector, true},
        {&body, "MaxConcurrency", "MaxConcurrency", pointer, &JsonataFields::maxConcurrency, false},
        {&body, "ToleratedFailureCount", "ToleratedFailureCount", pointer,
         &JsonataFields::toleratedFailureCount, false},
        {&body, "ToleratedFailurePercentage", "ToleratedFailurePercentage", pointer,
         &JsonataFields::toleratedFailurePercentage, false},
        {reader, "Arguments", "ItemReader/Arguments", readerPointer,
         &JsonataFields::itemReaderArguments, true},
        {readerConfig, "MaxItems", "ItemReader/ReaderConfig/MaxItems",
         readerPointer + "/ReaderConfig", &JsonataFields::maxItems, false},
        {batcher, "MaxItemsPerBatch", "ItemBatcher/MaxItemsPerBatch", batcherPointer,
         &JsonataFields::maxItemsPerBatch, false},
        {batcher, "MaxInputBytesPerBatch", "ItemBatcher/MaxInputBytesPerBatch", batcherPointer,
         &JsonataFields::maxInputBytesPerBatch, false},
        {batcher, "BatchInput", "ItemBatcher/BatchInput", batcherPointer,
         &JsonataFields::batchInput, true},
    };
    for (const Slot &slot : slots) {
        auto compiled = slot.template_
                            ? compileField(*slot.object, slot.key, slot.field, slot.pointer)
                            : expressionField(*slot.object, slot.key, slot.field, slot.pointer);
        if (!compiled)
            return compiled.error();
        f.*slot.member = std::move(compiled.value());
    }
    return f;
}

bool readsContextObject(const std::string &text)
{
    if (text.find("$$") != std::string::npos)
        return true;
    static const std::string states = "$states";
    for (size_t at = text.find(states); at != std::string::npos;
         at = text.find(states, at + states.size())) {
        const std::string_view rest = std::string_view(text).substr(at + states.size());
        if (rest.rfind(".context", 0) == 0)
            return true;
        // $states on its own (passed whole, or a name that merely starts so).
        if (rest.empty() || rest[0] != '.')
            return true;
    }
    return false;
}

} // namespace Stepwise::Sim
