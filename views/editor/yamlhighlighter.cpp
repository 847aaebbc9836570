#include "views/editor/yamlhighlighter.h"

#include "views/editor/jsonatatokens.h"

#include <QRegularExpression>

namespace Stepwise::Views {

namespace {

QTextCharFormat colorFormat(const QColor &color, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}

bool isExpression(QStringView value)
{
    return value.startsWith(QLatin1String("{%")) || value.startsWith(QLatin1String("$."))
           || value == QLatin1String("$") || value.startsWith(QLatin1String("$$."))
           || value.startsWith(QLatin1String("States."));
}

// Where a "key:" ends on a line (the colon), or -1; the key may be quoted.
int keyColon(const QString &text, int start)
{
    const int n = int(text.size());
    if (start < n && (text[start] == QLatin1Char('"') || text[start] == QLatin1Char('\''))) {
        const QChar quote = text[start];
        int i = start + 1;
        while (i < n && text[i] != quote)
            i += (quote == QLatin1Char('"') && text[i] == QLatin1Char('\\')) ? 2 : 1;
        ++i;
        return i < n && text[i] == QLatin1Char(':') ? i : -1;
    }
    for (int i = start; i < n; ++i) {
        if (text[i] == QLatin1Char('#') && i > start && text[i - 1] == QLatin1Char(' '))
            return -1;
        if (text[i] == QLatin1Char(':') && (i + 1 == n || text[i + 1] == QLatin1Char(' ')))
            return i;
    }
    return -1;
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{}

void YamlHighlighter::setColors(const ThemeColors &colors)
{
    m_colors = colors;
    rehighlight();
}

void YamlHighlighter::highlightScalar(const QString &text, int start, int end)
{
    while (start < end && text[start] == QLatin1Char(' '))
        ++start;
    if (start >= end)
        return;
    // A trailing comment.
    int comment = -1;
    const bool quoted = text[start] == QLatin1Char('"') || text[start] == QLatin1Char('\'');
    int valueEnd = end;
    if (quoted) {
        const QChar quote = text[start];
        int i = start + 1;
        while (i < end && text[i] != quote)
            i += (quote == QLatin1Char('"') && text[i] == QLatin1Char('\\')) ? 2 : 1;
        valueEnd = std::min(end, i + 1);
        comment = int(text.indexOf(QLatin1Char('#'), valueEnd));
    } else {
        for (int i = start; i < end; ++i) {
            if (text[i] == QLatin1Char('#') && i > start && text[i - 1] == QLatin1Char(' ')) {
                comment = i;
                valueEnd = i;
                break;
            }
        }
    }
    if (comment >= 0 && comment < end)
        setFormat(comment, end - comment, colorFormat(m_colors.punctuation));
    QStringView value = QStringView(text).mid(start, valueEnd - start).trimmed();
    const int length = int(value.size());
    QStringView inner = quoted && length >= 2 ? value.mid(1, length - 2) : value;
    static const QRegularExpression number(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    QColor color = m_colors.string;
    if (isExpression(inner.trimmed()))
        color = m_colors.expression;
    else if (!quoted
             && (value == QLatin1String("true") || value == QLatin1String("false")
                 || value == QLatin1String("null") || value == QLatin1String("~")))
        color = m_colors.keyword;
    else if (!quoted && number.match(value).hasMatch())
        color = m_colors.number;
    else if (!quoted && (value.startsWith(QLatin1Char('{')) || value.startsWith(QLatin1Char('['))))
        color = m_colors.punctuation;
    setFormat(start, length, colorFormat(color));
    const int jsonata = jsonataStart(inner);
    if (jsonata >= 0) {
        const int innerStart = start + (quoted ? 1 : 0) + jsonata;
        const bool doubleQuoted = quoted && text[start] == QLatin1Char('"');
        for (const JsonataToken &token : jsonataTokens(inner.mid(jsonata), doubleQuoted))
            setFormat(innerStart + token.start, token.length, jsonataFormat(token.kind, m_colors));
    }
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const int n = int(text.size());
    int i = 0;
    while (i < n && text[i] == QLatin1Char(' '))
        ++i;
    if (i < n && text[i] == QLatin1Char('#')) {
        setFormat(i, n - i, colorFormat(m_colors.punctuation));
        return;
    }
    // Sequence dashes, possibly several ("- - a").
    while (i + 1 <= n && text[i] == QLatin1Char('-')
           && (i + 1 == n || text[i + 1] == QLatin1Char(' '))) {
        setFormat(i, 1, colorFormat(m_colors.punctuation, true));
        i += 2;
        while (i < n && text[i] == QLatin1Char(' '))
            ++i;
    }
    if (i >= n)
        return;
    const int colon = keyColon(text, i);
    if (colon >= 0) {
        const QStringView key = QStringView(text).mid(i, colon - i);
        const bool expressionKey
            = key.endsWith(QLatin1String(".$")) || key.endsWith(QLatin1String(".$\""));
        setFormat(i, colon - i, colorFormat(expressionKey ? m_colors.expression : m_colors.key));
        setFormat(colon, 1, colorFormat(m_colors.punctuation));
        highlightScalar(text, colon + 1, n);
        return;
    }
    highlightScalar(text, i, n);
}

} // namespace Stepwise::Views
