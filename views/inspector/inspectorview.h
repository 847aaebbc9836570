#pragma once

#include "model/asl/workflow.h"
#include "model/modeling/modeling.h"
#include "model/validation/diagnostic.h"

#include <QScrollArea>

#include <vector>

class QLineEdit;
class QLabel;
class QVBoxLayout;

namespace Stepwise::Model {
class Document;
}

namespace Stepwise::Views {

class FieldEditor;

// The form of the selected state: its name and type, then its fields grouped as Workflow
// Studio groups them (Configuration, Input, Output, Error handling, Variables), only those
// that apply to its type and query language plus any other field it holds. Every edit is an
// undoable command on the document, applied as the user types.
class InspectorView : public QScrollArea
{
    Q_OBJECT

  public:
    explicit InspectorView(Model::Document *document, QWidget *parent = nullptr);

    Model::StateId state() const { return m_state; }
    FieldEditor *fieldEditor(const QString &key) const;
    QStringList shownFields() const;
    // The validator's findings: each one inside a shown field appears under that field
    // (a JSONata syntax error under Arguments, say), with the character it names.
    void setDiagnostics(const std::vector<Model::Diagnostic> &diagnostics);

  public Q_SLOTS:
    void setState(Stepwise::Model::StateId id);

  private:
    void rebuild();
    // With no state selected: the definition's own fields.
    void buildWorkflowForm(QWidget *form, QVBoxLayout *layout);
    void refresh();
    void onStateChanged(Model::StateId id);
    void applyEdit(const std::string &key, const std::optional<Model::Json> &value,
                   const QString &mergeTag);
    void applyRename();
    std::vector<std::string> fieldsToShow() const;
    void showDiagnostics();

    Model::Document *m_document;
    Model::Modeling m_modeling;
    Model::StateId m_state = 0;
    std::vector<std::string> m_shown;
    std::vector<FieldEditor *> m_editors;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    std::vector<Model::Diagnostic> m_diagnostics;
};

} // namespace Stepwise::Views
