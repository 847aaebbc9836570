#include "views/editor/textoffsets.h"

#include <algorithm>

namespace Stepwise::Views {

TextOffsets::TextOffsets(const QString &text)
    : m_length(int(text.size()))
{
    bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii)
        return;
    m_positions.reserve(size_t(text.size()) * 2);
    for (int i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        int bytes = 1;
        if (c >= 0x800)
            bytes = 3;
        else if (c >= 0x80)
            bytes = 2;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size()) {
            // A surrogate pair is 4 UTF-8 bytes and 2 UTF-16 units.
            for (int b = 0; b < 4; ++b)
                m_positions.push_back(i);
            ++i;
            continue;
        }
        for (int b = 0; b < bytes; ++b)
            m_positions.push_back(i);
    }
}

int TextOffsets::toPosition(int utf8Offset) const
{
    if (utf8Offset < 0)
        return 0;
    if (m_positions.empty())
        return std::min(utf8Offset, m_length);
    if (size_t(utf8Offset) >= m_positions.size())
        return m_length;
    return m_positions[size_t(utf8Offset)];
}

int matchingBracketEnd(const QString &text, int start)
{
    if (start < 0 || start >= text.size())
        return -1;
    int depth = 0;
    bool inString = false;
    for (int i = start; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            ++depth;
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

int yamlBlockEnd(const QString &text, int keyStart)
{
    if (keyStart < 0 || keyStart >= text.size())
        return -1;
    const int lineStart = int(text.lastIndexOf(QLatin1Char('\n'), keyStart - 1)) + 1;
    const int indent = keyStart - lineStart;
    int end = int(text.indexOf(QLatin1Char('\n'), keyStart));
    if (end < 0)
        return int(text.size());
    while (end < text.size()) {
        const int next = end + 1;
        int spaces = 0;
        while (next + spaces < text.size() && text[next + spaces] == QLatin1Char(' '))
            ++spaces;
        const int nextEnd = text.indexOf(QLatin1Char('\n'), next) < 0
                                ? int(text.size())
                                : int(text.indexOf(QLatin1Char('\n'), next));
        const bool blank = next + spaces >= nextEnd;
        if (!blank && spaces <= indent)
            break;
        if (next >= text.size())
            break;
        if (!blank)
            end = nextEnd;
        else if (nextEnd >= text.size())
            break;
        else {
            // A blank line: look past it without taking it into the block yet.
            int probe = nextEnd;
            bool more = false;
            while (probe < text.size()) {
                const int from = probe + 1;
                int s2 = 0;
                while (from + s2 < text.size() && text[from + s2] == QLatin1Char(' '))
                    ++s2;
                const int to = text.indexOf(QLatin1Char('\n'), from) < 0
                                   ? int(text.size())
                                   : int(text.indexOf(QLatin1Char('\n'), from));
                if (from + s2 < to) {
                    more = s2 > indent;
                    break;
                }
                if (to >= text.size())
                    break;
                probe = to;
            }
            if (!more)
                break;
            end = nextEnd;
        }
    }
    return end;
}

namespace {

int utf8Length(char16_t unit)
{
    if (unit < 0x80)
        return 1;
    if (unit < 0x800)
        return 2;
    // A surrogate pair is one 4-byte character: two halves of 2 bytes each.
    if (QChar::isSurrogate(unit))
        return 2;
    return 3;
}

} // namespace

int positionInString(const QString &text, int valueStart, int valueEnd, int byteIndex)
{
    valueEnd = std::min(valueEnd, int(text.size()));
    if (valueStart >= valueEnd)
        return valueStart;
    const QChar quote = text[valueStart];
    const bool doubleQuoted = quote == QLatin1Char('"');
    const bool singleQuoted = quote == QLatin1Char('\'');
    int i = valueStart + (doubleQuoted || singleQuoted ? 1 : 0);
    int bytes = 0;
    int last = i;
    while (i < valueEnd) {
        if (doubleQuoted && text[i] == QLatin1Char('"'))
            break;
        if (singleQuoted && text[i] == QLatin1Char('\'')) {
            if (i + 1 >= valueEnd || text[i + 1] != QLatin1Char('\''))
                break;
        }
        if (bytes >= byteIndex)
            return i;
        last = i;
        int width = 1;
        int decoded = utf8Length(text[i].unicode());
        if (doubleQuoted && text[i] == QLatin1Char('\\') && i + 1 < valueEnd) {
            width = 2;
            decoded = 1;
            if (text[i + 1] == QLatin1Char('u') && i + 5 < valueEnd) {
                width = 6;
                decoded = utf8Length(char16_t(text.mid(i + 2, 4).toUShort(nullptr, 16)));
            }
        } else if (singleQuoted && text[i] == QLatin1Char('\'')) {
            width = 2; // '' is one quote
        }
        bytes += decoded;
        i += width;
    }
    return last;
}

} // namespace Stepwise::Views
