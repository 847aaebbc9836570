#include "simulator/awslimits.h"

namespace Stepwise::Sim {

const std::size_t AwsLimits::maxPayloadBytes = 256 * 1024;
const int AwsLimits::maxHistoryEvents = 25000;
const long long AwsLimits::maxExecutionSeconds = 365LL * 24 * 3600;
const long long AwsLimits::maxExpressExecutionSeconds = 5 * 60;
const int AwsLimits::maxStateNameLength = 80;
const std::size_t AwsLimits::maxAssignBytes = 256 * 1024;
const std::size_t AwsLimits::maxVariablesBytes = 10 * 1024 * 1024;

} // namespace Stepwise::Sim
