// An intrinsic call (first line) evaluated against a JSON input (the rest, or {} when the rest
// does not parse): parsing and evaluation must neither crash, hang nor hit undefined behaviour.
#include "model/json/jsonreader.h"
#include "simulator/expr/intrinsics.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Stepwise;
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const size_t newline = input.find('\n');
    const std::string_view callText = input.substr(0, newline);
    auto call = Sim::IntrinsicCall::parse(callText);
    if (!call.ok()) {
        if (call.error().message.empty() || call.error().location.offset < 0
            || static_cast<size_t>(call.error().location.offset) > callText.size())
            std::abort(); // every error must say what and where
        return 0;
    }
    Model::Json document = Model::Json::object();
    if (newline != std::string_view::npos) {
        auto parsed = Model::readJson(input.substr(newline + 1), {false, 128, false});
        if (parsed.ok())
            document = std::move(parsed->value);
    }
    const Model::Json context = {{"Execution", {{"Name", "exec"}}}};
    std::mt19937_64 random(size);
    Sim::ExpressionContext ctx;
    ctx.input = &document;
    ctx.context = &context;
    ctx.variables = &document;
    ctx.random = &random;
    const auto result = call->evaluate(ctx);
    if (!result.ok() && result.failure().error.empty())
        std::abort();
    return 0;
}
