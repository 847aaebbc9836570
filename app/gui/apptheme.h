#pragma once

#include <QString>

class QApplication;

namespace Stepwise::App {

enum class ThemeChoice { System, Light, Dark };

// Follows the desktop's light or dark preference (the platform palette, or on GNOME-like
// desktops the color-scheme setting Qt 6.4 cannot read), unless the user picked one.
// Dark is drawn with the Fusion style and a dark palette so every widget agrees.
void applyTheme(QApplication &app, ThemeChoice choice);
ThemeChoice themeChoiceFromString(const QString &text);
QString toString(ThemeChoice choice);
bool desktopPrefersDark();

} // namespace Stepwise::App
