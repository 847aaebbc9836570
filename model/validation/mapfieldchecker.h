#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "model/validation/expressionchecks.h"

#include <initializer_list>
#include <string>
#include <string_view>

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
    bool checkObject(const Json &value, const std::string &pointer, std::string_view what,
                     std::initializer_list<std::string_view> fields);
    void checkParameters(const Json &value, const std::string &pointer, QueryLanguage language);
    void checkCount(const Json &value, const std::string &pointer, std::string_view field,
                    QueryLanguage language);

    ValidationContext &m_context;
    ExpressionChecks m_expressions;
};

} // namespace Stepwise::Model
