#pragma once

#include "model/json/jsonreader.h"
#include "simulator/expr/dataflow.h"
#include "simulator/expr/payloadtemplate.h"

#include <QString>

#include <functional>
#include <optional>
#include <string>

// Helpers for the expression tests: run a single-Pass-state execution case (JSONPath query
// language) through the expression engines only, the way AWS processes a Pass state:
// InputPath -> Parameters -> Result -> ResultPath -> OutputPath.
namespace Stepwise::Tests {

using Json = Model::Json;

struct PassRun
{
    bool ok = false;
    Json output;
    std::string error;
    std::string cause;
};

inline std::optional<Json> loadJson(const QString &path)
{
    auto parsed = Model::readJsonFile(path.toStdString(), {false, 512, false});
    if (!parsed)
        return std::nullopt;
    return std::move(parsed->value);
}

// The definition's only state when it is a Pass state, else nullptr.
inline const Json *singlePassState(const Json &definition, std::string *name = nullptr)
{
    const auto states = definition.find("States");
    if (states == definition.end() || !states->is_object() || states->size() != 1)
        return nullptr;
    const auto state = states->begin();
    if (!state->is_object() || state->value("Type", "") != "Pass")
        return nullptr;
    if (definition.value("QueryLanguage", "JSONPath") != "JSONPath"
        || state->value("QueryLanguage", "JSONPath") != "JSONPath")
        return nullptr;
    if (name)
        *name = state.key();
    return &*state;
}

// The context object AWS builds for the case's run_context.
inline Json contextObject(const Json &testCase, const Json &input, const std::string &stateName)
{
    const Json run = testCase.value("run_context", Json::object());
    Json context = Json::object();
    context["Execution"]
        = {{"Id",
            run.value("execution_arn", "arn:aws:states:us-east-1:111111111111:execution:sm:exec")},
           {"Input", input},
           {"Name", run.value("execution_name", "exec")},
           {"RoleArn", run.value("role_arn", "arn:aws:iam::111111111111:role/role")},
           {"StartTime", "2024-01-01T00:00:00.000Z"},
           {"RedriveCount", 0}};
    context["StateMachine"]
        = {{"Id", run.value("state_machine_arn",
                            "arn:aws:states:us-east-1:111111111111:stateMachine:sm")},
           {"Name", "statemachine"}};
    context["State"]
        = {{"EnteredTime", "2024-01-01T00:00:00.000Z"}, {"Name", stateName}, {"RetryCount", 0}};
    return context;
}

inline PassRun runPassState(const Json &state, const Json &input, const Json &context)
{
    using namespace Stepwise::Sim;
    PassRun run;
    auto fail = [&run](const Failure &failure) {
        run.error = failure.error;
        run.cause = failure.cause;
        return run;
    };
    auto fieldOf = [&state](const char *name) -> const Json * {
        const auto it = state.find(name);
        return it == state.end() ? nullptr : &*it;
    };
    auto inputPath = InputOutputPath::compile(fieldOf("InputPath"));
    auto resultPath = ResultPath::compile(fieldOf("ResultPath"));
    auto outputPath = InputOutputPath::compile(fieldOf("OutputPath"));
    if (!inputPath || !resultPath || !outputPath)
        return fail({"Compile", "a path does not compile"});
    std::optional<PayloadTemplate> parameters;
    if (const Json *field = fieldOf("Parameters")) {
        auto compiled = PayloadTemplate::compile(*field);
        if (!compiled)
            return fail({"Compile", compiled.error().message});
        parameters = std::move(compiled.value());
    }
    std::mt19937_64 random(42);
    ExpressionContext ctx;
    ctx.context = &context;
    ctx.random = &random;

    auto effective = inputPath->apply(input, ctx);
    if (!effective)
        return fail(effective.failure());
    Json value = std::move(effective).value();
    if (parameters) {
        ctx.input = &value;
        auto built = parameters->evaluate(ctx);
        if (!built)
            return fail(built.failure());
        value = std::move(built).value();
    }
    if (const Json *result = fieldOf("Result"))
        value = *result;
    auto combined = resultPath->apply(input, std::move(value));
    if (!combined)
        return fail(combined.failure());
    auto output = outputPath->apply(std::move(combined).value(), ctx);
    if (!output)
        return fail(output.failure());
    run.ok = true;
    run.output = std::move(output).value();
    return run;
}

} // namespace Stepwise::Tests

#include <QRegularExpression>

namespace Stepwise::Tests {

// The comparison rules of shared/conformance/compare.py: the case's "normalize" steps are
// applied to the actual value, then values compare structurally (object key order ignored,
// numbers numerically), and placeholders in expected strings match any text.
inline Json normalizeForCase(const Json &actual, const Json &testCase)
{
    const Json steps = testCase.value("normalize", Json::array());
    Json value = actual;
    static const QRegularExpression keyOfPath(
        QStringLiteral(R"((?:\.\.|\.output\.)([A-Za-z0-9_\-]+)$)"));
    for (const Json &step : steps) {
        if (step.value("op", "") != "jsonpath" || !step.contains("path"))
            continue;
        const auto m = keyOfPath.match(QString::fromStdString(step.at("path").get<std::string>()));
        if (!m.hasMatch())
            continue;
        const std::string key = m.captured(1).toStdString();
        std::string replacement = step.value("replacement", "");
        if (step.value("reference", true))
            replacement = "<" + replacement + ":1>";
        std::function<void(Json &)> replace = [&](Json &node) {
            if (node.is_object()) {
                for (auto it = node.begin(); it != node.end(); ++it) {
                    if (it.key() == key)
                        it.value() = replacement;
                    else
                        replace(it.value());
                }
            } else if (node.is_array()) {
                for (Json &item : node)
                    replace(item);
            }
        };
        replace(value);
    }
    QString text = QString::fromStdString(value.dump());
    for (const Json &step : steps) {
        if (step.value("op", "") != "regex")
            continue;
        const QRegularExpression pattern(QString::fromStdString(step.value("pattern", "")));
        const QString replacement = QString::fromStdString(step.value("replacement", ""));
        if (pattern.isValid())
            text.replace(pattern, replacement);
        else
            text.replace(QString::fromStdString(step.value("pattern", "")), replacement);
    }
    const Json parsed = Json::parse(text.toStdString(), nullptr, false);
    return parsed.is_discarded() ? value : parsed;
}

inline bool matchesExpected(const Json &expected, const Json &actual, std::string *why,
                            const std::string &path = "$")
{
    static const QRegularExpression placeholder(QStringLiteral(
        R"(<[A-Za-z0-9_. \-]+(?::\d+)?>|\bdate\b|\btimestamp\b|\bsnf_role_arn\b|\bsfn_role_arn\b)"));
    auto mismatch = [&]() {
        if (why)
            *why = path + ": expected " + expected.dump() + ", got " + actual.dump();
        return false;
    };
    if (expected.is_boolean() || actual.is_boolean())
        return expected == actual ? true : mismatch();
    if (expected.is_number() && actual.is_number())
        return expected.get<double>() == actual.get<double>() ? true : mismatch();
    if (expected.is_string()) {
        const QString e = QString::fromStdString(expected.get<std::string>());
        if (e == "date" || e == "timestamp" || e == "uuid")
            return true;
        const auto whole = placeholder.match(e);
        if (whole.hasMatch() && whole.capturedStart() == 0 && whole.capturedLength() == e.size()
            && e.startsWith('<'))
            return true;
        if (!actual.is_string())
            return mismatch();
        const QString a = QString::fromStdString(actual.get<std::string>());
        if (a == e)
            return true;
        QString pattern;
        qsizetype pos = 0;
        auto it = placeholder.globalMatch(e);
        bool any = false;
        while (it.hasNext()) {
            const auto m = it.next();
            any = true;
            pattern += QRegularExpression::escape(e.mid(pos, m.capturedStart() - pos));
            pattern += "(?:" + QRegularExpression::escape(m.captured(0)) + "|.+?)";
            pos = m.capturedEnd();
        }
        pattern += QRegularExpression::escape(e.mid(pos));
        if (any) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(pattern),
                                        QRegularExpression::DotMatchesEverythingOption);
            if (re.match(a).hasMatch())
                return true;
        }
        return mismatch();
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size())
            return mismatch();
        for (size_t i = 0; i < expected.size(); ++i) {
            if (!matchesExpected(expected[i], actual[i], why, path + "[" + std::to_string(i) + "]"))
                return false;
        }
        return true;
    }
    if (expected.is_object()) {
        if (!actual.is_object() || actual.size() != expected.size())
            return mismatch();
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            const auto found = actual.find(it.key());
            if (found == actual.end())
                return mismatch();
            if (!matchesExpected(it.value(), *found, why, path + "." + it.key()))
                return false;
        }
        return true;
    }
    return expected == actual ? true : mismatch();
}

} // namespace Stepwise::Tests
