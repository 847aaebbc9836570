#include "simulator/expr/jsonataregex.h"

namespace Stepwise::Sim::Jsonata {

std::shared_ptr<const Regex> compileRegex(const std::string &pattern, const std::string &flags)
{
    auto regex = std::make_shared<Regex>();
    regex->source = pattern;
    regex->flags = flags;
    QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption;
    if (flags.find('i') != std::string::npos)
        options |= QRegularExpression::CaseInsensitiveOption;
    if (flags.find('m') != std::string::npos)
        options |= QRegularExpression::MultilineOption;
    // JavaScript's \d, \w, \s and [^...] work on UTF-16 code units; PCRE2 in UTF mode is close
    // enough for patterns over text. "\/" is an escaped slash in both.
    regex->re = QRegularExpression(QString::fromStdString(pattern), options);
    if (!regex->re.isValid())
        return nullptr;
    regex->re.optimize();
    return regex;
}

std::optional<RegexMatch> regexMatch(const Regex &regex, const QString &subject, int from)
{
    if (from > subject.size())
        return std::nullopt;
    const QRegularExpressionMatch m = regex.re.match(subject, from);
    if (!m.hasMatch())
        return std::nullopt;
    RegexMatch result;
    result.match = m.captured(0).toStdString();
    result.start = static_cast<int>(m.capturedStart(0));
    result.end = static_cast<int>(m.capturedEnd(0));
    for (int i = 1; i <= regex.re.captureCount(); ++i) {
        if (m.capturedStart(i) < 0)
            result.groups.emplace_back(std::nullopt);
        else
            result.groups.emplace_back(m.captured(i).toStdString());
    }
    return result;
}

} // namespace Stepwise::Sim::Jsonata
