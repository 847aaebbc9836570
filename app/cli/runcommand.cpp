#include "app/cli/commands.h"

#include <cstdio>

namespace Stepwise::App {

int runRunCommand(const Arguments &)
{
    std::fprintf(stderr, "run: the simulator is not built yet\n");
    return 2;
}

} // namespace Stepwise::App
