// String functions: $string, $substring..., $pad, $join, $split (strings), base64, URLs.
#include "simulator/expr/jsonatafunctions.h"

#include <QByteArray>
#include <QUrl>

#include <cmath>
#include <cstring>

namespace Stepwise::Sim::Jsonata::Builtins {

namespace {

const Value &arg(const std::vector<Value> &args, size_t i)
{
    static const Value undefined;
    return i < args.size() ? args[i] : undefined;
}

std::string joinPoints(const std::vector<std::string> &points, long long from, long long to)
{
    const long long n = static_cast<long long>(points.size());
    if (from < 0)
        from = std::max(0LL, n + from);
    if (to < 0)
        to = std::max(0LL, n + to);
    from = std::min(from, n);
    to = std::min(to, n);
    std::string out;
    for (long long i = from; i < to; ++i)
        out += points[static_cast<size_t>(i)];
    return out;
}

bool fnString(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &v = arg(args, 0);
    if (v.isUndefined()) {
        out = Value();
        return true;
    }
    const bool pretty = arg(args, 1).isBool() && arg(args, 1).boolean();
    std::string s;
    if (!toStringValue(ev, v, pretty, s))
        return false;
    out = Value(std::move(s));
    return true;
}

bool fnSubstring(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const auto points = codePoints(str.string());
    const long long len = static_cast<long long>(points.size());
    double startD = arg(args, 1).number();
    long long start = std::isfinite(startD) ? static_cast<long long>(std::trunc(startD)) : 0;
    if (len + start < 0)
        start = 0;
    if (arg(args, 2).isNumber()) {
        const double length = arg(args, 2).number();
        if (length <= 0) {
            out = Value(std::string());
            return true;
        }
        const long long l = static_cast<long long>(std::min(length, 1e15));
        const long long end = start >= 0 ? start + l : len + start + l;
        out = Value(joinPoints(points, start, end));
        return true;
    }
    out = Value(joinPoints(points, start, len));
    return true;
}

bool fnSubstringBefore(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const size_t pos = str.string().find(arg(args, 1).string());
    out = Value(pos == std::string::npos ? str.string() : str.string().substr(0, pos));
    return true;
}

bool fnSubstringAfter(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const std::string &chars = arg(args, 1).string();
    const size_t pos = str.string().find(chars);
    out = Value(pos == std::string::npos ? str.string() : str.string().substr(pos + chars.size()));
    return true;
}

bool fnLowercase(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    out = str.isUndefined() ? Value() : Value(ss(qs(str.string()).toLower()));
    return true;
}

bool fnUppercase(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    out = str.isUndefined() ? Value() : Value(ss(qs(str.string()).toUpper()));
    return true;
}

bool fnLength(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    out = str.isUndefined() ? Value() : Value(static_cast<double>(codePoints(str.string()).size()));
    return true;
}

bool fnTrim(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    std::string result;
    bool inSpace = false;
    for (char c : str.string()) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!inSpace)
                result += ' ';
            inSpace = true;
        } else {
            result += c;
            inSpace = false;
        }
    }
    if (!result.empty() && result.front() == ' ')
        result.erase(0, 1);
    if (!result.empty() && result.back() == ' ')
        result.pop_back();
    out = Value(std::move(result));
    return true;
}

bool fnPad(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    std::string ch = arg(args, 2).isString() ? arg(args, 2).string() : std::string();
    if (ch.empty())
        ch = " ";
    const double width = arg(args, 1).number();
    const long long padLength = static_cast<long long>(std::fabs(width))
                                - static_cast<long long>(codePoints(str.string()).size());
    if (padLength <= 0 || !std::isfinite(width)) {
        out = str;
        return true;
    }
    std::string padding;
    const auto chPoints = codePoints(ch);
    for (long long i = 0; i < padLength; ++i)
        padding += chPoints[static_cast<size_t>(i) % chPoints.size()];
    out = Value(width > 0 ? str.string() + padding : padding + str.string());
    return true;
}

bool fnJoin(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &strs = arg(args, 0);
    if (strs.isUndefined()) {
        out = Value();
        return true;
    }
    const std::string sep = arg(args, 1).isString() ? arg(args, 1).string() : std::string();
    std::string result;
    const size_t n = strs.size();
    for (size_t i = 0; i < n; ++i) {
        if (i)
            result += sep;
        result += strs.at(i).string();
    }
    out = Value(std::move(result));
    return true;
}

bool fnBase64Encode(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    // btoa over a 'binary' (Latin-1) string: each code unit below 256 is one byte.
    const QString q = qs(str.string());
    QByteArray bytes;
    for (QChar c : q)
        bytes.append(static_cast<char>(c.unicode() & 0xFF));
    out = Value(bytes.toBase64().toStdString());
    return true;
}

bool fnBase64Decode(Evaluator &, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    const QByteArray bytes = QByteArray::fromBase64(QByteArray::fromStdString(str.string()));
    QString q;
    for (char b : bytes)
        q.append(QChar(static_cast<unsigned char>(b)));
    out = Value(ss(q));
    return true;
}

bool urlFail(Evaluator &ev, const Value &str, const char *name)
{
    Error e{"D3140"};
    e.value = stringify(str);
    e.detail = name;
    return ev.fail(e);
}

bool validUtf16(const QString &q)
{
    for (qsizetype i = 0; i < q.size(); ++i) {
        const QChar c = q[i];
        if (c.isHighSurrogate()) {
            if (i + 1 >= q.size() || !q[i + 1].isLowSurrogate())
                return false;
            ++i;
        } else if (c.isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

std::string percentEncode(const std::string &s, const char *keep)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || (c < 0x80 && std::strchr(keep, c) && c != 0)) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool percentDecode(const std::string &s, const char *reserved, std::string &out)
{
    out.clear();
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1]))
            || !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
            return false;
        const int v = std::stoi(s.substr(i + 1, 2), nullptr, 16);
        if (v < 0x80 && std::strchr(reserved, v) && v != 0)
            out += s.substr(i, 3);
        else
            out += static_cast<char>(v);
        i += 2;
    }
    return QString::fromUtf8(out.data(), static_cast<qsizetype>(out.size())).toStdString() == out;
}

bool fnEncodeUrlComponent(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    if (!validUtf16(qs(str.string())))
        return urlFail(ev, str, "encodeUrlComponent");
    out = Value(percentEncode(str.string(), "-_.!~*'()"));
    return true;
}

bool fnEncodeUrl(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    if (!validUtf16(qs(str.string())))
        return urlFail(ev, str, "encodeUrl");
    out = Value(percentEncode(str.string(), "-_.!~*'();/?:@&=+$,#"));
    return true;
}

bool fnDecodeUrlComponent(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    std::string decoded;
    if (!percentDecode(str.string(), "", decoded))
        return urlFail(ev, str, "decodeUrlComponent");
    out = Value(std::move(decoded));
    return true;
}

bool fnDecodeUrl(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &str = arg(args, 0);
    if (str.isUndefined()) {
        out = Value();
        return true;
    }
    std::string decoded;
    if (!percentDecode(str.string(), ";/?:@&=+$,#", decoded))
        return urlFail(ev, str, "decodeUrl");
    out = Value(std::move(decoded));
    return true;
}

} // namespace

void addStringFunctions(std::vector<Builtin> &table)
{
    // jsonata-js counts one parameter for $string (its second has a default), so $map passes
    // it the value alone.
    table.push_back({"string", "<x-b?:s>", fnString, 1, nullptr, nullptr});
    table.push_back({"substring", "<s-nn?:s>", fnSubstring, 3, nullptr, nullptr});
    table.push_back({"substringBefore", "<s-s:s>", fnSubstringBefore, 2, nullptr, nullptr});
    table.push_back({"substringAfter", "<s-s:s>", fnSubstringAfter, 2, nullptr, nullptr});
    table.push_back({"lowercase", "<s-:s>", fnLowercase, 1, nullptr, nullptr});
    table.push_back({"uppercase", "<s-:s>", fnUppercase, 1, nullptr, nullptr});
    table.push_back({"length", "<s-:n>", fnLength, 1, nullptr, nullptr});
    table.push_back({"trim", "<s-:s>", fnTrim, 1, nullptr, nullptr});
    table.push_back({"pad", "<s-ns?:s>", fnPad, 3, nullptr, nullptr});
    table.push_back({"join", "<a<s>s?:s>", fnJoin, 2, nullptr, nullptr});
    table.push_back({"base64encode", "<s-:s>", fnBase64Encode, 1, nullptr, nullptr});
    table.push_back({"base64decode", "<s-:s>", fnBase64Decode, 1, nullptr, nullptr});
    table.push_back({"encodeUrlComponent", "<s-:s>", fnEncodeUrlComponent, 1, nullptr, nullptr});
    table.push_back({"encodeUrl", "<s-:s>", fnEncodeUrl, 1, nullptr, nullptr});
    table.push_back({"decodeUrlComponent", "<s-:s>", fnDecodeUrlComponent, 1, nullptr, nullptr});
    table.push_back({"decodeUrl", "<s-:s>", fnDecodeUrl, 1, nullptr, nullptr});
}

} // namespace Stepwise::Sim::Jsonata::Builtins
