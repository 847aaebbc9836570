#pragma once

#include <QRegularExpression>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Stepwise::Sim::Jsonata {

// A regular expression literal (/pattern/flags), compiled once with the parse. Positions are
// UTF-16 offsets, as JavaScript counts them.
struct Regex
{
    QRegularExpression re;
    std::string source;
    std::string flags;
};

struct RegexMatch
{
    std::string match;
    int start = 0; // UTF-16 offsets in the subject
    int end = 0;
    std::vector<std::optional<std::string>> groups; // nullopt: the group did not take part
};

// Null when the pattern is not a valid regular expression.
std::shared_ptr<const Regex> compileRegex(const std::string &pattern, const std::string &flags);

// The first match at or after UTF-16 offset `from`.
std::optional<RegexMatch> regexMatch(const Regex &regex, const QString &subject, int from);

} // namespace Stepwise::Sim::Jsonata
