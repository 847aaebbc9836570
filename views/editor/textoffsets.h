#pragma once

#include <QString>

#include <vector>

namespace Stepwise::Views {

// Maps the UTF-8 byte offsets the JSON reader reports to positions in the QString the
// editor shows (UTF-16), which differ as soon as the text holds non-ASCII characters.
class TextOffsets
{
  public:
    TextOffsets() = default;
    explicit TextOffsets(const QString &text);

    int toPosition(int utf8Offset) const;

  private:
    std::vector<int> m_positions; // empty when the text is ASCII: offsets are positions
    int m_length = 0;
};

// The end (one past the closing bracket) of the JSON object or array starting at `start`,
// or -1 when it is not closed; strings and escapes are skipped.
int matchingBracketEnd(const QString &text, int start);
// The end of the YAML block whose key starts at `keyStart`: the end of the last line after
// it that is indented deeper than the key (or of the key's own line).
int yamlBlockEnd(const QString &text, int keyStart);
// The position in `text` of the character a validator names by its byte index in the decoded
// string (Diagnostic::characterInValue) for the string value written at `valueStart` ("..."
// in JSON; a plain, '...' or "..." scalar in YAML): escapes and non-ASCII text are counted
// as they decode. Past the end, the string's last character.
int positionInString(const QString &text, int valueStart, int valueEnd, int byteIndex);

} // namespace Stepwise::Views
