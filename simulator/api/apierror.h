#pragma once

#include "model/json/json.h"

#include <string>
#include <variant>

namespace Stepwise::Api {

// An error as AWS's JSON 1.0 protocol returns it: {"__type": type, "message": message} with
// an HTTP status (400 for every client error, as AWS).
struct ApiError
{
    std::string type;
    std::string message;
    int httpStatus = 400;
};

// What an operation answers: its output members, or an error.
using ApiReply = std::variant<Model::Json, ApiError>;

inline bool isError(const ApiReply &reply)
{
    return std::holds_alternative<ApiError>(reply);
}

inline ApiError validationError(std::string message)
{
    return {"ValidationException", std::move(message)};
}

} // namespace Stepwise::Api
