#include "app/gui/runinputs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace Stepwise::App::RunInputs {

namespace {

constexpr int kMaxRecent = 10;

QString settingsKey(const QString &definitionPath)
{
    // Slashes would nest groups; the path is a key of its own.
    QString key = QFileInfo(definitionPath).absoluteFilePath();
    key.replace(QLatin1Char('/'), QLatin1Char('|'));
    return QStringLiteral("runInputs/") + key;
}

} // namespace

QString inputFileFor(const QString &definitionPath)
{
    if (definitionPath.isEmpty())
        return {};
    const QFileInfo info(definitionPath);
    QString base = info.fileName();
    for (const char *suffix : {".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"}) {
        if (base.endsWith(QLatin1String(suffix), Qt::CaseInsensitive)) {
            base.chop(int(qstrlen(suffix)));
            break;
        }
    }
    return info.dir().filePath(base + QStringLiteral(".input.json"));
}

QString initialInput(const QString &definitionPath)
{
    const QStringList recent = recentInputs(definitionPath);
    if (!recent.isEmpty())
        return recent.first();
    QFile file(inputFileFor(definitionPath));
    if (!definitionPath.isEmpty() && file.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromUtf8(file.readAll()).trimmed();
        if (!text.isEmpty())
            return text;
    }
    return QStringLiteral("{}");
}

QStringList recentInputs(const QString &definitionPath)
{
    if (definitionPath.isEmpty())
        return {};
    return QSettings().value(settingsKey(definitionPath)).toStringList();
}

void remember(const QString &definitionPath, const QString &input)
{
    if (definitionPath.isEmpty() || input.trimmed().isEmpty())
        return;
    QStringList recent = recentInputs(definitionPath);
    recent.removeAll(input);
    recent.prepend(input);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(settingsKey(definitionPath), recent);
}

} // namespace Stepwise::App::RunInputs
