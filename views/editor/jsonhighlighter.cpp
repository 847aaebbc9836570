#include "views/editor/jsonhighlighter.h"

#include "views/editor/jsonatatokens.h"

#include <QTextDocument>

namespace Stepwise::Views {

namespace {

// Block states: 0 = normal, 1 = inside a string that continues on the next line (JSON
// forbids it, but the user may be in the middle of typing one).
constexpr int kInString = 1;

QTextCharFormat colorFormat(const QColor &color, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}

bool isExpression(QStringView literal, bool isKey)
{
    if (isKey)
        return literal.endsWith(QLatin1String(".$\""));
    QStringView inner = literal.mid(1, literal.size() - 2).trimmed();
    return inner.startsWith(QLatin1String("{%")) || inner.startsWith(QLatin1String("$."))
           || inner == QLatin1String("$") || inner.startsWith(QLatin1String("$$."))
           || inner.startsWith(QLatin1String("States."));
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{}

void JsonHighlighter::setColors(const ThemeColors &colors)
{
    m_colors = colors;
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const int n = int(text.size());
    int i = 0;
    setCurrentBlockState(0);
    if (previousBlockState() == kInString) {
        int end = i;
        while (end < n && text[end] != QLatin1Char('"'))
            end += text[end] == QLatin1Char('\\') ? 2 : 1;
        setFormat(0, std::min(end + 1, n), colorFormat(m_colors.string));
        if (end >= n) {
            setCurrentBlockState(kInString);
            return;
        }
        i = end + 1;
    }
    while (i < n) {
        const QChar c = text[i];
        if (c == QLatin1Char('"')) {
            int end = i + 1;
            while (end < n && text[end] != QLatin1Char('"'))
                end += text[end] == QLatin1Char('\\') ? 2 : 1;
            if (end >= n) {
                setFormat(i, n - i, colorFormat(m_colors.string));
                setCurrentBlockState(kInString);
                return;
            }
            const int length = end - i + 1;
            int after = end + 1;
            while (after < n && text[after].isSpace())
                ++after;
            const bool isKey = after < n && text[after] == QLatin1Char(':');
            QStringView literal = QStringView(text).mid(i, length);
            QTextCharFormat format
                = isKey ? colorFormat(m_colors.key) : colorFormat(m_colors.string);
            if (isExpression(literal, isKey))
                format = colorFormat(m_colors.expression, isKey);
            setFormat(i, length, format);
            if (!isKey)
                highlightJsonata(literal.mid(1, length - 2), i + 1);
            i = end + 1;
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            int end = i + 1;
            while (end < n
                   && (text[end].isDigit() || text[end] == QLatin1Char('.')
                       || text[end] == QLatin1Char('e') || text[end] == QLatin1Char('E')
                       || text[end] == QLatin1Char('+') || text[end] == QLatin1Char('-')))
                ++end;
            setFormat(i, end - i, colorFormat(m_colors.number));
            i = end;
        } else if (c.isLetter()) {
            int end = i + 1;
            while (end < n && text[end].isLetter())
                ++end;
            setFormat(i, end - i, colorFormat(m_colors.keyword));
            i = end;
        } else if (QStringLiteral("{}[]:,").contains(c)) {
            setFormat(i, 1, colorFormat(m_colors.punctuation));
            ++i;
        } else {
            ++i;
        }
    }
}

void JsonHighlighter::highlightJsonata(QStringView inner, int offset)
{
    const int start = jsonataStart(inner);
    if (start < 0)
        return;
    for (const JsonataToken &token : jsonataTokens(inner.mid(start), true))
        setFormat(offset + start + token.start, token.length, jsonataFormat(token.kind, m_colors));
}

} // namespace Stepwise::Views
