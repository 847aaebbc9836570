#pragma once

#include "simulator/tasks/taskexecutor.h"

#include <vector>

namespace Stepwise::Sim {

// Built-in arn:aws:states:::sqs:sendMessage (and its .waitForTaskToken form, the usual way to
// hand a task token to a worker): answers as SQS does (MD5OfMessageBody, MessageId and the
// SDK's metadata) and keeps each message so callers can read what would have been sent.
class SqsEmulator : public TaskExecutor
{
  public:
    std::optional<TaskResponse> invoke(const TaskRequest &request) override;

    // Every message sent, in order: the parameters with MessageBody as text, plus MessageId.
    const std::vector<Model::Json> &outbox() const { return m_outbox; }

  private:
    std::vector<Model::Json> m_outbox;
};

} // namespace Stepwise::Sim
