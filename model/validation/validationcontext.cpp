#include "model/validation/validationcontext.h"

#include "model/json/jsonpointer.h"
#include "model/json/jsonreader.h"

#include <algorithm>

namespace Stepwise::Model {

void ValidationContext::error(std::string_view code, const std::string &pointer,
                              std::string message, bool atKey)
{
    add(code, Severity::Error, pointer, std::move(message), atKey);
}

void ValidationContext::errorInString(std::string_view code, const std::string &pointer,
                                      std::string message, int characterInValue)
{
    add(code, Severity::Error, pointer, std::move(message), false);
    m_diagnostics.back().characterInValue = characterInValue;
}

void ValidationContext::warning(std::string_view code, const std::string &pointer,
                                std::string message)
{
    add(code, Severity::Warning, pointer, std::move(message), false);
}

namespace {

// The innermost state a pointer lies in: the token after the last "States" step.
std::string innermostState(const std::string &pointer)
{
    std::vector<std::string> tokens = splitPointer(pointer);
    for (size_t i = tokens.size(); i >= 2; --i) {
        if (tokens[i - 2] == "States")
            return tokens[i - 1];
    }
    return {};
}

} // namespace

void ValidationContext::add(std::string_view code, Severity severity, const std::string &pointer,
                            std::string message, bool atKey)
{
    // Every message names the state it is about, so it reads well in a list or a log.
    std::string state = innermostState(pointer);
    if (!state.empty() && message.find(quoteName(state)) == std::string::npos)
        message = "State " + quoteName(state) + ": " + message;
    Diagnostic diagnostic;
    diagnostic.code = std::string(code);
    diagnostic.severity = severity;
    diagnostic.message = std::move(message);
    if (m_options.sourceMap) {
        diagnostic.location = atKey ? m_options.sourceMap->locateKey(pointer)
                                    : m_options.sourceMap->locate(pointer);
    }
    diagnostic.location.pointer = pointer;
    m_diagnostics.push_back(std::move(diagnostic));
}

bool ValidationContext::isPlaceholder(const Json &value) const
{
    if (!m_options.allowPlaceholders)
        return false;
    // CloudFormation embeds definitions with intrinsic functions ({"Fn::Sub": ...},
    // {"Ref": ...}) that become strings before AWS sees the definition.
    if (value.is_object() && value.size() == 1) {
        const std::string &key = value.begin().key();
        return key == "Ref" || key.rfind("Fn::", 0) == 0;
    }
    if (!value.is_string())
        return false;
    const std::string &text = value.get_ref<const std::string &>();
    size_t open = text.find("${");
    if (open == std::string::npos)
        return false;
    size_t close = text.find('}', open + 2);
    if (close == std::string::npos || close == open + 2)
        return false;
    // SAM/CDK names: letters, digits and a few separators (CloudFormation Fn::Sub syntax).
    for (size_t i = open + 2; i < close; ++i) {
        char c = text[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                  || c == '_' || c == '.' || c == ':' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

std::vector<Diagnostic> ValidationContext::take()
{
    // Document order when positions are known; otherwise the order of discovery, which
    // already follows the document.
    if (m_options.sourceMap) {
        std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(),
                         [](const Diagnostic &a, const Diagnostic &b) {
                             return a.location.offset < b.location.offset;
                         });
    }
    return std::move(m_diagnostics);
}

std::string quoteName(std::string_view text)
{
    std::string out = "'";
    out += text;
    out += "'";
    return out;
}

} // namespace Stepwise::Model
