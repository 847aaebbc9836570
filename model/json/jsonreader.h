#pragma once

#include "model/json/json.h"
#include "model/result.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Stepwise::Model {

// Where each value (and each object key) of a parsed text starts, by JSON pointer.
class SourceMap
{
  public:
    void addValue(const std::string &pointer, const Location &at) { m_values[pointer] = at; }
    void addKey(const std::string &pointer, const Location &at) { m_keys[pointer] = at; }

    // The value at pointer, or failing that its nearest ancestor; pointer is filled in.
    Location locate(const std::string &pointer) const;
    // The key naming the member at pointer (falls back to locate()).
    Location locateKey(const std::string &pointer) const;
    bool contains(const std::string &pointer) const { return m_values.count(pointer) > 0; }
    size_t size() const { return m_values.size(); }

  private:
    std::unordered_map<std::string, Location> m_values;
    std::unordered_map<std::string, Location> m_keys;
};

struct ParsedJson
{
    Json value;
    SourceMap sourceMap;
    // Keys written twice in one object; the value keeps the first occurrence, as AWS rejects
    // such documents and the validator reports each of these.
    std::vector<Location> duplicateKeys;
};

struct JsonReadOptions
{
    bool buildSourceMap = true;
    // Deeper documents are refused with an error instead of exhausting the stack.
    int maxDepth = 512;
    // Accept // and /* */ comments (as JSON-with-comments editors do); they are not kept.
    bool allowComments = false;
};

// A strict RFC 8259 reader keeping key order, with line/column for every value and
// errors that say where the text went wrong.
Result<ParsedJson> readJson(std::string_view text, const JsonReadOptions &options = {});

// Reads a whole file; the error names the file.
Result<ParsedJson> readJsonFile(const std::string &path, const JsonReadOptions &options = {});

} // namespace Stepwise::Model
