#pragma once

#include "model/json/json.h"

#include <QString>

#include <cstdint>

namespace Stepwise::Views {

// How the user wants the next run: input, seed, workflow type, where task results come
// from, and how fast it goes.
struct RunSettings
{
    enum class TaskResults { Emulated, MockFile, AskMe };
    enum class Speed { Stepped, Instant, RealTime, Scaled };

    QString inputText = QStringLiteral("{}");
    std::uint64_t seed = 0;
    bool express = false;
    TaskResults taskResults = TaskResults::Emulated;
    QString mockFile;
    QString testCase;
    Speed speed = Speed::Stepped;
    double speedFactor = 1; // Scaled: the run's clock goes this many times the wall clock

    bool operator==(const RunSettings &) const = default;
};

} // namespace Stepwise::Views
