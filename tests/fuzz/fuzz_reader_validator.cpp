// Arbitrary bytes through the JSON reader and, when they parse, the validator with the
// simulator's expression parsers: none may crash, hang, leak or hit undefined behaviour,
// whatever the input.
#include "model/json/jsonreader.h"
#include "model/validation/validator.h"
#include "simulator/expr/expressionsyntaxchecker.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Stepwise::Model;
    std::string_view text(reinterpret_cast<const char *>(data), size);
    auto parsed = readJson(text);
    if (!parsed.ok())
        return 0;
    static const std::unique_ptr<ExpressionSyntax> expressions
        = Stepwise::Sim::makeExpressionSyntaxChecker();
    ValidationOptions options;
    options.expressions = expressions.get();
    options.sourceMap = &parsed->sourceMap;
    options.duplicateKeys = &parsed->duplicateKeys;
    // Alternate the machine type so the Express-only rules run too.
    options.type = size % 2 ? StateMachineType::Express : StateMachineType::Standard;
    for (const Diagnostic &d : validateDefinition(parsed->value, options)) {
        // The validator turns an unexpected exception into this diagnostic instead of
        // crashing; for the fuzzer it is a bug all the same.
        if (d.message.rfind("The definition could not be checked", 0) == 0) {
            std::fprintf(stderr, "unguarded access: %s\n", d.message.c_str());
            std::abort();
        }
        if (d.code.empty() || d.location.pointer.size() > size + 64 * 1024)
            std::abort();
    }
    return 0;
}
