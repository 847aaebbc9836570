#pragma once

#include "simulator/expr/jsonataevaluator.h"

#include <QString>

#include <string>
#include <vector>

// The built-in functions, one file per family; each adds its entries to the registry
// (jsonatabuiltins.cpp), which parses their signatures once.
namespace Stepwise::Sim::Jsonata::Builtins {

void addStringFunctions(std::vector<Builtin> &table);
void addRegexFunctions(std::vector<Builtin> &table);
void addNumericFunctions(std::vector<Builtin> &table);
void addArrayFunctions(std::vector<Builtin> &table);
void addObjectFunctions(std::vector<Builtin> &table);
void addHigherOrderFunctions(std::vector<Builtin> &table);
void addDateTimeFunctions(std::vector<Builtin> &table);
void addAwsFunctions(std::vector<Builtin> &table);
void addFormatNumber(std::vector<Builtin> &table);
void addIntegerPictures(std::vector<Builtin> &table);

// Shared helpers.
inline QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}
inline std::string ss(const QString &s)
{
    return s.toStdString();
}
// Code points of a UTF-8 string (JavaScript's Array.from(str)).
std::vector<std::string> codePoints(const std::string &s);
// The items of an array value, or the value itself as one item.
std::vector<Value> itemsOf(const Value &v);
Value sequenceFrom(std::vector<Value> items);
Value arrayFrom(std::vector<Value> items);
// Arguments for a function passed to a higher-order built-in: as many as it takes.
std::vector<Value> hofArgs(const Value &fn, const Value &a1, const Value &a2, const Value &a3);
// $formatInteger / $parseInteger (jsonatadatetime.cpp uses them for pictures too).
bool formatInteger(Evaluator &ev, double value, const std::string &picture, std::string &out);
// $string's rendering with D3001 on NaN or infinity.
bool toStringValue(Evaluator &ev, const Value &v, bool pretty, std::string &out);

} // namespace Stepwise::Sim::Jsonata::Builtins
