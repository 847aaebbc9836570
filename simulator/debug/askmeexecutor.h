#pragma once

#include "model/json/json.h"
#include "simulator/tasks/taskexecutor.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Stepwise::Sim {

// "Ask me" task results: a plain Task is left to the caller (TaskResponse::awaitsCallback)
// and waits until DebugSession::answerTask()/failTask(). Two of these share one question
// book: the first consulted (asks about every Task, each with the other executors' answer as
// a suggestion) and the last (asks only about the Tasks nothing else answers).
class AskMeExecutor : public TaskExecutor
{
  public:
    enum class Position { First, Last };

    // What a Task asked: its resource, its effective input, and the answer the other
    // executors would have given (the mock's or the built-in emulation's), if any.
    struct Question
    {
        std::string resource;
        Model::Json parameters;
        std::optional<TaskResponse> suggestion;
    };
    // Keyed by state name and invocation (retries count): the same in every re-run.
    using Book = std::map<std::pair<std::string, int>, Question>;

    AskMeExecutor(Position position, std::shared_ptr<Book> book,
                  std::vector<std::shared_ptr<TaskExecutor>> others);

    // Both flags as DebugSessionOptions::askMe and askMeAllTasks; read at each Task.
    void setMode(bool askMe, bool allTasks);

    std::optional<TaskResponse> invoke(const TaskRequest &request) override;

  private:
    Position m_position;
    std::shared_ptr<Book> m_book;
    std::vector<std::shared_ptr<TaskExecutor>> m_others;
    bool m_askMe = false;
    bool m_allTasks = false;
};

} // namespace Stepwise::Sim
