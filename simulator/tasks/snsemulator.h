#pragma once

#include "simulator/tasks/taskexecutor.h"

#include <vector>

namespace Stepwise::Sim {

// Built-in arn:aws:states:::sns:publish: answers as SNS does (a MessageId and the SDK's
// metadata) and keeps each published message so callers can check what would have been sent.
class SnsEmulator : public TaskExecutor
{
  public:
    std::optional<TaskResponse> invoke(const TaskRequest &request) override;

    // Every message published, in order: {"TopicArn"|"TargetArn"|"PhoneNumber", "Message",
    // ..., "MessageId"}.
    const std::vector<Model::Json> &outbox() const { return m_outbox; }

  private:
    std::vector<Model::Json> m_outbox;
};

// A version-4 UUID drawn from the given generator (deterministic for a seeded run).
std::string makeUuid(std::mt19937_64 &random);

} // namespace Stepwise::Sim
