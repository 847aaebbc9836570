#include "simulator/debug/askmeexecutor.h"

namespace Stepwise::Sim {

AskMeExecutor::AskMeExecutor(Position position, std::shared_ptr<Book> book,
                             std::vector<std::shared_ptr<TaskExecutor>> others)
    : m_position(position)
    , m_book(std::move(book))
    , m_others(std::move(others))
{}

void AskMeExecutor::setMode(bool askMe, bool allTasks)
{
    m_askMe = askMe;
    m_allTasks = allTasks;
}

std::optional<TaskResponse> AskMeExecutor::invoke(const TaskRequest &request)
{
    if (!m_askMe || m_allTasks != (m_position == Position::First))
        return std::nullopt;
    // A .waitForTaskToken task already waits for the caller, with its token.
    if (!request.taskToken.empty())
        return std::nullopt;
    Question question;
    question.resource = request.resource;
    question.parameters = request.parameters;
    if (m_position == Position::First) {
        // The suggestion must not change the run: the executors draw from a copy of the
        // execution's random numbers.
        TaskRequest probe = request;
        std::mt19937_64 random;
        if (request.random) {
            random = *request.random;
            probe.random = &random;
        }
        for (const auto &executor : m_others) {
            if (auto response = executor->invoke(probe)) {
                if (!response->awaitsCallback)
                    question.suggestion = std::move(response);
                break;
            }
        }
    }
    (*m_book)[{request.stateName, request.invocation}] = std::move(question);
    TaskResponse response;
    response.output = Model::Json::object();
    response.awaitsCallback = true;
    return response;
}

} // namespace Stepwise::Sim
