#include "model/io/deploysubstitutions.h"

#include "model/json/jsonpointer.h"
#include "model/validation/diagnosticcodes.h"

#include <optional>

namespace Stepwise::Model {

namespace {

bool isNameCharacter(char c)
{
    // SAM/CDK names and CloudFormation's Fn::Sub references (Resource.Attribute, AWS::Region).
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
           || c == '.' || c == ':' || c == '-';
}

class Substituter
{
  public:
    Substituter(const std::map<std::string, Json> &values, const SourceMap *sourceMap)
        : m_values(values)
        , m_sourceMap(sourceMap)
    {}

    void walk(Json &value, const std::string &pointer)
    {
        if (value.is_object()) {
            if (value.size() == 1 && isFunction(value.begin().key())) {
                if (auto resolved = resolveFunction(value, pointer)) {
                    value = std::move(*resolved);
                    ++m_result.substituted;
                }
                return;
            }
            for (auto it = value.begin(); it != value.end(); ++it)
                walk(it.value(), pointer + "/" + escapePointerToken(it.key()));
        } else if (value.is_array()) {
            for (size_t i = 0; i < value.size(); ++i)
                walk(value[i], pointer + "/" + std::to_string(i));
        } else if (value.is_string()) {
            std::vector<std::string> missing;
            std::optional<Json> replaced
                = substituteText(value.get_ref<const std::string &>(), {}, false, missing);
            for (const std::string &name : missing)
                unresolved(pointer, "'${" + name + "}'", name);
            if (missing.empty() && replaced) {
                value = std::move(*replaced);
                ++m_result.substituted;
            }
        }
    }

    DeploySubstitutionResult take() { return std::move(m_result); }

  private:
    static bool isFunction(const std::string &key)
    {
        return key == "Ref" || key.rfind("Fn::", 0) == 0;
    }

    std::optional<Json> lookup(const std::string &name,
                               const std::map<std::string, Json> &local) const
    {
        if (auto it = local.find(name); it != local.end())
            return it->second;
        if (auto it = m_values.find(name); it != m_values.end())
            return it->second;
        // The pseudo parameters, as the simulator's own ARNs spell them.
        if (name == "AWS::Region")
            return Json("us-east-1");
        if (name == "AWS::AccountId")
            return Json("123456789012");
        if (name == "AWS::Partition")
            return Json("aws");
        if (name == "AWS::URLSuffix")
            return Json("amazonaws.com");
        return std::nullopt;
    }

    // The text with each ${Name} replaced; nullopt when it holds none. `literalBang` reads
    // Fn::Sub's "${!Name}" as the literal "${Name}". Names without a value go to `missing`.
    std::optional<Json> substituteText(const std::string &text,
                                       const std::map<std::string, Json> &local, bool literalBang,
                                       std::vector<std::string> &missing) const
    {
        std::string out;
        bool found = false;
        size_t at = 0;
        while (at < text.size()) {
            const size_t open = text.find("${", at);
            if (open == std::string::npos)
                break;
            size_t close = open + 2;
            const bool bang = literalBang && close < text.size() && text[close] == '!';
            if (bang)
                ++close;
            const size_t nameStart = close;
            while (close < text.size() && isNameCharacter(text[close]))
                ++close;
            if (close >= text.size() || text[close] != '}' || close == nameStart) {
                out.append(text, at, open + 2 - at);
                at = open + 2;
                continue;
            }
            found = true;
            out.append(text, at, open - at);
            const std::string name = text.substr(nameStart, close - nameStart);
            at = close + 1;
            if (bang) {
                out += "${" + name + "}";
                continue;
            }
            std::optional<Json> value = lookup(name, local);
            if (!value) {
                missing.push_back(name);
                continue;
            }
            // "${Seconds}" alone takes the value's own type.
            if (open == 0 && at == text.size() && !literalBang)
                return value;
            out += value->is_string() ? value->get<std::string>() : value->dump();
        }
        if (!found)
            return std::nullopt;
        out.append(text, at, std::string::npos);
        return Json(std::move(out));
    }

    std::optional<Json> resolveFunction(Json &call, const std::string &pointer)
    {
        const std::string function = call.begin().key();
        Json &argument = call.begin().value();
        const std::string at = pointer + "/" + escapePointerToken(function);
        if (function == "Ref" && argument.is_string()) {
            const std::string name = argument.get<std::string>();
            if (auto value = lookup(name, {}))
                return value;
            unresolved(pointer, "{\"Ref\": \"" + name + "\"}", name);
            return std::nullopt;
        }
        if (function == "Fn::GetAtt") {
            std::string name;
            if (argument.is_string())
                name = argument.get<std::string>();
            else if (argument.is_array() && argument.size() == 2 && argument[0].is_string()
                     && argument[1].is_string())
                name = argument[0].get<std::string>() + "." + argument[1].get<std::string>();
            if (!name.empty()) {
                if (auto value = lookup(name, {}))
                    return value;
                unresolved(pointer, "{\"Fn::GetAtt\": \"" + name + "\"}", name);
                return std::nullopt;
            }
        }
        if (function == "Fn::Sub") {
            std::map<std::string, Json> local;
            const Json *text = &argument;
            if (argument.is_array() && argument.size() == 2 && argument[1].is_object()) {
                text = &argument[0];
                Json &variables = argument[1];
                const size_t before = m_result.unresolved.size();
                for (auto it = variables.begin(); it != variables.end(); ++it)
                    walk(it.value(), at + "/1/" + escapePointerToken(it.key()));
                if (m_result.unresolved.size() != before)
                    return std::nullopt;
                for (auto it = variables.begin(); it != variables.end(); ++it)
                    local[it.key()] = it.value();
            }
            if (text->is_string()) {
                std::vector<std::string> missing;
                std::optional<Json> replaced
                    = substituteText(text->get<std::string>(), local, true, missing);
                for (const std::string &name : missing)
                    unresolved(pointer, "'${" + name + "}' in Fn::Sub", name);
                if (!missing.empty())
                    return std::nullopt;
                return replaced ? *replaced : *text;
            }
        }
        if (function == "Fn::Join" && argument.is_array() && argument.size() == 2
            && argument[0].is_string() && argument[1].is_array()) {
            const size_t before = m_result.unresolved.size();
            Json &parts = argument[1];
            for (size_t i = 0; i < parts.size(); ++i)
                walk(parts[i], at + "/1/" + std::to_string(i));
            if (m_result.unresolved.size() != before)
                return std::nullopt;
            std::string joined;
            for (size_t i = 0; i < parts.size(); ++i) {
                if (i > 0)
                    joined += argument[0].get<std::string>();
                joined += parts[i].is_string() ? parts[i].get<std::string>() : parts[i].dump();
            }
            return Json(std::move(joined));
        }
        Diagnostic diagnostic = makeDiagnostic(pointer);
        diagnostic.message = "CloudFormation's " + function
                             + " is worked out when the template is deployed; write the value "
                               "it stands for in its place to run the definition here";
        m_result.unresolved.push_back(std::move(diagnostic));
        return std::nullopt;
    }

    Diagnostic makeDiagnostic(const std::string &pointer) const
    {
        Diagnostic diagnostic;
        diagnostic.code = std::string(DiagnosticCode::PlaceholderUnresolved);
        diagnostic.severity = Severity::Error;
        if (m_sourceMap)
            diagnostic.location = m_sourceMap->locate(pointer);
        diagnostic.location.pointer = pointer;
        return diagnostic;
    }

    void unresolved(const std::string &pointer, const std::string &what, const std::string &name)
    {
        Diagnostic diagnostic = makeDiagnostic(pointer);
        diagnostic.message = what
                             + " is filled in when the template is deployed (SAM "
                               "DefinitionSubstitutions, CloudFormation, CDK); give it a value "
                               "to run the definition here: --sub "
                             + name + "=VALUE";
        m_result.unresolved.push_back(std::move(diagnostic));
    }

    const std::map<std::string, Json> &m_values;
    const SourceMap *m_sourceMap;
    DeploySubstitutionResult m_result;
};

} // namespace

DeploySubstitutionResult applyDeploySubstitutions(Json &definition,
                                                  const std::map<std::string, Json> &values,
                                                  const SourceMap *sourceMap)
{
    Substituter substituter(values, sourceMap);
    substituter.walk(definition, "");
    return substituter.take();
}

} // namespace Stepwise::Model
