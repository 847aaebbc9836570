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

} // namespace Stepwise::Views
