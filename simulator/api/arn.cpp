#include "simulator/api/arn.h"

#include <vector>

namespace Stepwise::Api {

namespace {

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::string::size_type start = 0;
    while (true) {
        auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

} // namespace

std::optional<Arn> Arn::parse(const std::string &text)
{
    const std::vector<std::string> parts = split(text, ':');
    if (parts.size() < 7 || parts[0] != "arn" || parts[2] != "states")
        return std::nullopt;
    Arn arn;
    arn.partition = parts[1];
    arn.region = parts[3];
    arn.account = parts[4];
    arn.resourceType = parts[5];
    arn.name = parts[6];
    for (std::size_t i = 7; i < parts.size(); ++i)
        arn.qualifier += (i > 7 ? ":" : "") + parts[i];
    if (arn.partition.empty() || arn.region.empty() || arn.account.empty() || arn.name.empty())
        return std::nullopt;
    return arn;
}

std::string Arn::toString() const
{
    std::string text = "arn:" + partition + ":states:" + region + ":" + account + ":" + resourceType
                       + ":" + name;
    if (!qualifier.empty())
        text += ":" + qualifier;
    return text;
}

std::string Arn::unqualified() const
{
    Arn base = *this;
    base.qualifier.clear();
    return base.toString();
}

bool isValidName(const std::string &name)
{
    if (name.empty() || name.size() > 80)
        return false;
    static const std::string forbidden = " \t\n\r<>{}[]?*\"#%\\^|~`$&,;:/";
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f || forbidden.find(char(c)) != std::string::npos)
            return false;
    }
    return true;
}

} // namespace Stepwise::Api
