#pragma once

#include "model/asl/fieldcatalog.h"
#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "model/validation/expressionchecks.h"

#include <string>

namespace Stepwise::Model {

class ValidationContext;

// Checks a distributed Map's ItemReader, ItemBatcher and ResultWriter objects.
// Private to model/validation.
class MapFieldChecker
{
  public:
    explicit MapFieldChecker(ValidationContext &context);

    void checkItemReader(const Json &value, const std::string &pointer, QueryLanguage language);
    void checkItemBatcher(const Json &value, const std::string &pointer, QueryLanguage language);
    void checkResultWriter(const Json &value, const std::string &pointer, QueryLanguage language);

  private:
    // The values of the catalogued fields present (resources, templates, paths, counts).
    void checkValues(ObjectKind kind, const Json &value, const std::string &pointer,
                     QueryLanguage language);
    void checkCount(const Json &count, const std::string &pointer, const std::string &field,
                    QueryLanguage language);

    ValidationContext &m_context;
    ExpressionChecks m_expressions;
};

} // namespace Stepwise::Model
