#include "model/io/autosave.h"

#include "model/document.h"
#include "model/io/atomicfile.h"
#include "model/io/documentio.h"
#include "model/json/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <algorithm>

namespace Stepwise::Model {

namespace {

const char *const kMetaSuffix = ".meta.json";

QString sessionOf(const QString &metaFileName)
{
    return metaFileName.left(metaFileName.size() - int(qstrlen(kMetaSuffix)));
}

} // namespace

Autosave::Autosave(Document *document, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_directory(directory)
    , m_session(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QDir().mkpath(m_directory);
    m_lock = std::make_unique<QLockFile>(filePath(QStringLiteral(".lock")));
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
    m_timer.setInterval(30 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer.start();
}

Autosave::~Autosave() = default;

QString Autosave::filePath(const QString &suffix) const
{
    return QDir(m_directory).filePath(m_session + suffix);
}

QString Autosave::definitionPath() const
{
    return filePath(QStringLiteral(".asl.json"));
}

bool Autosave::saveNow()
{
    QUndoStack *stack = m_document->undoStack();
    if (stack->isClean()) {
        if (m_hasCopy)
            discard();
        return true;
    }
    if (m_hasCopy && stack->index() == m_savedIndex)
        return true;
    const Workflow &workflow = *m_document->workflow();
    Json meta = {{"original", m_document->filePath().toStdString()},
                 {"savedAt", QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()}};
    bool ok = writeFileAtomically(definitionPath(),
                                  QByteArray::fromStdString(toCanonicalText(workflow.toJson())))
                  .ok()
              && writeFileAtomically(layoutSidecarPath(definitionPath()),
                                     QByteArray::fromStdString(toCanonicalText(
                                         m_document->layout()->toSidecar(workflow))))
                     .ok()
              // The meta file comes last: its presence says the copy is complete.
              && writeFileAtomically(filePath(QString::fromLatin1(kMetaSuffix)),
                                     QByteArray::fromStdString(toCanonicalText(meta)))
                     .ok();
    if (ok) {
        m_hasCopy = true;
        m_savedIndex = stack->index();
    }
    return ok;
}

void Autosave::discard()
{
    QFile::remove(filePath(QString::fromLatin1(kMetaSuffix)));
    QFile::remove(definitionPath());
    QFile::remove(layoutSidecarPath(definitionPath()));
    m_hasCopy = false;
    m_savedIndex = -1;
}

std::vector<RecoveryEntry> Autosave::findRecoverable(const QString &directory)
{
    std::vector<RecoveryEntry> entries;
    QDir dir(directory);
    const QStringList metas
        = dir.entryList({QStringLiteral("*") + QString::fromLatin1(kMetaSuffix)}, QDir::Files);
    for (const QString &metaName : metas) {
        const QString session = sessionOf(metaName);
        // A lock we can take belongs to no running session (or to a crashed one).
        QLockFile lock(dir.filePath(session + QStringLiteral(".lock")));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        Result<QByteArray> bytes = readWholeFile(dir.filePath(metaName));
        if (!bytes)
            continue;
        Result<ParsedJson> meta
            = readJson(std::string_view(bytes->constData(), size_t(bytes->size())));
        if (!meta || !meta->value.is_object())
            continue;
        RecoveryEntry entry;
        entry.definitionPath = dir.filePath(session + QStringLiteral(".asl.json"));
        if (!QFileInfo::exists(entry.definitionPath))
            continue;
        entry.originalPath = QString::fromStdString(meta->value.value("original", std::string()));
        entry.savedAt = QDateTime::fromString(
            QString::fromStdString(meta->value.value("savedAt", std::string())), Qt::ISODate);
        entries.push_back(entry);
    }
    std::sort(entries.begin(), entries.end(),
              [](const RecoveryEntry &a, const RecoveryEntry &b) { return a.savedAt > b.savedAt; });
    return entries;
}

Result<bool> Autosave::recover(const RecoveryEntry &entry, Document &document)
{
    Result<bool> loaded = loadDocument(document, entry.definitionPath);
    if (!loaded)
        return loaded;
    document.setFilePath(entry.originalPath);
    // Recovered work is unsaved until the user saves it: no clean index, so modified.
    document.undoStack()->resetClean();
    return true;
}

void Autosave::remove(const RecoveryEntry &entry)
{
    const QString base
        = entry.definitionPath.left(entry.definitionPath.size() - int(qstrlen(".asl.json")));
    QFile::remove(base + QString::fromLatin1(kMetaSuffix));
    QFile::remove(entry.definitionPath);
    QFile::remove(layoutSidecarPath(entry.definitionPath));
    QFile::remove(base + QStringLiteral(".lock"));
}

} // namespace Stepwise::Model
