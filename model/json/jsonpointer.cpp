#include "model/json/jsonpointer.h"

namespace Stepwise::Model {

std::string escapePointerToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string appendPointer(std::string_view pointer, std::string_view token)
{
    std::string out(pointer);
    out += '/';
    out += escapePointerToken(token);
    return out;
}

std::string appendPointer(std::string_view pointer, size_t index)
{
    std::string out(pointer);
    out += '/';
    out += std::to_string(index);
    return out;
}

std::vector<std::string> splitPointer(std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (pointer.empty())
        return tokens;
    size_t pos = 1;
    while (pos <= pointer.size()) {
        size_t next = pointer.find('/', pos);
        if (next == std::string_view::npos)
            next = pointer.size();
        std::string token;
        for (size_t i = pos; i < next; ++i) {
            if (pointer[i] == '~' && i + 1 < next) {
                token += pointer[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                token += pointer[i];
            }
        }
        tokens.push_back(std::move(token));
        pos = next + 1;
    }
    return tokens;
}

std::string parentPointer(std::string_view pointer)
{
    size_t slash = pointer.rfind('/');
    if (slash == std::string_view::npos)
        return {};
    return std::string(pointer.substr(0, slash));
}

} // namespace Stepwise::Model
