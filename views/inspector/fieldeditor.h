#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"
#include "views/inspector/inspectorfields.h"

#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QCheckBox;
class QComboBox;
class QToolButton;

namespace Stepwise::Views {

class StructuredForm;

// Edits one field of a state: a line, a JSON text box, a check box or a list, depending on
// the field's kind. Applies as the user types: edited() carries the new value (nullopt
// removes the field); text that is not valid for the field gets a red border and a message
// and is not applied. Retry, Catch and Choices show a form (StructuredForm) with a JSON
// toggle that swaps it for the raw text.
class FieldEditor : public QWidget
{
    Q_OBJECT

  public:
    FieldEditor(const FieldSpec &spec, const QStringList &targets,
                Model::QueryLanguage language = Model::QueryLanguage::JsonPath,
                QWidget *parent = nullptr);

    const FieldSpec &spec() const { return m_spec; }
    // Shows the model's value (nullopt: absent) unless the editor already shows it.
    void setValue(const std::optional<Model::Json> &value);
    // The message shown under the editor, empty when its content is valid.
    QString errorMessage() const;
    // The widget the user types into (its objectName is "field_<Key>").
    QWidget *input() const { return m_input; }
    // The form of Retry, Catch or Choices (null for other fields).
    StructuredForm *form() const { return m_form; }
    // Shows the raw JSON text instead of the form (or back).
    void setJsonMode(bool json);
    bool isJsonMode() const;

    // What the validator says about the field's value (empty: nothing). Shown under the input
    // unless the text being typed has its own error, which comes first.
    void setProblem(const QString &problem);

  Q_SIGNALS:
    // `mergeTag` tells which edits make one undo step (see SetFieldCommand::setMergeTag):
    // empty for the field's own input, the form's part otherwise.
    void edited(const std::optional<Stepwise::Model::Json> &value, const QString &mergeTag);

  private:
    void onUserEdit();
    QString currentText() const;
    // Reads the editor: ok=false when the text is invalid for the field.
    std::optional<Model::Json> readValue(bool &ok, QString &error) const;
    void showError(const QString &error);
    QPlainTextEdit *createJsonText();

    FieldSpec m_spec;
    QStringList m_targets;
    QWidget *m_input = nullptr;
    QLineEdit *m_line = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QCheckBox *m_check = nullptr;
    QComboBox *m_combo = nullptr;
    StructuredForm *m_form = nullptr;
    QToolButton *m_jsonToggle = nullptr;
    QLabel *m_error = nullptr;
    QString m_inputError;
    QString m_problem;
    bool m_updating = false;
};

} // namespace Stepwise::Views
