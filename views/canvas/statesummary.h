#pragma once

#include "model/asl/workflow.h"

#include <QString>

namespace Stepwise::Views {

// The one-line summary drawn under a state's name: the Task's resource ("sns:publish",
// "λ MyFunction"), the Wait time ("10 s", "until $.when"), the Choice rule count...
QString stateSummary(const Model::Workflow &workflow, Model::StateId id);

// "arn:aws:states:::sns:publish" -> "sns:publish", a Lambda ARN -> "λ Name".
QString shortResource(const QString &resource);

} // namespace Stepwise::Views
