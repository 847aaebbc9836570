#pragma once

#include <QStringList>

namespace Stepwise::App {

// The most recently opened or saved files, newest first, kept in QSettings.
class RecentFiles
{
  public:
    static constexpr int kMaximum = 10;

    static QStringList list();
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();
};

} // namespace Stepwise::App
