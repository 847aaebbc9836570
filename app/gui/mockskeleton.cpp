#include "app/gui/mockskeleton.h"

namespace Stepwise::App {

namespace {

Model::Json sampleResult(const std::string &resource)
{
    auto has = [&](const char *s) { return resource.find(s) != std::string::npos; };
    if (has(":lambda:") || has("states:::lambda:invoke"))
        return Model::Json{{"StatusCode", 200}, {"Payload", Model::Json::object()}};
    if (has(":::sns:publish"))
        return Model::Json{{"MessageId", "00000000-0000-0000-0000-000000000000"}};
    if (has(":::sqs:sendMessage"))
        return Model::Json{{"MessageId", "00000000-0000-0000-0000-000000000000"},
                           {"MD5OfMessageBody", "d41d8cd98f00b204e9800998ecf8427e"}};
    if (has(":::dynamodb:getItem"))
        return Model::Json{{"Item", Model::Json::object()}};
    return Model::Json::object();
}

void collectTasks(const Model::Json &scope, Model::Json &testCase, Model::Json &responses)
{
    if (!scope.is_object() || !scope.contains("States") || !scope["States"].is_object())
        return;
    for (auto it = scope["States"].begin(); it != scope["States"].end(); ++it) {
        const Model::Json &state = it.value();
        if (!state.is_object())
            continue;
        const std::string type = state.value("Type", "");
        if (type == "Task") {
            const std::string mock = it.key() + " response";
            testCase[it.key()] = mock;
            responses[mock] = Model::Json{
                {"0", Model::Json{{"Return", sampleResult(state.value("Resource", ""))}}}};
        } else if (type == "Parallel" && state.contains("Branches")
                   && state["Branches"].is_array()) {
            for (const Model::Json &branch : state["Branches"])
                collectTasks(branch, testCase, responses);
        } else if (type == "Map") {
            if (state.contains("ItemProcessor"))
                collectTasks(state["ItemProcessor"], testCase, responses);
            else if (state.contains("Iterator"))
                collectTasks(state["Iterator"], testCase, responses);
        }
    }
}

} // namespace

Model::Json mockSkeleton(const Model::Json &definition, const std::string &machineName)
{
    Model::Json testCase = Model::Json::object();
    Model::Json responses = Model::Json::object();
    collectTasks(definition, testCase, responses);
    return Model::Json{
        {"StateMachines",
         Model::Json{
             {machineName, Model::Json{{"TestCases", Model::Json{{"HappyPath", testCase}}}}}}},
        {"MockedResponses", responses}};
}

} // namespace Stepwise::App
