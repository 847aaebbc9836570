#include "app/gui/apptheme.h"

#include "views/theme/theme.h"

#include <QApplication>
#include <QPalette>
#include <QProcess>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>

namespace Stepwise::App {

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x6f, 0x73, 0x7a);
    const QColor highlight(0x35, 0x74, 0xf0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x36, 0x39));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x29));
    p.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace

bool desktopPrefersDark()
{
    const QByteArray gtkTheme = qgetenv("GTK_THEME");
    if (gtkTheme.toLower().contains("dark"))
        return true;
    const QString gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
    if (gsettings.isEmpty() || qEnvironmentVariableIsEmpty("DISPLAY"))
        return false;
    QProcess process;
    process.start(gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.interface"),
                              QStringLiteral("color-scheme")});
    if (!process.waitForFinished(500)) {
        process.kill();
        process.waitForFinished(100);
        return false;
    }
    return process.readAllStandardOutput().contains("dark");
}

void applyTheme(QApplication &app, ThemeChoice choice)
{
    static const QPalette systemPalette = app.palette();
    static const QString systemStyle = app.style()->name();
    bool dark = Views::isDarkPalette(systemPalette);
    if (choice == ThemeChoice::Dark)
        dark = true;
    else if (choice == ThemeChoice::Light)
        dark = false;
    else if (!dark)
        dark = desktopPrefersDark();

    if (dark == Views::isDarkPalette(systemPalette)) {
        // The desktop already draws what we want.
        app.setStyle(QStyleFactory::create(systemStyle));
        app.setPalette(systemPalette);
        return;
    }
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (dark) {
        app.setPalette(darkPalette());
    } else {
        app.setPalette(app.style()->standardPalette());
    }
}

ThemeChoice themeChoiceFromString(const QString &text)
{
    if (text == QLatin1String("light"))
        return ThemeChoice::Light;
    if (text == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}

QString toString(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

} // namespace Stepwise::App
