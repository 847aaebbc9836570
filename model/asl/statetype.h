#pragma once

#include <array>
#include <string_view>

namespace Stepwise::Model {

enum class StateType { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map, Unknown };

inline constexpr std::array<StateType, 8> allStateTypes
    = {StateType::Pass,    StateType::Task, StateType::Choice,   StateType::Wait,
       StateType::Succeed, StateType::Fail, StateType::Parallel, StateType::Map};

// "Pass" -> StateType::Pass; anything else -> Unknown.
StateType stateTypeFromString(std::string_view name);
std::string_view toString(StateType type);

// Succeed and Fail end the execution; Choice chooses its own way on.
bool isTerminalType(StateType type);

enum class QueryLanguage { JsonPath, Jsonata };
QueryLanguage queryLanguageFromString(std::string_view name, QueryLanguage fallback);
std::string_view toString(QueryLanguage language);

} // namespace Stepwise::Model
