#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/engine/historyevent.h"

#include <string>
#include <string_view>
#include <vector>

namespace Stepwise::Sim {

// {"events": [...]}: a run's history exactly as `stepwise-cli run --history` prints it.
Model::Json historyToJson(const std::vector<HistoryEvent> &events);

// Reads an execution history in any of the forms people have one in, into events in id
// order, shaped as the engine's own events (payloads as JSON text, as AWS gives them; parsed
// payloads, as the conformance cases store them, are written back as text):
// - `aws stepfunctions get-execution-history` output: {"events": [...]}, several such pages
//   concatenated in one text, or a JSON list of pages; `--reverse-order` pages are sorted;
// - a plain list of events; `stepwise-cli run --history` output; a conformance case's
//   "history";
// - timestamps as epoch seconds (number, fractions kept as milliseconds), ISO-8601 text
//   ("2024-05-01T12:00:00.123Z", "+02:00" offsets), or anything else (placeholders: the
//   previous event's time);
// - details of every type, including EvaluationFailed and assignedVariables, kept as given.
// An error names what is wrong (not JSON, an event without id or type, duplicate ids).
Model::Result<std::vector<HistoryEvent>> readHistory(std::string_view text);
// (Text as std::string or a literal reads as text, not as a JSON string value.)
Model::Result<std::vector<HistoryEvent>> readHistory(const std::string &text);
Model::Result<std::vector<HistoryEvent>> readHistory(const char *text);
Model::Result<std::vector<HistoryEvent>> readHistory(const Model::Json &document);

} // namespace Stepwise::Sim
