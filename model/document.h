#pragma once

#include "model/asl/workflow.h"
#include "model/layout/layout.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

namespace Stepwise::Model {

// One open workflow: the ASL model, the canvas layout, the undo history of every edit,
// and the file it belongs to. Views and commands reach the model through it.
class Document : public QObject
{
    Q_OBJECT

  public:
    explicit Document(QObject *parent = nullptr);

    Workflow *workflow() { return &m_workflow; }
    const Workflow *workflow() const { return &m_workflow; }
    Layout *layout() { return &m_layout; }
    const Layout *layout() const { return &m_layout; }
    QUndoStack *undoStack() { return &m_undoStack; }

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    // Called by loadDocument once a file has replaced the whole workflow and layout: sets the
    // path and tells every view at once, so no one has to reset them by hand.
    void finishLoading(const QString &path);
    // True when there are edits since the last load or save.
    bool isModified() const { return !m_undoStack.isClean(); }

  Q_SIGNALS:
    void filePathChanged(const QString &path);
    // A file was opened (or recovered) into this document: views drop their selection, pick
    // the text format of the path and lay out the new states.
    void loaded(const QString &path);

  private:
    Workflow m_workflow;
    Layout m_layout;
    QUndoStack m_undoStack;
    QString m_filePath;
};

} // namespace Stepwise::Model
