#include "app/gui/recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace Stepwise::App {

namespace {

const char *const kKey = "recentFiles";

void store(const QStringList &files)
{
    QSettings().setValue(QLatin1String(kKey), files);
}

} // namespace

QStringList RecentFiles::list()
{
    return QSettings().value(QLatin1String(kKey)).toStringList();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = list();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaximum)
        files.removeLast();
    store(files);
}

void RecentFiles::remove(const QString &path)
{
    QStringList files = list();
    files.removeAll(path);
    store(files);
}

void RecentFiles::clear()
{
    store({});
}

} // namespace Stepwise::App
