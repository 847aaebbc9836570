#include "views/inspector/structuredform.h"

#include "model/json/jsonreader.h"
#include "views/theme/theme.h"

#include <QApplication>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace Stepwise::Views {

namespace {

// The errors the service raises itself, offered in every ErrorEquals list.
const QStringList &predefinedErrors()
{
    static const QStringList names = {
        QStringLiteral("States.ALL"),
        QStringLiteral("States.TaskFailed"),
        QStringLiteral("States.Timeout"),
        QStringLiteral("States.HeartbeatTimeout"),
        QStringLiteral("States.Permissions"),
        QStringLiteral("States.Runtime"),
        QStringLiteral("States.ResultPathMatchFailure"),
        QStringLiteral("States.ParameterPathFailure"),
        QStringLiteral("States.QueryEvaluationError"),
        QStringLiteral("States.BranchFailed"),
        QStringLiteral("States.NoChoiceMatched"),
        QStringLiteral("States.IntrinsicFailure"),
        QStringLiteral("States.ExceedToleratedFailureThreshold"),
        QStringLiteral("States.ItemReaderFailed"),
        QStringLiteral("States.ResultWriterFailed"),
    };
    return names;
}

Model::Json::json_pointer jsonPointer(const std::string &pointer)
{
    return Model::Json::json_pointer(pointer);
}

QString displayText(const Model::Json &value)
{
    if (value.is_null())
        return QString();
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

bool isJsonata(const QString &text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("{%")) && t.endsWith(QLatin1String("%}"));
}

} // namespace

StructuredForm::StructuredForm(const QString &name, const QStringList &targets,
                               Model::QueryLanguage language, QWidget *parent)
    : QWidget(parent)
    , m_name(name)
    , m_targets(targets)
    , m_language(language)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

bool StructuredForm::canEdit(const Model::Json &value) const
{
    if (value.is_null())
        return true;
    if (!value.is_array())
        return false;
    for (const Model::Json &item : value) {
        if (!item.is_object())
            return false;
    }
    return true;
}

void StructuredForm::setValue(const Model::Json &value)
{
    const Model::Json shown = value.is_null() ? Model::Json::array() : value;
    if (m_body && shown == m_value)
        return;
    m_value = shown;
    if (canEdit(m_value))
        rebuild();
}

Model::Json StructuredForm::valueAt(const std::string &pointer) const
{
    const auto at = jsonPointer(pointer);
    return m_value.contains(at) ? m_value.at(at) : Model::Json();
}

void StructuredForm::setAt(const std::string &pointer, const std::optional<Model::Json> &value,
                           bool rebuildForm)
{
    const auto at = jsonPointer(pointer);
    if (value) {
        m_value[at] = *value;
    } else if (m_value.contains(at)) {
        Model::Json &parent = m_value[at.parent_pointer()];
        const std::string key = at.back();
        if (parent.is_array())
            parent.erase(size_t(std::stoul(key)));
        else
            parent.erase(key);
    }
    if (rebuildForm)
        rebuild();
    emitValue(rebuildForm ? "-" : pointer);
}

void StructuredForm::emitValue(const std::string &part)
{
    Q_EMIT edited(m_value.empty() ? std::nullopt : std::optional<Model::Json>(m_value),
                  QString::fromStdString(part));
}

void StructuredForm::rebuild()
{
    // Keep the keyboard focus on the same input across the rebuild (a combo box walked
    // with the arrow keys changes the form's shape at every step).
    QString focused;
    if (QWidget *focus = QApplication::focusWidget();
        focus && m_body && m_body->isAncestorOf(focus))
        focused = focus->objectName();
    if (m_body) {
        // The click that asked for the rebuild may come from a child: delete it later, and
        // take it out of the tree now so that lookups see only the new form.
        m_body->hide();
        m_body->setParent(nullptr);
        m_body->deleteLater();
    }
    m_body = new QWidget(this);
    auto *layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    build(layout);
    static_cast<QVBoxLayout *>(this->layout())->addWidget(m_body);
    m_body->show(); // a layout shows new children only once the event loop runs
    if (!focused.isEmpty()) {
        if (QWidget *again = m_body->findChild<QWidget *>(focused))
            again->setFocus();
    }
}

QString StructuredForm::inputName(const std::string &pointer) const
{
    QString out = m_name;
    for (QChar c : QString::fromStdString(pointer))
        out += c == QLatin1Char('/') ? QLatin1Char('_') : c;
    return out;
}

QComboBox *StructuredForm::compactCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(6);
    combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return combo;
}

QFormLayout *StructuredForm::addItemFrame(QVBoxLayout *layout, const std::string &arrayPointer,
                                          int index, const QString &title)
{
    auto *frame = new QFrame(m_body);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *outer = new QVBoxLayout(frame);
    outer->setContentsMargins(6, 4, 6, 6);
    auto *header = new QHBoxLayout;
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), frame);
    header->addWidget(label, 1);
    const std::string itemPointer = arrayPointer + "/" + std::to_string(index);
    const int count = int(valueAt(arrayPointer).size());
    auto addButton = [&](QStyle::StandardPixmap icon, const QString &tip, const char *what,
                         bool enabled, auto action) {
        auto *button = new QToolButton(frame);
        button->setIcon(style()->standardIcon(icon));
        button->setToolTip(tip);
        button->setAutoRaise(true);
        button->setEnabled(enabled);
        button->setObjectName(inputName(itemPointer) + QLatin1String("_") + QLatin1String(what));
        connect(button, &QToolButton::clicked, this, action);
        header->addWidget(button);
    };
    auto move = [this, arrayPointer, index](int delta) {
        Model::Json array = valueAt(arrayPointer);
        std::swap(array[size_t(index)], array[size_t(index + delta)]);
        setAt(arrayPointer, array, true);
    };
    addButton(QStyle::SP_ArrowUp, tr("Move up"), "up", index > 0, [move] { move(-1); });
    addButton(QStyle::SP_ArrowDown, tr("Move down"), "down", index + 1 < count,
              [move] { move(1); });
    addButton(QStyle::SP_DialogDiscardButton, tr("Remove"), "remove", true,
              [this, itemPointer] { setAt(itemPointer, std::nullopt, true); });
    outer->addLayout(header);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    outer->addLayout(form);
    layout->addWidget(frame);
    return form;
}

void StructuredForm::addAddButton(QVBoxLayout *layout, const QString &text,
                                  const std::string &arrayPointer, const Model::Json &item)
{
    auto *button = new QPushButton(text, m_body);
    button->setObjectName(inputName(arrayPointer) + QLatin1String("_add"));
    connect(button, &QPushButton::clicked, this, [this, arrayPointer, item] {
        Model::Json array = valueAt(arrayPointer);
        if (!array.is_array())
            array = Model::Json::array();
        array.push_back(item);
        setAt(arrayPointer, array, true);
    });
    layout->addWidget(button, 0, Qt::AlignLeft);
}

QLabel *StructuredForm::addErrorLabel(QFormLayout *layout, QWidget *input,
                                      const std::string &pointer)
{
    auto *error = new QLabel(input->parentWidget());
    error->setObjectName(QStringLiteral("error_") + inputName(pointer));
    error->setWordWrap(true);
    QPalette palette = error->palette();
    palette.setColor(QPalette::WindowText, themeColors(this->palette()).error);
    error->setPalette(palette);
    error->hide();
    layout->addRow(QString(), error);
    return error;
}

void StructuredForm::showInputError(QWidget *input, QLabel *label, const QString &error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
    input->setStyleSheet(error.isEmpty()
                             ? QString()
                             : QStringLiteral("%1 { border: 2px solid %2; }")
                                   .arg(QString::fromLatin1(input->metaObject()->className()),
                                        themeColors(palette()).invalidBorder.name()));
}

QLineEdit *StructuredForm::addLine(QFormLayout *layout, const QString &label,
                                   const std::string &pointer, const Parser &parser,
                                   const QString &placeholder)
{
    auto *edit = new QLineEdit(displayText(valueAt(pointer)), m_body);
    edit->setObjectName(inputName(pointer));
    edit->setPlaceholderText(placeholder);
    edit->setCursorPosition(0);
    layout->addRow(label, edit);
    QLabel *error = addErrorLabel(layout, edit, pointer);
    connect(edit, &QLineEdit::textEdited, this, [this, edit, error, parser, pointer] {
        QString message;
        std::optional<Model::Json> value = parser(edit->text(), message);
        showInputError(edit, error, message);
        if (message.isEmpty())
            setAt(pointer, value, false);
    });
    return edit;
}

QComboBox *StructuredForm::addTarget(QFormLayout *layout, const QString &label,
                                     const std::string &pointer)
{
    auto *combo = compactCombo(m_body);
    combo->setObjectName(inputName(pointer));
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItem(QString());
    combo->addItems(m_targets);
    combo->setCurrentText(displayText(valueAt(pointer)));
    combo->lineEdit()->setCursorPosition(0);
    layout->addRow(label, combo);
    QLabel *error = addErrorLabel(layout, combo, pointer);
    connect(combo, &QComboBox::currentTextChanged, this,
            [this, combo, error, pointer](const QString &text) {
                showInputError(combo, error,
                               text.isEmpty() || m_targets.contains(text)
                                   ? QString()
                                   : tr("No state named \"%1\" in this scope yet").arg(text));
                setAt(pointer,
                      text.isEmpty() ? std::nullopt
                                     : std::optional<Model::Json>(Model::Json(text.toStdString())),
                      false);
            });
    return combo;
}

void StructuredForm::addErrorEquals(QFormLayout *layout, const std::string &pointer)
{
    auto *box = new QWidget(m_body);
    auto *rows = new QVBoxLayout(box);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    const Model::Json names = valueAt(pointer);
    const int count = names.is_array() ? int(names.size()) : 0;
    for (int i = 0; i < count; ++i) {
        const std::string at = pointer + "/" + std::to_string(i);
        auto *row = new QHBoxLayout;
        auto *combo = compactCombo(box);
        combo->setObjectName(inputName(at));
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->addItems(predefinedErrors());
        combo->setCurrentText(displayText(names[size_t(i)]));
        combo->lineEdit()->setCursorPosition(0); // long names show their start
        connect(combo, &QComboBox::currentTextChanged, this, [this, at](const QString &text) {
            setAt(at, Model::Json(text.toStdString()), false);
        });
        row->addWidget(combo, 1);
        auto *remove = new QToolButton(box);
        remove->setObjectName(inputName(at) + QLatin1String("_remove"));
        remove->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
        remove->setToolTip(tr("Remove this error name"));
        remove->setAutoRaise(true);
        connect(remove, &QToolButton::clicked, this, [this, at] { setAt(at, std::nullopt, true); });
        row->addWidget(remove);
        rows->addLayout(row);
    }
    auto *add = new QPushButton(tr("Add error name"), box);
    add->setObjectName(inputName(pointer) + QLatin1String("_add"));
    connect(add, &QPushButton::clicked, this, [this, pointer] {
        Model::Json list = valueAt(pointer);
        if (!list.is_array())
            list = Model::Json::array();
        // Offer the first predefined name not listed yet; States.ALL only stands alone.
        std::string next = "States.TaskFailed";
        for (const QString &name : predefinedErrors()) {
            const std::string candidate = name.toStdString();
            if (candidate == "States.ALL" && !list.empty())
                continue;
            if (std::find(list.begin(), list.end(), Model::Json(candidate)) == list.end()) {
                next = candidate;
                break;
            }
        }
        list.push_back(next);
        setAt(pointer, list, true);
    });
    rows->addWidget(add, 0, Qt::AlignLeft);
    layout->addRow(tr("Errors"), box);
}

void StructuredForm::addJson(QFormLayout *layout, const QString &label, const std::string &pointer)
{
    auto *edit = new QPlainTextEdit(m_body);
    edit->setObjectName(inputName(pointer));
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    const Model::Json value = valueAt(pointer);
    if (!value.is_null() || m_value.contains(jsonPointer(pointer)))
        edit->setPlainText(QString::fromStdString(value.dump(2)));
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 8);
    edit->setPlaceholderText(tr("JSON"));
    layout->addRow(label, edit);
    QLabel *error = addErrorLabel(layout, edit, pointer);
    connect(edit, &QPlainTextEdit::textChanged, this, [this, edit, error, pointer] {
        const QString text = edit->toPlainText();
        if (text.trimmed().isEmpty()) {
            showInputError(edit, error, QString());
            setAt(pointer, std::nullopt, false);
            return;
        }
        const QByteArray utf8 = text.toUtf8();
        Model::JsonReadOptions options;
        options.buildSourceMap = false;
        auto parsed
            = Model::readJson(std::string_view(utf8.constData(), size_t(utf8.size())), options);
        if (!parsed) {
            showInputError(edit, error,
                           tr("Line %1, column %2: %3")
                               .arg(parsed.error().location.line)
                               .arg(parsed.error().location.column)
                               .arg(QString::fromStdString(parsed.error().message)));
            return;
        }
        showInputError(edit, error, QString());
        setAt(pointer, parsed->value, false);
    });
}

StructuredForm::Parser StructuredForm::textParser()
{
    return [](const QString &text, QString &) -> std::optional<Model::Json> {
        if (text.isEmpty())
            return std::nullopt;
        return Model::Json(text.toStdString());
    };
}

StructuredForm::Parser StructuredForm::pathParser(bool allowNull)
{
    return [allowNull](const QString &text, QString &error) -> std::optional<Model::Json> {
        const QString trimmed = text.trimmed();
        if (trimmed.isEmpty())
            return std::nullopt;
        if (allowNull && trimmed == QLatin1String("null"))
            return Model::Json(nullptr);
        if (!trimmed.startsWith(QLatin1Char('$'))) {
            error = tr("A path starts with $ (the input) or $$ (the context object)");
            return std::nullopt;
        }
        return Model::Json(text.toStdString());
    };
}

StructuredForm::Parser StructuredForm::integerParser(long long minimum)
{
    return [minimum](const QString &text, QString &error) -> std::optional<Model::Json> {
        const QString trimmed = text.trimmed();
        if (trimmed.isEmpty())
            return std::nullopt;
        if (isJsonata(trimmed))
            return Model::Json(trimmed.toStdString());
        bool ok = false;
        const long long value = trimmed.toLongLong(&ok);
        if (!ok || value < minimum) {
            error = tr("Expected a whole number of %1 or more").arg(minimum);
            return std::nullopt;
        }
        return Model::Json(value);
    };
}

StructuredForm::Parser StructuredForm::numberParser(double minimum)
{
    return [minimum](const QString &text, QString &error) -> std::optional<Model::Json> {
        const QString trimmed = text.trimmed();
        if (trimmed.isEmpty())
            return std::nullopt;
        if (isJsonata(trimmed))
            return Model::Json(trimmed.toStdString());
        bool ok = false;
        const double value = trimmed.toDouble(&ok);
        if (!ok || value < minimum) {
            error = tr("Expected a number of %1 or more").arg(minimum);
            return std::nullopt;
        }
        // Keep whole numbers whole, as users write them.
        bool isInt = false;
        const long long integer = trimmed.toLongLong(&isInt);
        return isInt ? Model::Json(integer) : Model::Json(value);
    };
}

} // namespace Stepwise::Views
