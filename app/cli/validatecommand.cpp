#include "app/cli/commands.h"

#include "model/json/jsonreader.h"

#include <cstdio>

namespace Stepwise::App {

// Until the validator lands this only checks that each file is well-formed JSON.
int runValidateCommand(const Arguments &args)
{
    int status = 0;
    for (const std::string &file : args) {
        auto parsed = Model::readJsonFile(file);
        if (!parsed.ok()) {
            std::fprintf(stderr, "%s\n", parsed.error().toString().c_str());
            status = 2;
        }
    }
    return status;
}

} // namespace Stepwise::App
