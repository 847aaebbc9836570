#pragma once

#include <QColor>
#include <QPalette>

namespace Stepwise::Views {

// Dark or light, as the desktop's palette says (Qt 6.4 has no QStyleHints::colorScheme):
// a dark window background means a dark theme.
bool isDarkPalette(const QPalette &palette);

// Colours views share so that both themes stay readable.
struct ThemeColors
{
    QColor key, string, number, keyword, punctuation, expression;
    QColor error, warning, info;
    QColor invalidBorder;
};

ThemeColors themeColors(const QPalette &palette);

} // namespace Stepwise::Views
