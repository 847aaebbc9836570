// A payload template (JSON text) compiled and evaluated against a fixed input, context and
// variables: neither step may crash, hang nor hit undefined behaviour.
#include "model/json/jsonreader.h"
#include "simulator/expr/payloadtemplate.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Stepwise;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    auto parsed = Model::readJson(text, {false, 256, false});
    if (!parsed.ok())
        return 0;
    auto templ = Sim::PayloadTemplate::compile(parsed->value);
    if (!templ.ok()) {
        if (templ.error().message.empty())
            std::abort();
        return 0;
    }
    static const auto input = Model::Json::parse(
        R"({"a": {"b": [1, 2, {"c": "x"}], "s": "text", "n": 2.5}, "list": [3, 1, 3]})");
    static const auto context = Model::Json::parse(
        R"({"Execution": {"Name": "exec", "Input": {}}, "State": {"Name": "S"}})");
    static const auto variables = Model::Json::parse(R"({"v": [1, 2], "w": {"k": "x"}})");
    std::mt19937_64 random(size);
    Sim::ExpressionContext ctx;
    ctx.input = &input;
    ctx.context = &context;
    ctx.variables = &variables;
    ctx.random = &random;
    const auto result = templ->evaluate(ctx);
    if (!result.ok() && result.failure().error.empty())
        std::abort();
    return 0;
}
