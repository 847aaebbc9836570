#pragma once

#include <cstddef>

namespace Stepwise::Sim {

// Quotas AWS Step Functions enforces and the simulator reproduces.
struct AwsLimits
{
    // Largest input, output or result payload, in UTF-8 bytes.
    static const std::size_t maxPayloadBytes;
    // Events in one execution's history (STANDARD workflows).
    static const int maxHistoryEvents;
    // How long a STANDARD execution may run (one year), in seconds.
    static const long long maxExecutionSeconds;
    // How long an EXPRESS execution may run (five minutes), in seconds.
    static const long long maxExpressExecutionSeconds;
    // Length of a state name.
    static const int maxStateNameLength;
    // The values one Assign sets, as JSON text, in UTF-8 bytes.
    static const std::size_t maxAssignBytes;
    // All variables a line of execution holds, as JSON text, in UTF-8 bytes.
    static const std::size_t maxVariablesBytes;
};

} // namespace Stepwise::Sim
