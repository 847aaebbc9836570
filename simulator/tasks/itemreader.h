#pragma once

#include "model/json/json.h"
#include "simulator/expr/failure.h"

#include <optional>
#include <string>

namespace Stepwise::Sim {

// What a distributed Map's ItemReader asks for, its Parameters already evaluated.
struct ItemReaderRequest
{
    std::string resource;     // arn:aws:states:::s3:getObject or ...:s3:listObjectsV2
    Model::Json parameters;   // {"Bucket", "Key"} / {"Bucket", "Prefix"}
    Model::Json readerConfig; // InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter
    // The folder standing in for S3: s3://bucket/key is the file <s3Root>/bucket/key.
    std::string s3Root;
};

// Reads the object or listing as Step Functions does (JSON array, JSON Lines, CSV with a header row
// or given headers, object listings); failures are States.ItemReaderFailed with a cause that names
// the object, or States.Runtime when no folder stands in for S3.
Outcome<Model::Json> readItems(const ItemReaderRequest &request);

} // namespace Stepwise::Sim
