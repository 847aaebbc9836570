#pragma once

#include "model/result.h"

#include <QDateTime>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

namespace Stepwise::Model {

class Document;

// A copy of unsaved work found at start-up, left by a session that ended without saving.
struct RecoveryEntry
{
    QString definitionPath; // the autosaved definition (JSON)
    QString originalPath;   // the file the work belonged to, empty when untitled
    QDateTime savedAt;
};

// Writes the document's unsaved edits every interval into `directory` (the application's
// data folder), under a per-session name guarded by a lock file. A clean end of the session
// (discard()) removes them; after a crash the lock is stale and findRecoverable() offers them.
class Autosave : public QObject
{
    Q_OBJECT

  public:
    Autosave(Document *document, const QString &directory, QObject *parent = nullptr);
    ~Autosave() override;

    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    int interval() const { return m_timer.interval(); }
    // Writes now when there are edits not yet autosaved; removes the copy once the document
    // is saved (clean). Returns false if writing failed.
    bool saveNow();
    // Removes this session's copy (the work was saved or deliberately dropped).
    void discard();
    QString definitionPath() const;

    // Copies left by sessions that are no longer running, newest first.
    static std::vector<RecoveryEntry> findRecoverable(const QString &directory);
    // Loads an autosaved copy into the document (marked modified, path = original file).
    static Result<bool> recover(const RecoveryEntry &entry, Document &document);
    // Deletes an entry's files once it was recovered or declined.
    static void remove(const RecoveryEntry &entry);

  private:
    QString filePath(const QString &suffix) const;

    Document *m_document;
    QString m_directory;
    QString m_session;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_timer;
    int m_savedIndex = -1; // undo index of the last autosave
    bool m_hasCopy = false;
};

} // namespace Stepwise::Model
