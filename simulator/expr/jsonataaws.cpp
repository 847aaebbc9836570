// The functions Step Functions adds to JSONata: $partition, $range, $hash, $random([seed]),
// $uuid, $parse.
#include "simulator/expr/jsonatafunctions.h"

#include "model/json/jsonreader.h"

#include <QCryptographicHash>

#include <cmath>
#include <random>

namespace Stepwise::Sim::Jsonata::Builtins {

namespace {

const Value &arg(const std::vector<Value> &args, size_t i)
{
    static const Value undefined;
    return i < args.size() ? args[i] : undefined;
}

bool invalid(Evaluator &ev, const std::string &message)
{
    Error e{"D3137"};
    e.detail = message;
    return ev.fail(e);
}

bool isInteger(const Value &v)
{
    return v.isNumber() && std::isfinite(v.number()) && v.number() == std::floor(v.number());
}

bool fnPartition(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &arr = arg(args, 0);
    const Value &size = arg(args, 1);
    if (arr.isUndefined()) {
        out = Value();
        return true;
    }
    if (!isInteger(size) || size.number() <= 0)
        return invalid(ev, "The chunk size argument of $partition must be a positive integer");
    const size_t chunk = static_cast<size_t>(std::min(size.number(), 1e9));
    std::vector<Value> result;
    const size_t n = arr.size();
    for (size_t i = 0; i < n; i += chunk) {
        std::vector<Value> part;
        for (size_t j = i; j < std::min(n, i + chunk); ++j)
            part.push_back(arr.at(j));
        result.push_back(arrayFrom(std::move(part)));
    }
    out = arrayFrom(std::move(result));
    return true;
}

bool fnRange(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &start = arg(args, 0);
    const Value &end = arg(args, 1);
    const Value &stepV = arg(args, 2);
    if (!isInteger(start) || !isInteger(end) || (stepV.isDefined() && !isInteger(stepV)))
        return invalid(ev, "The arguments of $range must be integers");
    const double step = stepV.isDefined() ? stepV.number() : 1;
    if (step == 0)
        return invalid(ev, "The step argument of $range must not be zero");
    const double count = std::floor((end.number() - start.number()) / step) + 1;
    if (count > 1000)
        return invalid(ev, "The result of $range must not have more than 1000 items");
    std::vector<Value> result;
    for (double v = start.number(); step > 0 ? v <= end.number() : v >= end.number(); v += step)
        result.emplace_back(v);
    // A sequence, as Step Functions returns it: one number comes back as that number
    // ($range(1, 9, 9) is 1, recorded on AWS).
    auto sequence = makeSequence();
    sequence->items = std::move(result);
    out = Value(std::move(sequence));
    return true;
}

bool fnHash(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &data = arg(args, 0);
    const Value &algorithmV = arg(args, 1);
    if (data.isUndefined()) {
        out = Value();
        return true;
    }
    const std::string algorithm = algorithmV.isString() ? algorithmV.string() : "";
    QCryptographicHash::Algorithm a;
    if (algorithm == "MD5")
        a = QCryptographicHash::Md5;
    else if (algorithm == "SHA-1")
        a = QCryptographicHash::Sha1;
    else if (algorithm == "SHA-256")
        a = QCryptographicHash::Sha256;
    else if (algorithm == "SHA-384")
        a = QCryptographicHash::Sha384;
    else if (algorithm == "SHA-512")
        a = QCryptographicHash::Sha512;
    else
        return invalid(ev, "The algorithm argument of $hash must be one of MD5, SHA-1, SHA-256, "
                           "SHA-384, SHA-512");
    const QByteArray digest
        = QCryptographicHash::hash(QByteArray::fromStdString(data.string()), a).toHex();
    out = Value(digest.toStdString());
    return true;
}

bool fnRandom(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &seed = arg(args, 0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    if (seed.isNumber()) {
        std::mt19937_64 seeded(
            static_cast<std::uint64_t>(static_cast<std::int64_t>(seed.number())));
        out = Value(unit(seeded));
    } else {
        out = Value(unit(ev.random()));
    }
    return true;
}

bool fnUuid(Evaluator &ev, std::vector<Value> &, const Value &, Value &out)
{
    auto &rng = ev.random();
    const std::uint64_t hi = rng(), lo = rng();
    unsigned char b[16];
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<unsigned char>(hi >> (8 * i));
        b[8 + i] = static_cast<unsigned char>(lo >> (8 * i));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
    static const char *hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s += '-';
        s += hex[b[i] >> 4];
        s += hex[b[i] & 15];
    }
    out = Value(std::move(s));
    return true;
}

// Parsed JSON becomes built values (the text dies with the call).
Value fromParsed(const Json &json)
{
    if (json.is_array()) {
        std::vector<Value> items;
        for (const auto &item : json)
            items.push_back(fromParsed(item));
        return arrayFrom(std::move(items));
    }
    if (json.is_object()) {
        auto o = makeObject();
        for (auto it = json.begin(); it != json.end(); ++it)
            o->set(it.key(), fromParsed(it.value()));
        return Value(o);
    }
    return Value::fromJson(json);
}

bool fnParse(Evaluator &ev, std::vector<Value> &args, const Value &, Value &out)
{
    const Value &text = arg(args, 0);
    if (text.isUndefined()) {
        out = Value();
        return true;
    }
    auto parsed = Model::readJson(text.string(), {false, 128, false});
    if (!parsed.ok())
        return invalid(ev, "The argument of $parse is not valid JSON: " + parsed.error().message);
    out = fromParsed(parsed->value);
    return true;
}

} // namespace

void addAwsFunctions(std::vector<Builtin> &table)
{
    table.push_back({"partition", "<an:a>", fnPartition, 2, nullptr, nullptr});
    table.push_back({"range", "<nnn?:a>", fnRange, 3, nullptr, nullptr});
    table.push_back({"hash", "<s-s:s>", fnHash, 2, nullptr, nullptr});
    table.push_back({"random", "<n?:n>", fnRandom, 1, nullptr, nullptr});
    table.push_back({"uuid", "<:s>", fnUuid, 0, nullptr, nullptr});
    table.push_back({"parse", "<s-:x>", fnParse, 1, nullptr, nullptr});
}

} // namespace Stepwise::Sim::Jsonata::Builtins
