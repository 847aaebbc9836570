#include "simulator/expr/dataflow.h"

namespace Stepwise::Sim {

namespace {

Model::Error fieldError(const std::string &field, const Model::Error &parseError)
{
    Model::Error error = parseError;
    error.message = "Invalid " + field + ": " + parseError.message;
    return error;
}

Model::Error notAPath(const std::string &field)
{
    Model::Error error;
    error.message = "The value for the field '" + field + "' must be a valid JSONPath";
    return error;
}

} // namespace

InputOutputPath::InputOutputPath() = default;

Model::Result<InputOutputPath> InputOutputPath::compile(const Json *field)
{
    InputOutputPath result;
    if (!field || field->is_discarded())
        return result;
    if (field->is_null()) {
        result.m_kind = Kind::Discard;
        return result;
    }
    if (!field->is_string())
        return notAPath("InputPath/OutputPath");
    const std::string &text = field->get_ref<const std::string &>();
    auto path = JsonPath::parse(text);
    if (!path)
        return fieldError("path '" + text + "'", path.error());
    if (path->root() == JsonPath::Root::Input && path->isRootOnly())
        return result;
    result.m_kind = Kind::Path;
    result.m_path = std::move(path.value());
    return result;
}

Outcome<Json> InputOutputPath::apply(Json value, const ExpressionContext &ctx) const
{
    switch (m_kind) {
    case Kind::Identity:
        return value;
    case Kind::Discard:
        return Json::object();
    case Kind::Path:
        break;
    }
    const ExpressionContext scoped = ctx.withInput(value);
    if (const Json *found = m_path->locate(scoped)) {
        // `value` is ours: move the selected part out of it instead of copying. ("$$" and
        // "$var" paths point into documents we only borrow: those are copied.)
        if (m_path->root() == JsonPath::Root::Input)
            return std::move(*const_cast<Json *>(found));
        return *found;
    }
    return m_path->evaluate(scoped);
}

ResultPath::ResultPath() = default;

Model::Result<ResultPath> ResultPath::compile(const Json *field)
{
    ResultPath result;
    if (!field || field->is_discarded())
        return result;
    if (field->is_null()) {
        result.m_kind = Kind::Discard;
        return result;
    }
    if (!field->is_string())
        return notAPath("ResultPath");
    const std::string &text = field->get_ref<const std::string &>();
    auto path = JsonPath::parse(text);
    if (!path)
        return fieldError("ResultPath '" + text + "'", path.error());
    if (path->root() != JsonPath::Root::Input || !path->isReferencePath()) {
        Model::Error error;
        error.message = "The value for the field 'ResultPath' must be a valid ReferencePath";
        return error;
    }
    if (path->isRootOnly())
        return result;
    result.m_kind = Kind::Path;
    result.m_path = std::move(path.value());
    return result;
}

Outcome<Json> ResultPath::apply(Json stateInput, Json result, std::int64_t *growth) const
{
    switch (m_kind) {
    case Kind::Replace:
        return result;
    case Kind::Discard:
        return stateInput;
    case Kind::Path:
        break;
    }
    std::string why;
    if (!m_path->assign(stateInput, std::move(result), &why, growth)) {
        return Failure{"States.ResultPathMatchFailure",
                       "Unable to apply ResultPath '" + m_path->text() + "': " + why};
    }
    return stateInput;
}

const Json &absentField()
{
    static const Json absent(Json::value_t::discarded);
    return absent;
}

Outcome<Json> applyInputPath(const Json &stateInput, const Json &inputPathField,
                             const ExpressionContext &ctx)
{
    auto compiled = InputOutputPath::compile(&inputPathField);
    if (!compiled)
        return Failure{"States.Runtime", compiled.error().message};
    return compiled->apply(stateInput, ctx);
}

Outcome<Json> applyResultPath(const Json &stateInput, const Json &result,
                              const Json &resultPathField)
{
    auto compiled = ResultPath::compile(&resultPathField);
    if (!compiled)
        return Failure{"States.Runtime", compiled.error().message};
    return compiled->apply(stateInput, result);
}

Outcome<Json> applyOutputPath(const Json &value, const Json &outputPathField,
                              const ExpressionContext &ctx)
{
    auto compiled = InputOutputPath::compile(&outputPathField);
    if (!compiled)
        return Failure{"States.Runtime", compiled.error().message};
    return compiled->apply(value, ctx);
}

} // namespace Stepwise::Sim
