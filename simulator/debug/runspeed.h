#pragma once

namespace Stepwise::Sim {

// How fast a RunController advances a running (not paused) session.
struct RunSpeed
{
    enum class Mode {
        Stepped,  // one state step (F10) every `stepIntervalMs` of wall time, to watch it
        Instant,  // as fast as the engine goes; the virtual clock jumps over Waits
        RealTime, // the virtual clock follows the wall clock: a 10 s Wait takes 10 s
        Scaled,   // the virtual clock runs `factor` times faster: a 10 s Wait at 10 takes 1 s
    };
    Mode mode = Mode::Instant;
    double factor = 1;        // Scaled only (> 0)
    int stepIntervalMs = 500; // Stepped only
};

} // namespace Stepwise::Sim
