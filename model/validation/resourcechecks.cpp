#include "model/validation/resourcechecks.h"

#include "model/validation/diagnosticcodes.h"
#include "model/validation/validationcontext.h"

#include <array>
#include <cctype>
#include <string_view>
#include <vector>

namespace Stepwise::Model {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator, size_t maxParts)
{
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < maxParts) {
        size_t at = text.find(separator);
        if (at == std::string_view::npos)
            break;
        parts.push_back(text.substr(0, at));
        text.remove_prefix(at + 1);
    }
    parts.push_back(text);
    return parts;
}

struct Integration
{
    std::string_view service;
    std::string_view actions; // space-separated; the optimized integrations AWS lists
};

// Services whose optimized integrations are a closed list; anything else of theirs goes
// through arn:aws:states:::aws-sdk:service:action.
constexpr std::array integrations = {
    Integration{"dynamodb", "getItem putItem updateItem deleteItem"},
    Integration{"lambda", "invoke"},
    Integration{"sns", "publish"},
    Integration{"sqs", "sendMessage"},
    Integration{"events", "putEvents"},
    Integration{"states", "startExecution"},
    Integration{"glue", "startJobRun"},
    Integration{"ecs", "runTask"},
    Integration{"batch", "submitJob"},
    Integration{"codebuild", "startBuild stopBuild batchDeleteBuilds batchGetReports "
                             "startBuildBatch stopBuildBatch retryBuildBatch retryBuild "
                             "deleteBuildBatch"},
    Integration{"athena", "startQueryExecution stopQueryExecution getQueryExecution "
                          "getQueryResults startQueryExecution"},
    Integration{"apigateway", "invoke"},
    Integration{"http", "invoke"},
    Integration{"bedrock", "invokeModel createModelCustomizationJob"},
};

bool hasWord(std::string_view words, std::string_view word)
{
    for (std::string_view candidate : split(words, ' ', 64)) {
        if (candidate == word)
            return true;
    }
    return false;
}

} // namespace

void checkResource(ValidationContext &context, const Json &value, const std::string &pointer)
{
    if (!value.is_string()) {
        context.error(DiagnosticCode::FieldType, pointer, "Resource must be an ARN (a string)");
        return;
    }
    if (context.isPlaceholder(value))
        return;
    const std::string &arn = value.get_ref<const std::string &>();
    std::vector<std::string_view> parts = split(arn, ':', 7);
    if (parts.size() < 6 || parts[0] != "arn" || parts[1].empty() || parts[2].empty()) {
        context.error(DiagnosticCode::ResourceInvalid, pointer,
                      "'" + arn + "' is not a valid resource ARN");
        return;
    }
    const std::string_view service = parts[2];
    const bool express = context.options().type == StateMachineType::Express;
    if (service == "states" && parts[3].empty() && parts[4].empty()) {
        // arn:aws:states:::service:action[.sync|.sync:2|.waitForTaskToken]
        std::string_view target = parts[5];
        std::string_view action = parts.size() > 6 ? parts[6] : std::string_view();
        std::string_view suffix;
        if (size_t dot = action.find('.'); dot != std::string_view::npos) {
            suffix = action.substr(dot);
            action = action.substr(0, dot);
        }
        if (express && suffix.substr(0, 5) == ".sync") {
            context.error(DiagnosticCode::ResourceUnsupported, pointer,
                          "Express state machine does not support '.sync' service integration");
        } else if (express && suffix == ".waitForTaskToken") {
            context.error(DiagnosticCode::ResourceUnsupported, pointer,
                          "Express state machine does not support '.waitForTaskToken' service "
                          "integration");
        }
        if (target == "aws-sdk")
            return;
        for (const Integration &integration : integrations) {
            if (integration.service == target && !action.empty()
                && !hasWord(integration.actions, action)) {
                context.error(DiagnosticCode::ResourceUnsupported, pointer,
                              "The resource provided " + arn
                                  + " is not recognized: use arn:aws:states:::aws-sdk:"
                                  + std::string(target) + ":" + std::string(action)
                                  + " for other actions");
            }
        }
        return;
    }
    if (service == "lambda" && parts[5] == "function") {
        // arn:aws:lambda:region:account:function:NAME[:VERSION|ALIAS]
        std::string_view rest = parts.size() > 6 ? parts[6] : std::string_view();
        std::vector<std::string_view> pieces = split(rest, ':', 3);
        auto validPiece = [](std::string_view piece, bool qualifier) {
            if (piece.empty())
                return false;
            for (char c : piece) {
                bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'
                          || (qualifier && c == '$');
                if (!ok)
                    return false;
            }
            return true;
        };
        bool valid = pieces.size() <= 2 && validPiece(pieces[0], false)
                     && (pieces.size() == 1 || validPiece(pieces[1], true));
        if (!valid) {
            context.error(DiagnosticCode::ResourceInvalid, pointer,
                          "'" + arn
                              + "' is not a valid Lambda function ARN (function name, then "
                                "an optional version or alias)");
        }
        return;
    }
    if (service == "states" && parts[5] == "activity" && express) {
        context.error(DiagnosticCode::ResourceUnsupported, pointer,
                      "Express state machine does not support Activity ARN");
    }
}

} // namespace Stepwise::Model
