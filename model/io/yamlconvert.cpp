#include "model/io/yamlconvert.h"

#include "model/json/jsonpointer.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace Stepwise::Model {

namespace {

bool isOneOf(const std::string &s, std::initializer_list<const char *> words)
{
    for (const char *w : words) {
        if (s == w)
            return true;
    }
    return false;
}

bool isIntegerText(const std::string &s)
{
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i >= s.size())
        return false;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

bool isFloatText(const std::string &s)
{
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        ++i;
    size_t digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        ++i;
        ++digits;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            ++i;
            ++digits;
        }
    }
    if (digits == 0)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        size_t expDigits = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            ++i;
            ++expDigits;
        }
        if (expDigits == 0)
            return false;
    }
    return i == s.size();
}

// A plain (unquoted) scalar resolved with the YAML 1.2 core schema.
Json plainScalar(const std::string &s)
{
    if (s.empty() || isOneOf(s, {"~", "null", "Null", "NULL"}))
        return nullptr;
    if (isOneOf(s, {"true", "True", "TRUE"}))
        return true;
    if (isOneOf(s, {"false", "False", "FALSE"}))
        return false;
    if (isIntegerText(s)) {
        const char *begin = s.data() + (s[0] == '+' ? 1 : 0);
        long long value = 0;
        auto [end, ec] = std::from_chars(begin, s.data() + s.size(), value);
        if (ec == std::errc() && end == s.data() + s.size())
            return value;
        unsigned long long big = 0;
        auto [end2, ec2] = std::from_chars(begin, s.data() + s.size(), big);
        if (ec2 == std::errc() && end2 == s.data() + s.size())
            return big;
    }
    if (isFloatText(s)) {
        try {
            return std::stod(s);
        } catch (...) {
            return s;
        }
    }
    return s;
}

Json toJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return nullptr;
    case YAML::NodeType::Scalar:
        // "!" is the tag of quoted scalars: they are strings whatever they look like.
        if (node.Tag() == "!")
            return node.Scalar();
        return plainScalar(node.Scalar());
    case YAML::NodeType::Sequence: {
        Json out = Json::array();
        for (const YAML::Node &item : node)
            out.push_back(toJson(item));
        return out;
    }
    case YAML::NodeType::Map: {
        Json out = Json::object();
        for (auto it = node.begin(); it != node.end(); ++it) {
            std::string key = it->first.Scalar();
            if (!out.contains(key))
                out[key] = toJson(it->second);
        }
        return out;
    }
    }
    return nullptr;
}

Location locationOf(const YAML::Mark &mark)
{
    Location at;
    if (mark.is_null())
        return at;
    at.line = mark.line + 1;
    at.column = mark.column + 1;
    at.offset = mark.pos;
    return at;
}

void mapSources(const YAML::Node &node, const std::string &pointer, SourceMap &map)
{
    map.addValue(pointer, locationOf(node.Mark()));
    if (node.IsSequence()) {
        size_t index = 0;
        for (const YAML::Node &item : node)
            mapSources(item, appendPointer(pointer, index++), map);
    } else if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string at = appendPointer(pointer, it->first.Scalar());
            if (map.contains(at))
                continue; // a repeated key: the first one holds the value
            map.addKey(at, locationOf(it->first.Mark()));
            mapSources(it->second, at, map);
        }
    }
}

// Strings that a YAML reader would take for another type (or lose) must be quoted.
bool needsQuotes(const std::string &s)
{
    if (s.empty())
        return true;
    if (plainScalar(s).is_string() == false)
        return true;
    if (isOneOf(s, {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
                    "off", "Off", "OFF", ".inf", ".nan", "-.inf"}))
        return true;
    return s.front() == ' ' || s.back() == ' ' || s.find('\n') != std::string::npos;
}

void emit(YAML::Emitter &out, const Json &value)
{
    if (value.is_object()) {
        if (value.empty()) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            return;
        }
        out << YAML::BeginMap;
        for (auto it = value.begin(); it != value.end(); ++it) {
            out << YAML::Key;
            if (needsQuotes(it.key()))
                out << YAML::DoubleQuoted;
            out << it.key() << YAML::Value;
            emit(out, it.value());
        }
        out << YAML::EndMap;
    } else if (value.is_array()) {
        if (value.empty()) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            return;
        }
        out << YAML::BeginSeq;
        for (const Json &item : value)
            emit(out, item);
        out << YAML::EndSeq;
    } else if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        if (needsQuotes(s))
            out << YAML::DoubleQuoted;
        out << s;
    } else if (value.is_boolean()) {
        out << YAML::TrueFalseBool << value.get<bool>();
    } else if (value.is_number_integer() && value.is_number_unsigned()) {
        out << value.get<unsigned long long>();
    } else if (value.is_number_integer()) {
        out << value.get<long long>();
    } else if (value.is_number_float()) {
        // The JSON text of the number round-trips exactly; YAML reads it back as a float.
        out << value.dump();
    } else {
        out << YAML::Null;
    }
}

} // namespace

Result<Json> yamlToJson(std::string_view text)
{
    try {
        YAML::Node root = YAML::Load(std::string(text));
        return toJson(root);
    } catch (const YAML::Exception &e) {
        Error error;
        error.message = e.msg;
        error.location.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        error.location.column = e.mark.is_null() ? 0 : e.mark.column + 1;
        error.location.offset = e.mark.is_null() ? -1 : e.mark.pos;
        return error;
    }
}

Result<ParsedJson> readYaml(std::string_view text)
{
    try {
        YAML::Node root = YAML::Load(std::string(text));
        ParsedJson parsed;
        parsed.value = toJson(root);
        mapSources(root, "", parsed.sourceMap);
        return parsed;
    } catch (const YAML::Exception &e) {
        Error error;
        error.message = e.msg;
        error.location = locationOf(e.mark);
        return error;
    }
}

std::string jsonToYaml(const Json &value)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emit(out, value);
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n')
        text += '\n';
    return text;
}

} // namespace Stepwise::Model
