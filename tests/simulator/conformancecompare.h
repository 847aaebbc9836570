#pragma once

// The comparison rules of shared/conformance/compare.py, in C++: apply the case's regex
// normalisations to the actual value's Python-style JSON text, then compare structurally,
// numbers numerically, LocalStack placeholders matching any text.
#include "model/json/json.h"
#include "model/json/jsonreader.h"

#include <regex>
#include <string>

namespace Stepwise::Tests {

using Model::Json;

// Lenient field access for hand-made case files: a missing or differently typed field reads
// as the default instead of throwing.
inline std::string textField(const Json &object, const std::string &key)
{
    if (!object.is_object())
        return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline bool boolField(const Json &object, const std::string &key, bool fallback)
{
    if (!object.is_object())
        return fallback;
    auto it = object.find(key);
    return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

// json.dumps(v, ensure_ascii=False): ", " and ": " separators.
inline void pythonDumps(const Json &v, std::string &out)
{
    switch (v.type()) {
    case Json::value_t::object: {
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first)
                out += ", ";
            first = false;
            out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace);
            out += ": ";
            pythonDumps(it.value(), out);
        }
        out += '}';
        return;
    }
    case Json::value_t::array: {
        out += '[';
        for (size_t i = 0; i < v.size(); ++i) {
            if (i)
                out += ", ";
            pythonDumps(v[i], out);
        }
        out += ']';
        return;
    }
    default:
        out += v.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
}

inline const std::regex &placeholderPattern()
{
    static const std::regex pattern(
        R"(<[A-Za-z0-9_. \-]+(?::\d+)?>|\bdate\b|\btimestamp\b|\bsnf_role_arn\b|\bsfn_role_arn\b)");
    return pattern;
}

inline std::string regexEscape(const std::string &text)
{
    static const std::string special = R"(\^$.|?*+()[]{}/)";
    std::string out;
    for (char c : text) {
        if (special.find(c) != std::string::npos)
            out += '\\';
        out += c;
    }
    return out;
}

inline bool placeholderMatch(const std::string &expected, const std::string &actual)
{
    std::string pattern;
    auto begin = std::sregex_iterator(expected.begin(), expected.end(), placeholderPattern());
    size_t pos = 0;
    bool any = false;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        any = true;
        pattern += regexEscape(expected.substr(pos, static_cast<size_t>(it->position()) - pos));
        pattern += "(?:" + regexEscape(it->str()) + "|[\\s\\S]+?)";
        pos = static_cast<size_t>(it->position() + it->length());
    }
    if (!any)
        return false;
    pattern += regexEscape(expected.substr(pos));
    try {
        return std::regex_match(actual, std::regex(pattern));
    } catch (const std::regex_error &) {
        return false;
    }
}

inline bool isWholeToken(const std::string &s)
{
    if (s == "date" || s == "timestamp" || s == "uuid")
        return true;
    return !s.empty() && s[0] == '<' && std::regex_match(s, placeholderPattern());
}

inline bool matchValues(const Json &expected, const Json &actual, const std::string &path,
                        std::string &why)
{
    auto fail = [&] {
        why = path + ": " + expected.dump().substr(0, 200) + " != " + actual.dump().substr(0, 200);
        return false;
    };
    if (expected.is_boolean() || actual.is_boolean())
        return expected == actual ? true : fail();
    if (expected.is_number() && actual.is_number())
        return expected.get<double>() == actual.get<double>() ? true : fail();
    if (expected.is_string()) {
        const std::string &e = expected.get_ref<const std::string &>();
        if (isWholeToken(e))
            return true;
        if (actual.is_string()) {
            const std::string &a = actual.get_ref<const std::string &>();
            if (e == a || placeholderMatch(e, a))
                return true;
        }
        return fail();
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size())
            return fail();
        for (size_t i = 0; i < expected.size(); ++i) {
            if (!matchValues(expected[i], actual[i], path + "[" + std::to_string(i) + "]", why))
                return false;
        }
        return true;
    }
    if (expected.is_object()) {
        if (!actual.is_object() || actual.size() != expected.size())
            return fail();
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            auto found = actual.find(it.key());
            if (found == actual.end())
                return fail();
            if (!matchValues(it.value(), *found, path + "." + it.key(), why))
                return false;
        }
        return true;
    }
    return expected == actual ? true : fail();
}

inline Json replaceKey(const Json &v, const std::string &key, const Json &replacement)
{
    if (v.is_object()) {
        Json out = Json::object();
        for (auto it = v.begin(); it != v.end(); ++it)
            out[it.key()]
                = it.key() == key ? replacement : replaceKey(it.value(), key, replacement);
        return out;
    }
    if (v.is_array()) {
        Json out = Json::array();
        for (const Json &item : v)
            out.push_back(replaceKey(item, key, replacement));
        return out;
    }
    return v;
}

inline Json normalizeValue(Json v, const Json &steps)
{
    if (!steps.is_array() || steps.empty())
        return v;
    static const std::regex keyStep(R"((?:\.\.|\.output\.)([A-Za-z0-9_\-]+)$)");
    for (const Json &step : steps) {
        if (textField(step, "op") != "jsonpath" || !step.contains("path")
            || !step["path"].is_string())
            continue;
        std::smatch m;
        const std::string path = step["path"].get<std::string>();
        if (!std::regex_search(path, m, keyStep))
            continue;
        Json replacement = step.value("replacement", Json());
        if (boolField(step, "reference", true) && replacement.is_string())
            replacement = "<" + replacement.get<std::string>() + ":1>";
        v = replaceKey(v, m[1].str(), replacement);
    }
    std::string text;
    pythonDumps(v, text);
    for (const Json &step : steps) {
        if (textField(step, "op") != "regex")
            continue;
        const std::string pattern = textField(step, "pattern");
        std::string replacement = textField(step, "replacement");
        std::string literal;
        for (char c : replacement)
            literal += c == '$' ? std::string("$$") : std::string(1, c);
        try {
            text = std::regex_replace(text, std::regex(pattern), literal);
        } catch (const std::regex_error &) {
            for (size_t at = text.find(pattern); !pattern.empty() && at != std::string::npos;
                 at = text.find(pattern, at + replacement.size()))
                text.replace(at, pattern.size(), replacement);
        }
    }
    auto parsed = Model::readJson(text, {false});
    return parsed ? parsed->value : v;
}

// compare_execution(case, actual): actual = {"status", "output" (JSON text), "error", "cause"}.
inline bool compareExecution(const Json &testCase, const Json &actual, std::string &why)
{
    const Json &expected = testCase.at("expected");
    const Json steps = testCase.value("normalize", Json::array());
    if (textField(expected, "status") != textField(actual, "status")) {
        why = "status " + textField(expected, "status") + " != " + textField(actual, "status");
        return false;
    }
    for (const char *field : {"output", "error", "cause"}) {
        if (!expected.contains(field))
            continue;
        Json a = actual.contains(field) ? actual.at(field) : Json();
        const bool decode = std::string(field) == "output"
                            || textField(expected, std::string(field) + "_encoding") == "json";
        if (decode && a.is_string()) {
            auto parsed = Model::readJson(a.get<std::string>(), {false});
            if (parsed)
                a = parsed->value;
        }
        a = normalizeValue(a, steps);
        if (!matchValues(expected.at(field), a, field, why))
            return false;
    }
    return true;
}

} // namespace Stepwise::Tests
