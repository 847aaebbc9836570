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

// A whole List* answer: {key: [describe(item) for the page], "nextToken"?}.
template<typename Items, typename Describe>
ApiReply pagedList(RequestReader &reader, const Items &all, const char *key, Describe describe)
{
    auto page = readPage(reader, all.size());
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const Page &p = std::get<Page>(page);
    Model::Json items = Model::Json::array();
    for (std::size_t i = p.begin; i < p.end; ++i)
        items.push_back(describe(*all[i]));
    Model::Json out = {{key, items}};
    if (p.nextToken)
        out["nextToken"] = *p.nextToken;
    return out;
}

} // namespace Stepwise::Api
