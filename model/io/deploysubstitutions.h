#pragma once

#include "model/json/json.h"
#include "model/json/jsonreader.h"
#include "model/validation/diagnostic.h"

#include <map>
#include <string>
#include <vector>

namespace Stepwise::Model {

// Definitions embedded in CloudFormation, SAM or CDK templates hold values that are filled in
// when the template is deployed: "${Name}" (SAM DefinitionSubstitutions, Fn::Sub) and the
// functions {"Ref": ...}, {"Fn::Sub": ...}, {"Fn::GetAtt": ...}, {"Fn::Join": ...}. AWS never
// sees them; to run such a definition here they need values.
struct DeploySubstitutionResult
{
    int substituted = 0;
    // One PLACEHOLDER_UNRESOLVED error per value that still holds a placeholder: the caller
    // decides which matter (stepwise-cli run: those where the engine needs a real value).
    std::vector<Diagnostic> unresolved;
};

// Replaces every placeholder of `definition` it has a value for. A string that is only
// "${Name}" takes the value as it is (a number for Seconds); inside longer text the value is
// written as text. Ref and Fn::GetAtt look up "Name" and "Resource.Attribute". The pseudo
// parameters AWS::Region, AWS::AccountId, AWS::Partition and AWS::URLSuffix default to the
// values the simulator's ARNs use. `sourceMap` (optional) gives the diagnostics' lines.
DeploySubstitutionResult applyDeploySubstitutions(Json &definition,
                                                  const std::map<std::string, Json> &values,
                                                  const SourceMap *sourceMap = nullptr);

} // namespace Stepwise::Model
