#include "model/asl/statetype.h"

namespace Stepwise::Model {

StateType stateTypeFromString(std::string_view name)
{
    for (StateType type : allStateTypes) {
        if (toString(type) == name)
            return type;
    }
    return StateType::Unknown;
}

std::string_view toString(StateType type)
{
    switch (type) {
    case StateType::Pass:
        return "Pass";
    case StateType::Task:
        return "Task";
    case StateType::Choice:
        return "Choice";
    case StateType::Wait:
        return "Wait";
    case StateType::Succeed:
        return "Succeed";
    case StateType::Fail:
        return "Fail";
    case StateType::Parallel:
        return "Parallel";
    case StateType::Map:
        return "Map";
    case StateType::Unknown:
        break;
    }
    return "Unknown";
}

bool isTerminalType(StateType type)
{
    return type == StateType::Succeed || type == StateType::Fail;
}

QueryLanguage queryLanguageFromString(std::string_view name, QueryLanguage fallback)
{
    if (name == "JSONata")
        return QueryLanguage::Jsonata;
    if (name == "JSONPath")
        return QueryLanguage::JsonPath;
    return fallback;
}

std::string_view toString(QueryLanguage language)
{
    return language == QueryLanguage::Jsonata ? "JSONata" : "JSONPath";
}

} // namespace Stepwise::Model
