#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QString>

namespace Stepwise::Model {

// Writes the whole file or nothing (QSaveFile: a temporary file renamed over the target),
// so a crash or a full disk never leaves a half-written definition behind.
Result<bool> writeFileAtomically(const QString &path, const QByteArray &bytes);

// The whole file, or an error naming it.
Result<QByteArray> readWholeFile(const QString &path);

} // namespace Stepwise::Model
