#pragma once

#include "model/json/json.h"

#include <string>

namespace Stepwise::App {

// A MockConfigFile (AWS Step Functions Local's format) for a definition: one state machine
// named `machineName` with one test case, "HappyPath", mapping every Task state (nested ones
// too) to a mocked response that returns what the service would: a Lambda invoke's
// StatusCode and Payload, SNS's MessageId, SQS's MessageId and MD5OfMessageBody, or {}.
// Users edit the responses; the run panel's "mock file" mode reads it back.
Model::Json mockSkeleton(const Model::Json &definition, const std::string &machineName);

} // namespace Stepwise::App
