#include "views/inspector/inspectorview.h"

#include "model/document.h"
#include "views/inspector/collapsiblesection.h"
#include "views/inspector/fieldeditor.h"
#include "views/inspector/inspectorfields.h"

#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QVBoxLayout>

#include <map>

namespace Stepwise::Views {

using Model::StateId;

namespace {

// Fields the inspector never offers: the type, and nested scopes the canvas edits.
bool isStructural(const std::string &key)
{
    return key == "Type" || key == "Branches" || key == "ItemProcessor" || key == "Iterator";
}

} // namespace

InspectorView::InspectorView(Model::Document *document, QWidget *parent)
    : QScrollArea(parent)
    , m_document(document)
    , m_modeling(document)
{
    setObjectName(QStringLiteral("inspector"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    Model::Workflow *workflow = m_document->workflow();
    connect(workflow, &Model::Workflow::stateChanged, this, &InspectorView::onStateChanged);
    connect(workflow, &Model::Workflow::stateRenamed, this, [this](StateId id) {
        if (id == m_state && m_name && !m_name->hasFocus())
            m_name->setText(QString::fromStdString(m_document->workflow()->name(id)));
        refresh(); // Next/Default lists name the states of the scope
    });
    connect(workflow, &Model::Workflow::stateRemoved, this, [this](StateId id) {
        if (id == m_state || m_state == 0 || !m_document->workflow()->contains(m_state)) {
            m_state = 0;
            rebuild();
        }
    });
    connect(workflow, &Model::Workflow::stateAdded, this, [this] { rebuild(); });
    connect(workflow, &Model::Workflow::scopeChanged, this, [this](Model::ScopeId scope) {
        if (m_state == 0 && scope == m_document->workflow()->rootScope())
            refresh();
    });
    connect(workflow, &Model::Workflow::modelReset, this, [this] {
        if (!m_document->workflow()->contains(m_state))
            m_state = 0;
        rebuild();
    });
    // A newly opened file starts with nothing selected: the machine's own fields.
    connect(m_document, &Model::Document::loaded, this, [this] { setState(0); });
    rebuild();
}

void InspectorView::setState(StateId id)
{
    if (id == m_state && widget())
        return;
    m_state = m_document->workflow()->contains(id) ? id : 0;
    rebuild();
}

FieldEditor *InspectorView::fieldEditor(const QString &key) const
{
    for (FieldEditor *editor : m_editors) {
        if (QString::fromStdString(editor->spec().key) == key)
            return editor;
    }
    return nullptr;
}

QStringList InspectorView::shownFields() const
{
    QStringList out;
    for (const std::string &key : m_shown)
        out << QString::fromStdString(key);
    return out;
}

std::vector<std::string> InspectorView::fieldsToShow() const
{
    std::vector<std::string> keys;
    const Model::Workflow *workflow = m_document->workflow();
    if (m_state == 0)
        return keys;
    const Model::Json body = workflow->stateJson(m_state);
    if (!body.is_object())
        return keys;
    const Model::StateType type = workflow->type(m_state);
    const Model::QueryLanguage language = workflow->queryLanguage(m_state);
    for (const FieldSpec &spec : inspectorFields()) {
        const bool present = workflow->hasField(m_state, spec.key);
        if (present || (spec.appliesTo(type) && spec.appliesTo(language)))
            keys.push_back(spec.key);
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!isStructural(it.key()) && !findInspectorField(it.key()))
            keys.push_back(it.key());
    }
    return keys;
}

void InspectorView::rebuild()
{
    const int scroll = verticalScrollBar()->value();
    QString focusedKey;
    for (FieldEditor *editor : m_editors) {
        if (editor->input()->hasFocus())
            focusedKey = QString::fromStdString(editor->spec().key);
    }
    m_editors.clear();
    m_name = nullptr;
    m_nameError = nullptr;
    m_shown = fieldsToShow();

    auto *form = new QWidget;
    auto *layout = new QVBoxLayout(form);
    layout->setContentsMargins(8, 8, 8, 8);
    const Model::Workflow *workflow = m_document->workflow();
    if (m_state == 0) {
        buildWorkflowForm(form, layout);
        layout->addStretch();
        setWidget(form);
        refresh();
        verticalScrollBar()->setValue(scroll);
        if (FieldEditor *editor = fieldEditor(focusedKey))
            editor->input()->setFocus();
        return;
    }

    const QString typeName
        = QString::fromLatin1(Model::toString(workflow->type(m_state)).data(),
                              qsizetype(Model::toString(workflow->type(m_state)).size()));
    auto *title = new QLabel(tr("<b>%1 state</b>").arg(typeName), form);
    title->setObjectName(QStringLiteral("stateType"));
    layout->addWidget(title);
    layout->addWidget(new QLabel(tr("State name"), form));
    m_name = new QLineEdit(QString::fromStdString(workflow->name(m_state)), form);
    m_name->setObjectName(QStringLiteral("stateName"));
    m_name->setMaxLength(80);
    connect(m_name, &QLineEdit::editingFinished, this, &InspectorView::applyRename);
    layout->addWidget(m_name);
    m_nameError = new QLabel(form);
    m_nameError->setWordWrap(true);
    m_nameError->hide();
    layout->addWidget(m_nameError);

    // Next / Default choose among the other states of the same scope.
    QStringList targets;
    const Model::ScopeId scope = workflow->scopeOf(m_state);
    for (StateId sibling : workflow->states(scope)) {
        if (sibling != m_state)
            targets << QString::fromStdString(workflow->name(sibling));
    }

    std::map<FieldGroup, CollapsibleSection *> sections;
    for (FieldGroup group : {FieldGroup::Configuration, FieldGroup::Input, FieldGroup::Output,
                             FieldGroup::ErrorHandling, FieldGroup::Variables, FieldGroup::Other}) {
        sections[group] = nullptr;
    }
    for (const std::string &key : m_shown) {
        const FieldSpec *known = findInspectorField(key);
        const FieldSpec spec = known ? *known : otherFieldSpec(key);
        CollapsibleSection *&section = sections[spec.group];
        if (!section)
            section = new CollapsibleSection(tr(groupTitle(spec.group)), form);
        auto *editor = new FieldEditor(spec, targets, workflow->queryLanguage(m_state), section);
        const std::string fieldKey = key;
        connect(editor, &FieldEditor::edited, this,
                [this, fieldKey](const std::optional<Model::Json> &value, const QString &tag) {
                    applyEdit(fieldKey, value, tag);
                });
        section->addWidget(editor);
        m_editors.push_back(editor);
    }
    for (auto &[group, section] : sections) {
        if (section)
            layout->addWidget(section);
    }
    layout->addStretch();
    setWidget(form);
    refresh();
    verticalScrollBar()->setValue(scroll);
    if (FieldEditor *editor = fieldEditor(focusedKey))
        editor->input()->setFocus();
    showDiagnostics();
}

void InspectorView::buildWorkflowForm(QWidget *form, QVBoxLayout *layout)
{
    const Model::Workflow *workflow = m_document->workflow();
    auto *title = new QLabel(tr("<b>Workflow</b>"), form);
    title->setObjectName(QStringLiteral("stateType"));
    layout->addWidget(title);
    const int count = int(workflow->allStates().size());
    auto *hint
        = new QLabel((count == 1 ? tr("1 state.") : tr("%1 states.").arg(count)) + QLatin1Char(' ')
                         + tr("Select a state on the canvas or in the text to edit it."),
                     form);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    QStringList targets;
    for (StateId id : workflow->states(workflow->rootScope()))
        targets << QString::fromStdString(workflow->name(id));
    auto *section = new CollapsibleSection(tr("Configuration"), form);
    for (const FieldSpec &spec : documentInspectorFields()) {
        auto *editor = new FieldEditor(spec, targets, Model::QueryLanguage::JsonPath, section);
        const std::string key = spec.key;
        connect(editor, &FieldEditor::edited, this,
                [this, key](const std::optional<Model::Json> &value) {
                    m_modeling.setDocumentField(key, value);
                });
        section->addWidget(editor);
        m_editors.push_back(editor);
    }
    layout->addWidget(section);
}

void InspectorView::refresh()
{
    const Model::Workflow *workflow = m_document->workflow();
    if (m_state == 0) {
        const Model::Json fields = workflow->documentFields();
        for (FieldEditor *editor : m_editors) {
            const std::string &key = editor->spec().key;
            editor->setValue(fields.contains(key) ? std::optional<Model::Json>(fields[key])
                                                  : std::nullopt);
        }
        showDiagnostics();
        return;
    }
    for (FieldEditor *editor : m_editors) {
        const std::string &key = editor->spec().key;
        editor->setValue(workflow->hasField(m_state, key)
                             ? std::optional<Model::Json>(workflow->field(m_state, key))
                             : std::nullopt);
    }
    showDiagnostics();
}

void InspectorView::onStateChanged(StateId id)
{
    if (id != m_state)
        return;
    // A new query language (or a field appearing) changes which fields the form shows.
    if (fieldsToShow() != m_shown)
        rebuild();
    else
        refresh();
}

void InspectorView::applyEdit(const std::string &key, const std::optional<Model::Json> &value,
                              const QString &mergeTag)
{
    if (m_state == 0)
        return;
    // Setting Next removes End (and the other way round) in the same step: Modeling's rule.
    m_modeling.setField(m_state, key, value, mergeTag.toStdString());
}

void InspectorView::applyRename()
{
    if (!m_name || m_state == 0)
        return;
    Model::Workflow *workflow = m_document->workflow();
    const std::string name = m_name->text().toStdString();
    if (name == workflow->name(m_state))
        return;
    if (Model::Result<bool> allowed = m_modeling.rules().canRename(m_state, name); !allowed) {
        m_nameError->setText(QString::fromStdString(allowed.error().message));
        m_nameError->show();
        return;
    }
    m_nameError->hide();
    m_modeling.rename(m_state, name);
}

void InspectorView::setDiagnostics(const std::vector<Model::Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    showDiagnostics();
}

void InspectorView::showDiagnostics()
{
    const Model::Workflow *workflow = m_document->workflow();
    const std::string base = m_state == 0 ? std::string() : workflow->pointer(m_state);
    for (FieldEditor *editor : m_editors) {
        const std::string field = base + "/" + editor->spec().key;
        QStringList problems;
        for (const Model::Diagnostic &diagnostic : m_diagnostics) {
            const std::string &at = diagnostic.location.pointer;
            if (at != field && at.rfind(field + "/", 0) != 0)
                continue;
            QString text = QString::fromStdString(diagnostic.message);
            if (at != field)
                text = QString::fromStdString(at.substr(field.size() + 1)) + QStringLiteral(": ")
                       + text;
            problems << text;
        }
        editor->setProblem(problems.join(QLatin1Char('\n')));
    }
}

} // namespace Stepwise::Views
