// A JSONata expression (first line) evaluated against a JSON document (the rest, or a fixed
// document when the rest does not parse): parsing and evaluation must neither crash, hang,
// overflow the stack nor hit undefined behaviour; every error names a code.
#include "model/json/jsonreader.h"
#include "simulator/expr/jsonata.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const Stepwise::Model::Json &fallbackDocument()
{
    static const auto document = Stepwise::Model::Json::parse(
        R"({"a": {"b": [1, 2, {"c": "x", "d": null}], "e": true}, "n": [3, 1, 2], "s": "str",
            "o": [{"k": "p", "v": 1}, {"k": "q", "v": 2}, {"k": "p", "v": 3}]})");
    return document;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Stepwise;
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const size_t newline = input.find('\n');
    const std::string_view text = input.substr(0, newline);
    auto compiled = Sim::JsonataExpression::compile(text);
    if (const auto *error = std::get_if<Sim::JsonataExpression::Error>(&compiled)) {
        if (error->code.empty() || error->offset < 0
            || static_cast<size_t>(error->offset) > text.size())
            std::abort(); // every error must say what and where
        return 0;
    }
    Model::Json document = fallbackDocument();
    if (newline != std::string_view::npos) {
        auto parsed = Model::readJson(input.substr(newline + 1), {false, 64, false});
        if (parsed.ok())
            document = std::move(parsed->value);
    }
    const Model::Json states = {{"input", document}, {"context", {{"Execution", {{"Id", "x"}}}}}};
    Sim::JsonataExpression::Options options;
    options.bindings.push_back({"states", &states});
    options.nowMillis = 1700000000000;
    std::mt19937_64 rng(1);
    options.random = &rng;
    options.timeLimit = std::chrono::milliseconds(2000);
    const auto &expression = std::get<Sim::JsonataExpression>(compiled);
    const auto result = expression.run(&document, options);
    if (result.error && result.error->code.empty())
        std::abort();
    (void)expression.run(nullptr, options);
    return 0;
}
