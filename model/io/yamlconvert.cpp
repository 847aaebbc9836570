#include "model/io/yamlconvert.h"

#include "model/json/jsonpointer.h"
#include "model/json/objectkeyindex.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>

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

Error errorAt(std::string message, const YAML::Mark &mark)
{
    Error error;
    error.message = std::move(message);
    error.location = locationOf(mark);
    return error;
}

// What a value holds once every alias in it is replaced by its anchor's value.
struct Expansion
{
    size_t values = 0;
    size_t bytes = 0;
    int depth = 0;
};

// Measures the document as it would be after alias expansion without expanding it. yaml-cpp
// shares an anchored node between its alias uses, so each collection is measured once (keyed
// by where it starts in the text, which no two collections share) and a repeated visit is an
// alias use: its size counts again without walking it again. A billion laughs is measured in
// the time it takes to read its few hundred bytes.
class ExpansionMeter
{
  public:
    explicit ExpansionMeter(const YamlLimits &limits)
        : m_limits(limits)
    {}

    std::optional<Error> measure(const YAML::Node &root)
    {
        Expansion total;
        if (auto failed = visit(root, root.Mark(), 1, total))
            return failed;
        return std::nullopt;
    }

  private:
    enum class Progress { Walking, Done };
    struct Memo
    {
        Progress progress = Progress::Walking;
        Expansion size;
    };

    // `at` is where the value is written: its key, or its collection for a sequence item (an
    // alias use carries its anchor's position, not its own).
    std::optional<Error> visit(const YAML::Node &node, const YAML::Mark &at, int depth,
                               Expansion &into)
    {
        if (depth > m_limits.maxDepth) {
            return errorAt("the document is nested deeper than " + std::to_string(m_limits.maxDepth)
                               + " levels",
                           at);
        }
        const bool collection = node.IsMap() || node.IsSequence();
        if (!collection) {
            Expansion size{1, node.IsScalar() ? node.Scalar().size() : 0, 1};
            if (node.IsScalar() && !node.Mark().is_null()
                && !m_seenScalars.insert(node.Mark().pos).second) {
                if (auto failed = addAliased(size, at))
                    return failed;
            }
            add(into, size, depth);
            return std::nullopt;
        }
        const int key = node.Mark().pos;
        auto found = m_memo.find(key);
        if (found != m_memo.end()) {
            if (found->second.progress == Progress::Walking)
                return errorAt("a YAML alias is used inside the value of its own anchor", at);
            const Expansion size = found->second.size;
            if (depth + size.depth - 1 > m_limits.maxDepth) {
                return errorAt("YAML aliases nest the document deeper than "
                                   + std::to_string(m_limits.maxDepth) + " levels",
                               at);
            }
            if (auto failed = addAliased(size, at))
                return failed;
            add(into, size, depth);
            return std::nullopt;
        }
        m_memo[key].progress = Progress::Walking;
        Expansion size{1, 0, depth};
        if (node.IsSequence()) {
            for (const YAML::Node &item : node) {
                if (auto failed = visit(item, node.Mark(), depth + 1, size))
                    return failed;
            }
        } else {
            for (auto it = node.begin(); it != node.end(); ++it) {
                if (auto failed = visit(it->first, it->first.Mark(), depth + 1, size))
                    return failed;
                if (auto failed = visit(it->second, it->first.Mark(), depth + 1, size))
                    return failed;
            }
        }
        size.depth = size.depth - depth + 1; // stored relative to this node
        m_memo[key] = {Progress::Done, size};
        add(into, size, depth);
        return std::nullopt;
    }

    static void add(Expansion &into, const Expansion &part, int depth)
    {
        into.values += part.values;
        into.bytes += part.bytes;
        into.depth = std::max(into.depth, depth + part.depth - 1);
    }

    std::optional<Error> addAliased(const Expansion &size, const YAML::Mark &at)
    {
        m_aliased.values += size.values;
        m_aliased.bytes += size.bytes;
        if (m_aliased.values > m_limits.maxAliasedValues) {
            return errorAt("YAML aliases expand the document by more than "
                               + std::to_string(m_limits.maxAliasedValues)
                               + " values (each alias repeats its anchor's whole value)",
                           at);
        }
        if (m_aliased.bytes > m_limits.maxAliasedBytes) {
            return errorAt("YAML aliases expand the document by more than "
                               + std::to_string(m_limits.maxAliasedBytes)
                               + " bytes of text (each alias repeats its anchor's whole value)",
                           at);
        }
        return std::nullopt;
    }

    const YamlLimits &m_limits;
    std::unordered_map<int, Memo> m_memo;
    std::unordered_set<int> m_seenScalars;
    Expansion m_aliased;
};

// Builds the JSON value (and the source map when asked) of a document the meter accepted.
class JsonBuilder
{
  public:
    explicit JsonBuilder(ParsedJson *parsed)
        : m_parsed(parsed)
    {}

    Json build(const YAML::Node &node, const std::string &pointer)
    {
        if (m_parsed)
            m_parsed->sourceMap.addValue(pointer, locationOf(node.Mark()));
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
            size_t index = 0;
            for (const YAML::Node &item : node)
                out.push_back(build(item, m_parsed ? appendPointer(pointer, index++) : pointer));
            return out;
        }
        case YAML::NodeType::Map: {
            Json out = Json::object();
            Json::object_t &members = out.get_ref<Json::object_t &>();
            ObjectKeyIndex keys;
            for (auto it = node.begin(); it != node.end(); ++it) {
                const std::string &key = it->first.Scalar();
                if (keys.contains(members, key)) {
                    // The first one holds the value, as the JSON reader keeps it.
                    if (m_parsed) {
                        Location at = locationOf(it->first.Mark());
                        at.pointer = appendPointer(pointer, key);
                        m_parsed->duplicateKeys.push_back(at);
                    }
                    continue;
                }
                if (!m_parsed) {
                    keys.append(members, key) = build(it->second, pointer);
                    continue;
                }
                const std::string at = appendPointer(pointer, key);
                m_parsed->sourceMap.addKey(at, locationOf(it->first.Mark()));
                Json value = build(it->second, at);
                keys.append(members, key) = std::move(value);
            }
            return out;
        }
        }
        return nullptr;
    }

  private:
    ParsedJson *m_parsed;
};

// The offset of the first byte that does not start a well-formed UTF-8 sequence (YAML text is
// Unicode; yaml-cpp passes such bytes through, and JSON text cannot hold them), or npos.
size_t firstInvalidUtf8(std::string_view text)
{
    size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](size_t at) { return static_cast<unsigned char>(text[at]); };
        const unsigned char lead = byte(i);
        size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + length > text.size())
            return i;
        if (byte(i + 1) < low || byte(i + 1) > high)
            return i;
        for (size_t k = 2; k < length; ++k) {
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
                return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

Error invalidUtf8At(std::string_view text, size_t offset)
{
    const std::string_view before = text.substr(0, offset);
    const size_t lastNewline = before.rfind('\n');
    const size_t lineStart = lastNewline == std::string_view::npos ? 0 : lastNewline + 1;
    Error error;
    error.message = "invalid UTF-8 byte in the text";
    error.location.line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    error.location.column = static_cast<int>(offset - lineStart) + 1;
    error.location.offset = static_cast<int>(offset);
    return error;
}

Result<ParsedJson> readYamlDocument(std::string_view text, const YamlLimits &limits,
                                    bool buildSourceMap)
{
    ParsedJson parsed;
    if (const size_t bad = firstInvalidUtf8(text); bad != std::string_view::npos)
        return invalidUtf8At(text, bad);
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        ExpansionMeter meter(limits);
        if (auto failed = meter.measure(root))
            return *failed;
        JsonBuilder builder(buildSourceMap ? &parsed : nullptr);
        parsed.value = builder.build(root, "");
    } catch (const YAML::DeepRecursion &e) {
        // yaml-cpp's own guard on its recursive parser (its message only says "bad file").
        return errorAt("the document is nested too deeply (more than "
                           + std::to_string(e.depth() - 1) + " levels)",
                       e.mark);
    } catch (const YAML::Exception &e) {
        return errorAt(e.msg, e.mark);
    }
    return parsed;
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

Result<Json> yamlToJson(std::string_view text, const YamlLimits &limits)
{
    Result<ParsedJson> parsed = readYamlDocument(text, limits, false);
    if (!parsed)
        return parsed.error();
    return std::move(parsed->value);
}

Result<ParsedJson> readYaml(std::string_view text, const YamlLimits &limits)
{
    return readYamlDocument(text, limits, true);
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
