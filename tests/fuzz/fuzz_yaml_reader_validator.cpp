// Arbitrary bytes through the YAML reader as definitions are loaded (alias expansion and
// nesting bounded by YamlLimits) and, when they parse, the validator with the simulator's
// expression parsers: none may crash, hang, blow up memory (scripts/fuzz.sh caps RSS) or hit
// undefined behaviour, whatever the input.
#include "model/io/definitionloader.h"
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
    static const std::unique_ptr<ExpressionSyntax> expressions
        = Stepwise::Sim::makeExpressionSyntaxChecker();
    ValidationOptions options;
    options.expressions = expressions.get();
    options.type = size % 2 ? StateMachineType::Express : StateMachineType::Standard;
    const CheckedDefinition checked = checkDefinitionText(text, FileFormat::Yaml, options);
    if (!checked.readable && checked.diagnostics.size() != 1)
        std::abort();
    for (const Diagnostic &d : checked.diagnostics) {
        if (d.message.rfind("The definition could not be checked", 0) == 0) {
            std::fprintf(stderr, "unguarded access: %s\n", d.message.c_str());
            std::abort();
        }
        if (d.code.empty())
            std::abort();
    }
    return 0;
}
