#include "app/cli/commands.h"

#include "model/json/jsonreader.h"
#include "model/json/jsonwriter.h"

#include <QSaveFile>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace Stepwise::App {

// fmt FILE [--check]: rewrite FILE in the canonical layout (atomically), or with --check
// only report whether it already is (exit 1 when not).
int runFmtCommand(const Arguments &args)
{
    std::string file;
    bool check = false;
    for (const std::string &arg : args) {
        if (arg == "--check") {
            check = true;
        } else if (!arg.empty() && arg[0] == '-') {
            std::fprintf(stderr, "fmt: unknown option %s\n", arg.c_str());
            return 2;
        } else if (file.empty()) {
            file = arg;
        } else {
            std::fprintf(stderr, "fmt: one file at a time\n");
            return 2;
        }
    }
    if (file.empty()) {
        std::fprintf(stderr, "usage: stepwise-cli fmt FILE [--check]\n");
        return 2;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "%s: cannot open file\n", file.c_str());
        return 2;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string original = buffer.str();
    auto parsed = Model::readJson(original);
    if (!parsed.ok()) {
        Model::Error error = parsed.error();
        error.location.file = file;
        std::fprintf(stderr, "%s\n", error.toString().c_str());
        return 2;
    }
    const std::string canonical = Model::toCanonicalText(parsed->value);
    if (check) {
        if (canonical == original)
            return 0;
        std::printf("%s: not canonically formatted\n", file.c_str());
        return 1;
    }
    if (canonical == original)
        return 0;
    QSaveFile out(QString::fromStdString(file));
    if (!out.open(QIODevice::WriteOnly)
        || out.write(canonical.data(), static_cast<qint64>(canonical.size()))
               != static_cast<qint64>(canonical.size())
        || !out.commit()) {
        std::fprintf(stderr, "%s: cannot write: %s\n", file.c_str(),
                     out.errorString().toStdString().c_str());
        return 2;
    }
    return 0;
}

} // namespace Stepwise::App
