#pragma once

#include "model/asl/statetype.h"
#include "model/json/json.h"

#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace Stepwise::Views {

// A form over one JSON array field (Retry, Catch, Choices): the list of its objects, each
// with add/remove/reorder buttons and inputs bound to JSON pointers inside the value. The
// form edits its copy of the value in place, so fields it does not show survive every edit.
// Typing emits edited() without rebuilding (focus stays); adding, removing, moving or
// changing the shape of an item rebuilds the form. Values an input cannot read are flagged
// under it and not applied.
class StructuredForm : public QWidget
{
    Q_OBJECT

  public:
    // Reads an input's text: nullopt with an empty error removes the key; a non-empty error
    // flags the input and leaves the value alone.
    using Parser = std::function<std::optional<Model::Json>(const QString &text, QString &error)>;

    StructuredForm(const QString &name, const QStringList &targets, Model::QueryLanguage language,
                   QWidget *parent = nullptr);

    // Shows the value unless the form already holds it (so typing is not disturbed).
    void setValue(const Model::Json &value);
    const Model::Json &value() const { return m_value; }
    // Whether the form can present the value (else only the JSON text can).
    virtual bool canEdit(const Model::Json &value) const;

  Q_SIGNALS:
    // The whole new array; nullopt once the last item is removed (the field goes away).
    // `part` is the pointer of the input typed into, or "-" for a change of the list's shape
    // (so that undo steps follow what the user did).
    void edited(const std::optional<Stepwise::Model::Json> &value, const QString &part);

  protected:
    // Adds the widgets for m_value to the layout.
    virtual void build(QVBoxLayout *layout) = 0;
    // A new item for "Add".
    virtual Model::Json newItem() const = 0;
    virtual QString itemTitle(int index) const = 0;

    // Sets (or with nullopt removes) the value at the pointer and reports the new array.
    void setAt(const std::string &pointer, const std::optional<Model::Json> &value,
               bool rebuildForm);
    Model::Json valueAt(const std::string &pointer) const;
    void rebuild();

    // The frame of item `index` of the array at `arrayPointer`, with its title and move up,
    // move down and remove buttons; returns the layout to add its fields to.
    QFormLayout *addItemFrame(QVBoxLayout *layout, const std::string &arrayPointer, int index,
                              const QString &title);
    // An "Add ..." button appending newItem-like `item` to the array at `arrayPointer`.
    void addAddButton(QVBoxLayout *layout, const QString &text, const std::string &arrayPointer,
                      const Model::Json &item);
    // A line bound to the value at `pointer`.
    QLineEdit *addLine(QFormLayout *layout, const QString &label, const std::string &pointer,
                       const Parser &parser, const QString &placeholder = QString());
    // A combo box of the scope's states bound to the string at `pointer`.
    QComboBox *addTarget(QFormLayout *layout, const QString &label, const std::string &pointer);
    // An editable list of error names (States.* offered) bound to the array at `pointer`.
    void addErrorEquals(QFormLayout *layout, const std::string &pointer);
    // Any JSON value, edited as text (Assign, Output, ...).
    void addJson(QFormLayout *layout, const QString &label, const std::string &pointer);
    // "<name>_<pointer with / as _>", the objectName of the input bound to `pointer`.
    QString inputName(const std::string &pointer) const;
    // A combo box that does not widen the form to its longest item (the dock is narrow).
    static QComboBox *compactCombo(QWidget *parent);

    static Parser textParser();
    static Parser pathParser(bool allowNull);
    static Parser integerParser(long long minimum);
    static Parser numberParser(double minimum);

    QString m_name;
    QStringList m_targets;
    Model::QueryLanguage m_language;
    Model::Json m_value = Model::Json::array();

  private:
    void emitValue(const std::string &part);
    QLabel *addErrorLabel(QFormLayout *layout, QWidget *input, const std::string &pointer);
    void showInputError(QWidget *input, QLabel *label, const QString &error);

    QWidget *m_body = nullptr;
};

} // namespace Stepwise::Views
