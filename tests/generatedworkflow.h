#pragma once

#include "model/json/json.h"

#include <string>

// A generated workflow of about `count` states for scale tests and benchmarks: chains of
// Task -> Choice -> Wait/Pass, every Task with a Catch to one shared Fail state, a Choice
// rule that skips a state, and a Parallel of two short branches every 50 states.
namespace Stepwise::Tests {

using Model::Json;

inline Json generateWorkflow(int count)
{
    Json states = Json::object();
    auto name = [](int i) { return "S" + std::to_string(i); };
    // States are numbered S0..; each points at the next one, the last at Done.
    int total = 2; // Done and Failed
    int i = 0;
    for (; total < count; ++i) {
        const std::string next = name(i + 1);
        Json body;
        switch (i % 5) {
        case 0:
            body = Json{
                {"Type", "Task"},
                {"Resource", "arn:aws:states:::lambda:invoke"},
                {"Parameters", {{"FunctionName", "fn" + std::to_string(i)}}},
                {"Catch", Json::array({Json{{"ErrorEquals", {"States.ALL"}}, {"Next", "Failed"}}})},
                {"Next", next}};
            break;
        case 1:
            body = Json{{"Type", "Choice"},
                        {"Choices", Json::array({Json{{"Variable", "$.n"},
                                                      {"NumericGreaterThan", i},
                                                      {"Next", name(i + 2)}}})},
                        {"Default", next}};
            break;
        case 2:
            body = Json{{"Type", "Wait"}, {"Seconds", 1}, {"Next", next}};
            break;
        case 3:
            if (i % 50 == 3 && total + 5 <= count) {
                // State names are unique across the whole definition, as ASL requires.
                auto branch = [&](const std::string &tag) {
                    const std::string a = name(i) + tag + "A";
                    const std::string b = name(i) + tag + "B";
                    return Json{{"StartAt", a},
                                {"States",
                                 {{a, {{"Type", "Pass"}, {"Next", b}}},
                                  {b, {{"Type", "Wait"}, {"Seconds", 1}, {"End", true}}}}}};
                };
                body = Json{{"Type", "Parallel"},
                            {"Branches", Json::array({branch("L"), branch("R")})},
                            {"Next", next}};
                total += 4; // the branches' states
            } else {
                body = Json{{"Type", "Pass"}, {"Next", next}};
            }
            break;
        default:
            body = Json{{"Type", "Pass"}, {"Result", i}, {"Next", next}};
            break;
        }
        states[name(i)] = body;
        ++total;
    }
    // Transitions past the last state lead to Done.
    auto fix = [&](Json &holder, const char *key) {
        if (holder.contains(key) && !states.contains(holder[key].get<std::string>()))
            holder[key] = "Done";
    };
    for (auto it = states.begin(); it != states.end(); ++it) {
        fix(it.value(), "Next");
        fix(it.value(), "Default");
        if (it.value().contains("Choices"))
            for (Json &rule : it.value()["Choices"])
                fix(rule, "Next");
    }
    states["Done"] = Json{{"Type", "Succeed"}};
    states["Failed"] = Json{{"Type", "Fail"}, {"Error", "Failed"}};
    return Json{{"StartAt", name(0)}, {"States", states}};
}

} // namespace Stepwise::Tests
