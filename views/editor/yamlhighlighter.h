#pragma once

#include "views/theme/theme.h"

#include <QSyntaxHighlighter>

namespace Stepwise::Views {

// Colours block-style YAML as the ASL editor shows it: mapping keys, quoted strings,
// numbers, true/false/null, comments, sequence dashes, and ASL expressions (JSONata
// "{% ... %}", paths, keys ending in ".$"), in the colours of the JSON highlighter.
class YamlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

  public:
    explicit YamlHighlighter(QTextDocument *document);
    void setColors(const ThemeColors &colors);

  protected:
    void highlightBlock(const QString &text) override;

  private:
    void highlightScalar(const QString &text, int start, int end);

    ThemeColors m_colors;
};

} // namespace Stepwise::Views
