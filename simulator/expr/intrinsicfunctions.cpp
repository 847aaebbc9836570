#include "simulator/expr/intrinsicfunctions.h"
#include "simulator/expr/jsontext.h"

#include "model/json/jsonreader.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <cmath>
#include <limits>

namespace Stepwise::Sim::Detail {

namespace {

// AWS's cap on string arguments of the Base64 and Hash functions.
constexpr size_t maxStringArgument = 10000;
// AWS's cap on the size of States.ArrayRange's result.
constexpr long long maxRangeItems = 1000;

std::string ordinal(size_t index)
{
    static const char *names[] = {"first", "second", "third", "fourth", "fifth"};
    return index < 5 ? names[index] : "argument #" + std::to_string(index + 1);
}

std::string typeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "boolean";
    case Json::value_t::string:
        return "string";
    case Json::value_t::array:
        return "array";
    case Json::value_t::object:
        return "object";
    default:
        return "number";
    }
}

Failure argumentFailure(const IntrinsicAst &call, size_t index, const std::string &expected,
                        const Json &actual)
{
    return Failure{intrinsicErrorName, "The " + ordinal(index) + " argument of " + call.name
                                           + " must be " + expected + ", but was "
                                           + typeName(actual) + ": " + compactJson(actual)};
}

Failure callFailure(const IntrinsicAst &call, const std::string &detail)
{
    return Failure{intrinsicErrorName, "Invalid arguments in " + call.name + ": " + detail};
}

// An integral JSON number (1 and 1.0 both count), or nullopt.
std::optional<long long> asInteger(const Json &value)
{
    if (value.is_number_integer())
        return value.get<long long>();
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15)
            return static_cast<long long>(d);
    }
    return std::nullopt;
}

std::mt19937_64 &fallbackRandom()
{
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine;
}

// How AWS's Java runtime prints a value into a States.Format template: strings bare,
// objects as Java maps ({a=1, b=[x, y]}), arrays as Java lists.
void appendJavaText(std::string &out, const Json &value, int depth = 0)
{
    if (value.is_string()) {
        out += value.get_ref<const std::string &>();
    } else if (depth > 256) {
        out += "...";
    } else if (value.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!first)
                out += ", ";
            first = false;
            out += it.key();
            out += '=';
            appendJavaText(out, it.value(), depth + 1);
        }
        out += '}';
    } else if (value.is_array()) {
        out += '[';
        bool first = true;
        for (const Json &item : value) {
            if (!first)
                out += ", ";
            first = false;
            appendJavaText(out, item, depth + 1);
        }
        out += ']';
    } else {
        out += compactJson(value);
    }
}

// Java's Math.round: halves go up (towards positive infinity).
std::optional<long long> javaRound(const Json &value)
{
    if (value.is_number_integer())
        return value.get<long long>();
    if (!value.is_number_float())
        return std::nullopt;
    const double rounded = std::floor(value.get<double>() + 0.5);
    if (!std::isfinite(rounded) || std::fabs(rounded) > 9.0e18)
        return std::nullopt;
    return static_cast<long long>(rounded);
}

Outcome<Json> format(const IntrinsicAst &call, std::vector<Json> &args)
{
    if (!args[0].is_string())
        return argumentFailure(call, 0, "a string", args[0]);
    std::vector<std::string> runtimePieces;
    const std::vector<std::string> *pieces = &call.args[0].formatPieces;
    if (call.args[0].kind != IntrinsicArg::Kind::Literal) {
        // A template read from the input has no escapes: every "{}" is a placeholder.
        const std::string &text = args[0].get_ref<const std::string &>();
        std::string piece;
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}') {
                runtimePieces.push_back(std::move(piece));
                piece.clear();
                ++i;
            } else {
                piece += text[i];
            }
        }
        runtimePieces.push_back(std::move(piece));
        pieces = &runtimePieces;
    }
    const size_t placeholders = pieces->size() - 1;
    if (placeholders != args.size() - 1) {
        return callFailure(call, "the template has " + std::to_string(placeholders)
                                     + " placeholder(s) but " + std::to_string(args.size() - 1)
                                     + " value(s) were given");
    }
    std::string out = (*pieces)[0];
    for (size_t i = 1; i < args.size(); ++i) {
        appendJavaText(out, args[i]);
        out += (*pieces)[i];
    }
    return Json(std::move(out));
}

Outcome<Json> arrayPartition(const IntrinsicAst &call, std::vector<Json> &args)
{
    if (!args[0].is_array())
        return argumentFailure(call, 0, "an array", args[0]);
    const auto size = asInteger(args[1]);
    if (!size || *size <= 0)
        return argumentFailure(call, 1, "a positive integer", args[1]);
    Json result = Json::array();
    Json chunk = Json::array();
    for (Json &item : args[0]) {
        chunk.push_back(std::move(item));
        if (static_cast<long long>(chunk.size()) == *size) {
            result.push_back(std::move(chunk));
            chunk = Json::array();
        }
    }
    if (!chunk.empty())
        result.push_back(std::move(chunk));
    return result;
}

Outcome<Json> arrayRange(const IntrinsicAst &call, std::vector<Json> &args)
{
    std::optional<long long> values[3];
    for (size_t i = 0; i < 3; ++i) {
        values[i] = asInteger(args[i]);
        if (!values[i])
            return argumentFailure(call, i, "an integer", args[i]);
    }
    const long long start = *values[0];
    const long long end = *values[1];
    const long long step = *values[2];
    if (step == 0)
        return callFailure(call, "the step must not be 0");
    Json result = Json::array();
    if ((step > 0 && start > end) || (step < 0 && start < end))
        return result;
    const long double count = (static_cast<long double>(end) - start) / step + 1;
    if (count > maxRangeItems)
        return callFailure(call, "the result would have more than 1000 items");
    auto &items = result.get_ref<Json::array_t &>();
    items.reserve(static_cast<size_t>(count));
    for (long long v = start; step > 0 ? v <= end : v >= end; v += step)
        items.emplace_back(v);
    return result;
}

Outcome<Json> arrayGetItem(const IntrinsicAst &call, std::vector<Json> &args, const Json *first)
{
    const Json &array = first ? *first : args[0];
    if (!array.is_array())
        return argumentFailure(call, 0, "an array", array);
    const auto index = asInteger(args[1]);
    if (!index)
        return argumentFailure(call, 1, "an integer", args[1]);
    if (*index < 0 || *index >= static_cast<long long>(array.size()))
        return Json(nullptr);
    if (first)
        return array[static_cast<size_t>(*index)];
    return std::move(args[0][static_cast<size_t>(*index)]);
}

Outcome<Json> arrayUnique(const IntrinsicAst &call, std::vector<Json> &args)
{
    if (!args[0].is_array())
        return argumentFailure(call, 0, "an array", args[0]);
    Json result = Json::array();
    for (Json &item : args[0]) {
        bool seen = false;
        for (const Json &kept : result) {
            if (kept == item) {
                seen = true;
                break;
            }
        }
        if (!seen)
            result.push_back(std::move(item));
    }
    return result;
}

Outcome<Json> base64(const IntrinsicAst &call, std::vector<Json> &args, bool encode)
{
    if (!args[0].is_string())
        return argumentFailure(call, 0, "a string", args[0]);
    const std::string &text = args[0].get_ref<const std::string &>();
    if (text.size() > maxStringArgument)
        return callFailure(call, "the string must not be longer than 10000 characters");
    const QByteArray bytes
        = QByteArray::fromRawData(text.data(), static_cast<qsizetype>(text.size()));
    if (encode)
        return Json(bytes.toBase64().toStdString());
    const auto decoded
        = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return callFailure(call, "the string is not valid Base64");
    return Json(decoded.decoded.toStdString());
}

Outcome<Json> hash(const IntrinsicAst &call, std::vector<Json> &args)
{
    if (!args[0].is_string())
        return argumentFailure(call, 0, "a string", args[0]);
    if (!args[1].is_string())
        return argumentFailure(call, 1, "a string", args[1]);
    const std::string &text = args[0].get_ref<const std::string &>();
    if (text.size() > maxStringArgument)
        return callFailure(call, "the string must not be longer than 10000 characters");
    const std::string &name = args[1].get_ref<const std::string &>();
    QCryptographicHash::Algorithm algorithm;
    if (name == "MD5")
        algorithm = QCryptographicHash::Md5;
    else if (name == "SHA-1")
        algorithm = QCryptographicHash::Sha1;
    else if (name == "SHA-256")
        algorithm = QCryptographicHash::Sha256;
    else if (name == "SHA-384")
        algorithm = QCryptographicHash::Sha384;
    else if (name == "SHA-512")
        algorithm = QCryptographicHash::Sha512;
    else
        return callFailure(call, "unsupported hash algorithm '" + name
                                     + "' (use MD5, SHA-1, SHA-256, SHA-384 or SHA-512)");
    const QByteArray digest = QCryptographicHash::hash(
        QByteArrayView(text.data(), static_cast<qsizetype>(text.size())), algorithm);
    return Json(digest.toHex().toStdString());
}

Outcome<Json> jsonMerge(const IntrinsicAst &call, std::vector<Json> &args)
{
    if (!args[0].is_object())
        return argumentFailure(call, 0, "an object", args[0]);
    if (!args[1].is_object())
        return argumentFailure(call, 1, "an object", args[1]);
    if (!args[2].is_boolean())
        return argumentFailure(call, 2, "a boolean", args[2]);
    if (args[2].get<bool>())
        return callFailure(call, "deep merge (true) is not supported, use false");
    Json result = std::move(args[0]);
    for (auto it = args[1].begin(); it != args[1].end(); ++it)
        result[it.key()] = std::move(it.value());
    return result;
}

Outcome<Json> mathRandom(const IntrinsicAst &call, std::vector<Json> &args,
                         const ExpressionContext &ctx)
{
    // Decimal bounds are accepted and rounded, as AWS does (12.5 .. 44.51 runs).
    const auto start = javaRound(args[0]);
    if (!start)
        return argumentFailure(call, 0, "a number", args[0]);
    const auto end = javaRound(args[1]);
    if (!end)
        return argumentFailure(call, 1, "a number", args[1]);
    if (*start >= *end)
        return callFailure(call, "the start must be less than the end");
    std::optional<std::mt19937_64> seeded;
    std::mt19937_64 *engine = ctx.random ? ctx.random : &fallbackRandom();
    if (args.size() == 3) {
        const auto seed = javaRound(args[2]);
        if (!seed)
            return argumentFailure(call, 2, "a number", args[2]);
        seeded.emplace(static_cast<std::uint64_t>(*seed));
        engine = &*seeded;
    }
    // [start, end): the end is exclusive, as AWS documents.
    std::uniform_int_distribution<long long> distribution(*start, *end - 1);
    return Json(distribution(*engine));
}

Outcome<Json> mathAdd(const IntrinsicAst &call, std::vector<Json> &args)
{
    // AWS rounds each operand to an integer first (1.49 + 1.5 = 3, -1.5 + 0 = -1).
    long long operands[2] = {0, 0};
    for (size_t i = 0; i < 2; ++i) {
        const auto value = args[i].is_number() ? javaRound(args[i]) : std::nullopt;
        if (!value)
            return argumentFailure(call, i, "a number", args[i]);
        operands[i] = *value;
    }
    long long sum = 0;
    if (__builtin_add_overflow(operands[0], operands[1], &sum))
        return callFailure(call, "the sum is out of range");
    return Json(sum);
}

Outcome<Json> stringSplit(const IntrinsicAst &call, std::vector<Json> &args)
{
    if (!args[0].is_string())
        return argumentFailure(call, 0, "a string", args[0]);
    if (!args[1].is_string())
        return argumentFailure(call, 1, "a string", args[1]);
    const std::string &text = args[0].get_ref<const std::string &>();
    const std::string &delimiters = args[1].get_ref<const std::string &>();
    Json result = Json::array();
    std::string token;
    // Every character of the second argument separates; empty tokens are dropped.
    for (const char c : text) {
        if (delimiters.find(c) != std::string::npos) {
            if (!token.empty())
                result.push_back(std::move(token));
            token.clear();
        } else {
            token += c;
        }
    }
    if (!token.empty())
        result.push_back(std::move(token));
    return result;
}

Json uuid(const ExpressionContext &ctx)
{
    std::mt19937_64 &engine = ctx.random ? *ctx.random : fallbackRandom();
    std::uint64_t high = engine();
    std::uint64_t low = engine();
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL; // version 4
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;   // RFC 4122 variant
    static const char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (int i = 0; i < 32; ++i) {
        const std::uint64_t word = i < 16 ? high : low;
        const int shift = (15 - (i % 16)) * 4;
        text += digits[(word >> shift) & 0xF];
        if (i == 7 || i == 11 || i == 15 || i == 19)
            text += '-';
    }
    return Json(std::move(text));
}

} // namespace

bool readsFirstArgumentOnly(IntrinsicFunction function)
{
    switch (function) {
    case IntrinsicFunction::JsonToString:
    case IntrinsicFunction::ArrayContains:
    case IntrinsicFunction::ArrayGetItem:
    case IntrinsicFunction::ArrayLength:
        return true;
    default:
        return false;
    }
}

Outcome<Json> callIntrinsic(const IntrinsicAst &call, std::vector<Json> &args,
                            const ExpressionContext &ctx, const Json *first)
{
    static const Json none;
    const Json &arg0 = first ? *first : args.empty() ? none : args.front();
    switch (call.function) {
    case IntrinsicFunction::Format:
        return format(call, args);
    case IntrinsicFunction::StringToJson: {
        if (!args[0].is_string())
            return argumentFailure(call, 0, "a string", args[0]);
        const std::string &text = args[0].get_ref<const std::string &>();
        // AWS turns an empty or blank string into null.
        if (text.find_first_not_of(" \t\r\n") == std::string::npos)
            return Json(nullptr);
        // The project's reader bounds the nesting depth, so hostile text cannot exhaust the
        // stack later (dump, comparison, destruction).
        auto parsed = Model::readJson(text, {false, 512, false});
        if (!parsed)
            return callFailure(call, "the string is not valid JSON: " + parsed.error().message);
        return std::move(parsed->value);
    }
    case IntrinsicFunction::JsonToString:
        return Json(compactJson(arg0));
    case IntrinsicFunction::Array: {
        Json result = Json::array();
        for (Json &arg : args)
            result.push_back(std::move(arg));
        return result;
    }
    case IntrinsicFunction::ArrayPartition:
        return arrayPartition(call, args);
    case IntrinsicFunction::ArrayContains: {
        if (!arg0.is_array())
            return argumentFailure(call, 0, "an array", arg0);
        for (const Json &item : arg0) {
            if (item == args[1])
                return Json(true);
        }
        return Json(false);
    }
    case IntrinsicFunction::ArrayRange:
        return arrayRange(call, args);
    case IntrinsicFunction::ArrayGetItem:
        return arrayGetItem(call, args, first);
    case IntrinsicFunction::ArrayLength:
        if (!arg0.is_array())
            return argumentFailure(call, 0, "an array", arg0);
        return Json(arg0.size());
    case IntrinsicFunction::ArrayUnique:
        return arrayUnique(call, args);
    case IntrinsicFunction::Base64Encode:
        return base64(call, args, true);
    case IntrinsicFunction::Base64Decode:
        return base64(call, args, false);
    case IntrinsicFunction::Hash:
        return hash(call, args);
    case IntrinsicFunction::JsonMerge:
        return jsonMerge(call, args);
    case IntrinsicFunction::MathRandom:
        return mathRandom(call, args, ctx);
    case IntrinsicFunction::MathAdd:
        return mathAdd(call, args);
    case IntrinsicFunction::StringSplit:
        return stringSplit(call, args);
    case IntrinsicFunction::UUID:
        return uuid(ctx);
    }
    return callFailure(call, "unknown function");
}

} // namespace Stepwise::Sim::Detail
