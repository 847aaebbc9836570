// A JSONPath (first line) evaluated against a JSON document (the rest, or a fixed document
// when the rest does not parse): parsing and every evaluation entry point must neither crash,
// hang nor hit undefined behaviour.
#include "model/json/jsonreader.h"
#include "simulator/expr/jsonpath.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const Stepwise::Model::Json &fallbackDocument()
{
    static const auto document = Stepwise::Model::Json::parse(
        R"({"a": {"b": [1, 2, {"c": "x", "d": null}], "e": true}, "n": [3, 1, 2], "s": "str"})");
    return document;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Stepwise;
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const size_t newline = input.find('\n');
    const std::string_view pathText = input.substr(0, newline);
    auto path = Sim::JsonPath::parse(pathText);
    if (!path.ok()) {
        if (path.error().message.empty() || path.error().location.offset < 0
            || static_cast<size_t>(path.error().location.offset) > pathText.size())
            std::abort(); // every error must say what and where
        return 0;
    }
    Model::Json document = fallbackDocument();
    if (newline != std::string_view::npos) {
        auto parsed = Model::readJson(input.substr(newline + 1), {false, 128, false});
        if (parsed.ok())
            document = std::move(parsed->value);
    }
    const Model::Json variables = {{"v", document}, {"w", 1}};
    Sim::ExpressionContext ctx;
    ctx.input = &document;
    ctx.context = &fallbackDocument();
    ctx.variables = &variables;
    const auto selected = path->select(ctx);
    const auto evaluated = path->evaluate(ctx);
    if (selected.has_value() != evaluated.ok())
        std::abort();
    std::string why;
    path->locate(ctx, &why);
    (void)path->normalized();
    if (path->isReferencePath()) {
        Model::Json copy = document;
        path->assign(copy, Model::Json("value"), &why);
    }
    return 0;
}
