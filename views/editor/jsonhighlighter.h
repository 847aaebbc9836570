#pragma once

#include "views/theme/theme.h"

#include <QSyntaxHighlighter>

namespace Stepwise::Views {

// Colours JSON text: object keys, strings, numbers, true/false/null, punctuation, and ASL
// expressions (payload-template keys ending in ".$", JSONata "{% ... %}" strings, paths).
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

  public:
    explicit JsonHighlighter(QTextDocument *document);
    void setColors(const ThemeColors &colors);

  protected:
    void highlightBlock(const QString &text) override;

  private:
    // Colours the tokens of a {% JSONata %} expression inside a string literal whose text
    // (between the quotes) starts at `offset` in the block.
    void highlightJsonata(QStringView inner, int offset);

    ThemeColors m_colors;
};

} // namespace Stepwise::Views
