#pragma once

#include <QDir>
#include <QString>
#include <QStringList>

// Where the shared corpus and conformance data live, and listing helpers for _data() tables.
namespace Stepwise::Tests {

inline QString sharedDir()
{
    QByteArray fromEnv = qgetenv("STEPWISE_SHARED_DIR");
    return fromEnv.isEmpty() ? QStringLiteral(STEPWISE_SHARED_DIR)
                             : QString::fromLocal8Bit(fromEnv);
}

inline QString sharedPath(const QString &relative)
{
    return QDir(sharedDir()).filePath(relative);
}

inline QString testDataPath(const QString &relative)
{
    return QDir(QStringLiteral(STEPWISE_TEST_DATA_DIR)).filePath(relative);
}

// Every file matching `pattern` under `dir` (recursively), sorted, as absolute paths.
inline QStringList filesUnder(const QString &dir, const QString &pattern = QStringLiteral("*.json"))
{
    QStringList out;
    QDir root(dir);
    const QFileInfoList entries = root.entryInfoList({pattern}, QDir::Files, QDir::Name);
    for (const QFileInfo &entry : entries)
        out << entry.absoluteFilePath();
    const QFileInfoList subdirs = root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &sub : subdirs)
        out << filesUnder(sub.absoluteFilePath(), pattern);
    return out;
}

} // namespace Stepwise::Tests
