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

void Document::finishLoading(const QString &path)
{
    setFilePath(path);
    Q_EMIT loaded(path);
}

} // namespace Stepwise::Model
