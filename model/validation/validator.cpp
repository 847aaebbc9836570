#include "model/validation/validator.h"

#include "model/validation/diagnosticcodes.h"
#include "model/validation/scopechecker.h"
#include "model/validation/validationcontext.h"
#include "model/validation/variablechecker.h"

#include <algorithm>
#include <exception>

namespace Stepwise::Model {

std::vector<Diagnostic> validateDefinition(const Json &definition, const ValidationOptions &options)
{
    ValidationContext context(options);
    if (options.duplicateKeys) {
        for (const Location &at : *options.duplicateKeys) {
            std::string key = at.pointer.substr(at.pointer.rfind('/') + 1);
            context.error(DiagnosticCode::DuplicateKey, at.pointer,
                          "The key '" + key + "' is written twice in the same object", true);
        }
    }
    try {
        ScopeChecker(context).checkDocument(definition);
        VariableChecker(context).checkDocument(definition);
    } catch (const std::exception &e) {
        // nlohmann throws on type mismatches we failed to guard: report, never propagate.
        context.error(DiagnosticCode::FieldType, "",
                      std::string("The definition could not be checked: ") + e.what());
    }
    return context.take();
}

bool hasErrors(const std::vector<Diagnostic> &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

} // namespace Stepwise::Model
