#pragma once

#include "simulator/api/apierror.h"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>

namespace Stepwise::Api {

class RequestReader;

// One page of a list: [begin, end) of `total` items, and the token for the next one.
struct Page
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::optional<std::string> nextToken;
};

// Reads maxResults (0 or absent: `defaultSize`; at most 1000) and nextToken (InvalidToken when
// it is not one this server gave).
std::variant<Page, ApiError> readPage(RequestReader &reader, std::size_t total,
                                      std::size_t defaultSize = 100, std::int64_t maxSize = 1000);

} // namespace Stepwise::Api
