#include "model/commands/transitionedit.h"

#include "model/commands/statesnapshot.h"

namespace Stepwise::Model::TransitionEdit {

namespace {

StateType typeOf(const Json &body)
{
    return body.is_object() && body.contains("Type") && body["Type"].is_string()
               ? stateTypeFromString(body["Type"].get<std::string>())
               : StateType::Unknown;
}

const char *listKey(TransitionKind kind)
{
    return kind == TransitionKind::ChoiceRule ? "Choices" : "Catch";
}

} // namespace

bool allows(StateType type, TransitionKind kind)
{
    switch (kind) {
    case TransitionKind::Next:
        return type != StateType::Succeed && type != StateType::Fail;
    case TransitionKind::Default:
    case TransitionKind::ChoiceRule:
        return type == StateType::Choice;
    case TransitionKind::Catch:
        return type == StateType::Task || type == StateType::Parallel || type == StateType::Map;
    }
    return false;
}

Json added(const Json &body, TransitionKind kind, const std::string &target, QueryLanguage language)
{
    if (kind == TransitionKind::Next && typeOf(body) == StateType::Choice)
        kind = TransitionKind::ChoiceRule;
    if (!allows(typeOf(body), kind))
        return body;
    switch (kind) {
    case TransitionKind::Next:
        return JsonEdit::replaceKey(body, "End", "Next", target);
    case TransitionKind::Default:
        return JsonEdit::replaceKey(body, "Default", "Default", target);
    case TransitionKind::ChoiceRule:
    case TransitionKind::Catch: {
        Json entry;
        if (kind == TransitionKind::Catch)
            entry = Json{{"ErrorEquals", Json::array({"States.ALL"})}, {"Next", target}};
        else if (language == QueryLanguage::Jsonata)
            entry = Json{{"Condition", "{% true %}"}, {"Next", target}};
        else
            entry = Json{{"Variable", "$"}, {"IsPresent", true}, {"Next", target}};
        Json out = body;
        const char *key = listKey(kind);
        if (!out.contains(key) || !out[key].is_array())
            out[key] = Json::array();
        out[key].push_back(entry);
        return out;
    }
    }
    return body;
}

Json retargeted(const Json &body, TransitionKind kind, int index, const std::string &target)
{
    Json out = body;
    if (!out.is_object())
        return out;
    if (kind == TransitionKind::Next || kind == TransitionKind::Default) {
        const char *key = kind == TransitionKind::Next ? "Next" : "Default";
        if (out.contains(key))
            out[key] = target;
        return out;
    }
    const char *key = listKey(kind);
    if (out.contains(key) && out[key].is_array() && index >= 0
        && index < static_cast<int>(out[key].size()) && out[key][index].is_object())
        out[key][index]["Next"] = target;
    return out;
}

Json removed(const Json &body, TransitionKind kind, int index)
{
    if (!body.is_object())
        return body;
    if (kind == TransitionKind::Next)
        return body.contains("Next") ? JsonEdit::replaceKey(body, "Next", "End", true) : body;
    if (kind == TransitionKind::Default)
        return JsonEdit::withoutKey(body, "Default");
    Json out = body;
    const char *key = listKey(kind);
    if (out.contains(key) && out[key].is_array() && index >= 0
        && index < static_cast<int>(out[key].size()))
        out[key].erase(out[key].begin() + index);
    return out;
}

} // namespace Stepwise::Model::TransitionEdit
