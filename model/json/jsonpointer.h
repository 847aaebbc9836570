#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace Stepwise::Model {

// RFC 6901 helpers: "/States/A~1B" <-> {"States", "A/B"}.
std::string escapePointerToken(std::string_view token);
std::string appendPointer(std::string_view pointer, std::string_view token);
std::string appendPointer(std::string_view pointer, size_t index);
std::vector<std::string> splitPointer(std::string_view pointer);
// "/a/b" -> "/a"; "" stays "".
std::string parentPointer(std::string_view pointer);

} // namespace Stepwise::Model
