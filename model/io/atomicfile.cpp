#include "model/io/atomicfile.h"

#include <QFile>
#include <QSaveFile>

namespace Stepwise::Model {

namespace {

Error fileError(const QString &path, const QString &message)
{
    Error error;
    error.message = message.toStdString();
    error.location.file = path.toStdString();
    return error;
}

} // namespace

Result<bool> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, file.errorString());
    if (file.write(bytes) != bytes.size()) {
        QString message = file.errorString();
        file.cancelWriting();
        return fileError(path, message);
    }
    if (!file.commit())
        return fileError(path, file.errorString());
    return true;
}

Result<QByteArray> readWholeFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, file.errorString());
    return file.readAll();
}

} // namespace Stepwise::Model
