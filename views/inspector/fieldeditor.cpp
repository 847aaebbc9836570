#include "views/inspector/fieldeditor.h"

#include "model/json/jsonreader.h"
#include "views/inspector/catchform.h"
#include "views/inspector/choicerulesform.h"
#include "views/inspector/retryform.h"
#include "views/theme/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace Stepwise::Views {

namespace {

const char *const kJsonPath = "JSONPath";
const char *const kJsonata = "JSONata";

bool hasForm(EditorKind kind)
{
    return kind == EditorKind::Retriers || kind == EditorKind::Catchers
           || kind == EditorKind::ChoiceRules;
}

bool isJsonataExpression(const QString &text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("{%")) && t.endsWith(QLatin1String("%}"));
}

QString displayText(const Model::Json &value, EditorKind kind)
{
    if (kind == EditorKind::Json || hasForm(kind))
        return QString::fromStdString(value.dump(2));
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

} // namespace

FieldEditor::FieldEditor(const FieldSpec &spec, const QStringList &targets,
                         Model::QueryLanguage language, QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
    , m_targets(targets)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(2);
    const QString key = QString::fromStdString(spec.key);
    const QString help = QString::fromStdString(spec.help);
    if (spec.kind != EditorKind::Boolean) {
        auto *label = new QLabel(key, this);
        label->setToolTip(help);
        if (hasForm(spec.kind)) {
            // The form, with a switch to the raw JSON for power users.
            auto *header = new QHBoxLayout;
            header->addWidget(label, 1);
            m_jsonToggle = new QToolButton(this);
            m_jsonToggle->setText(QStringLiteral("JSON"));
            m_jsonToggle->setCheckable(true);
            m_jsonToggle->setObjectName(QStringLiteral("json_") + key);
            m_jsonToggle->setToolTip(tr("Edit %1 as JSON text").arg(key));
            connect(m_jsonToggle, &QToolButton::toggled, this, &FieldEditor::setJsonMode);
            header->addWidget(m_jsonToggle);
            layout->addLayout(header);
        } else {
            layout->addWidget(label);
        }
    }
    switch (spec.kind) {
    case EditorKind::Text:
    case EditorKind::Path:
    case EditorKind::Number:
        m_line = new QLineEdit(this);
        m_line->setClearButtonEnabled(true);
        m_line->setPlaceholderText(help);
        connect(m_line, &QLineEdit::textEdited, this, &FieldEditor::onUserEdit);
        m_input = m_line;
        break;
    case EditorKind::Json:
        m_input = createJsonText();
        break;
    case EditorKind::Retriers:
    case EditorKind::Catchers:
    case EditorKind::ChoiceRules: {
        if (spec.kind == EditorKind::Retriers)
            m_form = new RetryForm(targets, language, this);
        else if (spec.kind == EditorKind::Catchers)
            m_form = new CatchForm(targets, language, this);
        else
            m_form = new ChoiceRulesForm(targets, language, this);
        m_form->setObjectName(QStringLiteral("form_") + key);
        layout->addWidget(m_form);
        connect(m_form, &StructuredForm::edited, this,
                [this](const std::optional<Model::Json> &value, const QString &part) {
                    // Keep the JSON text in step without re-reading it.
                    m_updating = true;
                    m_text->setPlainText(value ? QString::fromStdString(value->dump(2))
                                               : QString());
                    m_updating = false;
                    showError(QString());
                    Q_EMIT edited(value, part);
                });
        m_input = createJsonText();
        m_text->hide();
        break;
    }
    case EditorKind::Boolean:
        m_check = new QCheckBox(key, this);
        m_check->setToolTip(help);
        connect(m_check, &QCheckBox::clicked, this, &FieldEditor::onUserEdit);
        m_input = m_check;
        break;
    case EditorKind::Target:
        m_combo = new QComboBox(this);
        m_combo->setEditable(true);
        m_combo->addItem(QString());
        m_combo->addItems(targets);
        m_combo->setInsertPolicy(QComboBox::NoInsert);
        connect(m_combo, &QComboBox::currentTextChanged, this, [this] {
            if (!m_updating)
                onUserEdit();
        });
        m_input = m_combo;
        break;
    case EditorKind::QueryLanguage:
        m_combo = new QComboBox(this);
        m_combo->addItem(tr("(workflow default)"));
        m_combo->addItem(QString::fromLatin1(kJsonPath));
        m_combo->addItem(QString::fromLatin1(kJsonata));
        connect(m_combo, &QComboBox::activated, this, &FieldEditor::onUserEdit);
        m_input = m_combo;
        break;
    }
    m_input->setObjectName(QStringLiteral("field_") + key);
    m_input->setToolTip(help);
    layout->addWidget(m_input);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error_") + key);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, themeColors(palette()).error);
    m_error->setPalette(errorPalette);
    m_error->hide();
    layout->addWidget(m_error);
}

QPlainTextEdit *FieldEditor::createJsonText()
{
    m_text = new QPlainTextEdit(this);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(QString::fromStdString(m_spec.help));
    m_text->setTabChangesFocus(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    const int line = m_text->fontMetrics().lineSpacing();
    m_text->setMinimumHeight(line * 3);
    m_text->setMaximumHeight(line * 14);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        // Grow with the content, up to the maximum height.
        const int lines = std::max(2, int(m_text->document()->blockCount()) + 1);
        m_text->setFixedHeight(std::clamp(lines * m_text->fontMetrics().lineSpacing() + 8,
                                          m_text->minimumHeight(), 14 * 18));
        if (!m_updating)
            onUserEdit();
    });
    return m_text;
}

void FieldEditor::setJsonMode(bool json)
{
    if (!m_form)
        return;
    // A value the form cannot show stays in the text.
    const bool forced = !m_form->canEdit(m_form->value());
    json = json || forced;
    if (m_jsonToggle->isChecked() != json) {
        const QSignalBlocker blocker(m_jsonToggle);
        m_jsonToggle->setChecked(json);
    }
    m_jsonToggle->setEnabled(!forced);
    m_text->setVisible(json);
    m_form->setVisible(!json);
}

bool FieldEditor::isJsonMode() const
{
    return m_form && m_text->isVisibleTo(this);
}

QString FieldEditor::currentText() const
{
    if (m_line)
        return m_line->text();
    if (m_text)
        return m_text->toPlainText();
    if (m_combo)
        return m_combo->currentText();
    return QString();
}

std::optional<Model::Json> FieldEditor::readValue(bool &ok, QString &error) const
{
    ok = true;
    const QString text = currentText();
    const QString trimmed = text.trimmed();
    switch (m_spec.kind) {
    case EditorKind::Boolean:
        return m_check->isChecked() ? std::optional<Model::Json>(true) : std::nullopt;
    case EditorKind::QueryLanguage:
        if (m_combo->currentIndex() <= 0)
            return std::nullopt;
        return Model::Json(m_combo->currentText().toStdString());
    case EditorKind::Text:
        if (text.isEmpty())
            return std::nullopt;
        return Model::Json(text.toStdString());
    case EditorKind::Target:
        if (trimmed.isEmpty())
            return std::nullopt;
        if (!m_targets.contains(text))
            error = tr("No state named \"%1\" in this scope yet").arg(text);
        return Model::Json(text.toStdString());
    case EditorKind::Path:
        if (trimmed.isEmpty())
            return std::nullopt;
        if (trimmed == QLatin1String("null") && m_spec.key == "ResultPath")
            return Model::Json(nullptr);
        if (!trimmed.startsWith(QLatin1Char('$'))) {
            ok = false;
            error = tr("A path starts with $ (the input) or $$ (the context object)");
            return std::nullopt;
        }
        return Model::Json(text.toStdString());
    case EditorKind::Number: {
        if (trimmed.isEmpty())
            return std::nullopt;
        if (isJsonataExpression(trimmed))
            return Model::Json(trimmed.toStdString());
        bool isInt = false;
        const qlonglong integer = trimmed.toLongLong(&isInt);
        if (isInt && integer >= 0)
            return Model::Json(integer);
        bool isDouble = false;
        const double number = trimmed.toDouble(&isDouble);
        if (isDouble && number >= 0 && m_spec.allowsFraction)
            return Model::Json(number);
        ok = false;
        error = tr("Expected a whole number of 0 or more, or a JSONata expression {% ... %}");
        return std::nullopt;
    }
    case EditorKind::Json:
    case EditorKind::Retriers:
    case EditorKind::Catchers:
    case EditorKind::ChoiceRules: {
        if (trimmed.isEmpty())
            return std::nullopt;
        const QByteArray utf8 = text.toUtf8();
        Model::JsonReadOptions options;
        options.buildSourceMap = false;
        auto parsed
            = Model::readJson(std::string_view(utf8.constData(), size_t(utf8.size())), options);
        if (!parsed) {
            ok = false;
            const Model::Location &at = parsed.error().location;
            error = tr("Line %1, column %2: %3")
                        .arg(at.line)
                        .arg(at.column)
                        .arg(QString::fromStdString(parsed.error().message));
            return std::nullopt;
        }
        return parsed->value;
    }
    }
    return std::nullopt;
}

QString FieldEditor::errorMessage() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void FieldEditor::setProblem(const QString &problem)
{
    if (m_problem == problem)
        return;
    m_problem = problem;
    showError(m_inputError);
}

void FieldEditor::showError(const QString &inputError)
{
    m_inputError = inputError;
    const QString error = inputError.isEmpty() ? m_problem : inputError;
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (error.isEmpty()) {
        m_input->setStyleSheet(QString());
    } else {
        const QString color = themeColors(palette()).invalidBorder.name();
        m_input->setStyleSheet(
            QStringLiteral("%1 { border: 2px solid %2; }")
                .arg(QString::fromLatin1(m_input->metaObject()->className()), color));
    }
}

void FieldEditor::onUserEdit()
{
    bool ok = true;
    QString error;
    std::optional<Model::Json> value = readValue(ok, error);
    showError(error);
    if (!ok)
        return;
    if (m_form)
        m_form->setValue(value.value_or(Model::Json()));
    Q_EMIT edited(value, QString());
}

void FieldEditor::setValue(const std::optional<Model::Json> &value)
{
    if (m_form) {
        m_form->setValue(value.value_or(Model::Json()));
        setJsonMode(m_jsonToggle->isChecked());
    }
    bool ok = true;
    QString error;
    // Don't disturb the user's text when it already means the model's value.
    if (readValue(ok, error) == value && ok)
        return;
    m_updating = true;
    const QString text = value ? displayText(*value, m_spec.kind) : QString();
    if (m_line) {
        m_line->setText(value && value->is_null() ? QStringLiteral("null") : text);
        if (!m_line->hasFocus())
            m_line->setCursorPosition(0); // show the start of long values

    } else if (m_text) {
        m_text->setPlainText(value && value->is_null() ? QStringLiteral("null") : text);
    } else if (m_check) {
        m_check->setChecked(value && value->is_boolean() && value->get<bool>());
    } else if (m_combo && m_spec.kind == EditorKind::QueryLanguage) {
        m_combo->setCurrentIndex(text == QLatin1String(kJsonPath)  ? 1
                                 : text == QLatin1String(kJsonata) ? 2
                                                                   : 0);
    } else if (m_combo) {
        m_combo->setCurrentText(text);
    }
    m_updating = false;
    showError(QString());
}

} // namespace Stepwise::Views
