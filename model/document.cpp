#include "model/document.h"

namespace Stepwise::Model {

Document::Document(QObject *parent)
    : QObject(parent)
{}

void Document::setFilePath(const QString &path)
{
    if (m_filePath == path)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

} // namespace Stepwise::Model
