#include "views/debug/runsettingsview.h"

#include "model/json/jsonreader.h"
#include "views/editor/jsonhighlighter.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <iterator>
#include <limits>

namespace Stepwise::Views {

namespace {

struct SpeedChoice
{
    const char *label;
    RunSettings::Speed speed;
    double factor;
};

const SpeedChoice kSpeeds[] = {
    {QT_TRANSLATE_NOOP("RunSettingsView", "Stepped"), RunSettings::Speed::Stepped, 1},
    {QT_TRANSLATE_NOOP("RunSettingsView", "Instant"), RunSettings::Speed::Instant, 1},
    {QT_TRANSLATE_NOOP("RunSettingsView", "Real time"), RunSettings::Speed::RealTime, 1},
    {QT_TRANSLATE_NOOP("RunSettingsView", "2x"), RunSettings::Speed::Scaled, 2},
    {QT_TRANSLATE_NOOP("RunSettingsView", "10x"), RunSettings::Speed::Scaled, 10},
    {QT_TRANSLATE_NOOP("RunSettingsView", "100x"), RunSettings::Speed::Scaled, 100},
};

} // namespace

RunSettingsView::RunSettingsView(QWidget *parent)
    : QWidget(parent)
    , m_input(new QPlainTextEdit(this))
    , m_inputStatus(new QLabel(this))
    , m_recent(new QComboBox(this))
    , m_seed(new QSpinBox(this))
    , m_type(new QComboBox(this))
    , m_tasks(new QComboBox(this))
    , m_mockFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse..."), this))
    , m_testCase(new QComboBox(this))
    , m_newMock(new QPushButton(tr("New Mock File from This Definition..."), this))
    , m_speed(new QComboBox(this))
{
    m_input->setObjectName(QStringLiteral("runInput"));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setTabChangesFocus(true);
    m_input->setPlainText(QStringLiteral("{}"));
    new JsonHighlighter(m_input->document());
    m_inputStatus->setObjectName(QStringLiteral("runInputStatus"));
    m_inputStatus->setWordWrap(true);
    m_recent->setObjectName(QStringLiteral("recentInputs"));
    m_recent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recent->setMinimumContentsLength(10);
    m_seed->setObjectName(QStringLiteral("runSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_type->setObjectName(QStringLiteral("runType"));
    m_type->addItems({tr("Standard"), tr("Express")});
    m_tasks->setObjectName(QStringLiteral("taskResults"));
    m_tasks->addItems({tr("Built-in emulation"), tr("Mock file (test case)"), tr("Ask me")});
    m_mockFile->setObjectName(QStringLiteral("mockFile"));
    m_mockFile->setPlaceholderText(tr("MockConfigFile.json"));
    m_testCase->setObjectName(QStringLiteral("testCase"));
    m_speed->setObjectName(QStringLiteral("runSpeed"));
    for (const SpeedChoice &choice : kSpeeds)
        m_speed->addItem(tr(choice.label));

    auto *recentRow = new QHBoxLayout;
    recentRow->addWidget(new QLabel(tr("Input (JSON):"), this));
    recentRow->addStretch(1);
    recentRow->addWidget(m_recent, 2);
    auto *mockRow = new QHBoxLayout;
    mockRow->addWidget(m_mockFile, 1);
    mockRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("Type:"), m_type);
    form->addRow(tr("Task results:"), m_tasks);
    form->addRow(tr("Mock file:"), mockRow);
    form->addRow(tr("Test case:"), m_testCase);
    form->addRow(QString(), m_newMock);
    form->addRow(tr("Speed:"), m_speed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(recentRow);
    layout->addWidget(m_input, 1);
    layout->addWidget(m_inputStatus);
    layout->addLayout(form);

    auto changed = [this] { Q_EMIT settingsChanged(); };
    connect(m_input, &QPlainTextEdit::textChanged, this, [this, changed] {
        checkInput();
        changed();
    });
    connect(m_recent, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            m_input->setPlainText(m_recent->itemData(index).toString());
    });
    connect(m_seed, &QSpinBox::valueChanged, this, changed);
    connect(m_type, &QComboBox::currentIndexChanged, this, changed);
    connect(m_tasks, &QComboBox::currentIndexChanged, this, [this, changed] {
        updateEnabled();
        changed();
    });
    connect(m_mockFile, &QLineEdit::editingFinished, this,
            [this] { Q_EMIT mockFileChosen(m_mockFile->text()); });
    connect(m_browse, &QPushButton::clicked, this, &RunSettingsView::browseMock);
    connect(m_testCase, &QComboBox::currentIndexChanged, this, changed);
    connect(m_newMock, &QPushButton::clicked, this, &RunSettingsView::newMockFileRequested);
    connect(m_speed, &QComboBox::currentIndexChanged, this, changed);
    setRecentInputs({});
    checkInput();
    updateEnabled();
}

RunSettings RunSettingsView::settings() const
{
    RunSettings s;
    s.inputText = m_input->toPlainText();
    s.seed = std::uint64_t(m_seed->value());
    s.express = m_type->currentIndex() == 1;
    s.taskResults = RunSettings::TaskResults(m_tasks->currentIndex());
    s.mockFile = m_mockFile->text();
    s.testCase = m_testCase->currentText();
    const SpeedChoice &speed = kSpeeds[std::max(0, m_speed->currentIndex())];
    s.speed = speed.speed;
    s.speedFactor = speed.factor;
    return s;
}

void RunSettingsView::setSettings(const RunSettings &s)
{
    if (s.inputText != m_input->toPlainText())
        m_input->setPlainText(s.inputText);
    m_seed->setValue(int(std::min<std::uint64_t>(s.seed, std::numeric_limits<int>::max())));
    m_type->setCurrentIndex(s.express ? 1 : 0);
    m_tasks->setCurrentIndex(int(s.taskResults));
    m_mockFile->setText(s.mockFile);
    if (!s.testCase.isEmpty()) {
        if (m_testCase->findText(s.testCase) < 0)
            m_testCase->addItem(s.testCase);
        m_testCase->setCurrentText(s.testCase);
    }
    for (int i = 0; i < int(std::size(kSpeeds)); ++i) {
        if (kSpeeds[i].speed == s.speed
            && (s.speed != RunSettings::Speed::Scaled || kSpeeds[i].factor == s.speedFactor))
            m_speed->setCurrentIndex(i);
    }
}

bool RunSettingsView::inputValid(Model::Json *parsed, QString *error) const
{
    const std::string text = m_input->toPlainText().toStdString();
    Model::JsonReadOptions options;
    options.buildSourceMap = false;
    Model::Result<Model::ParsedJson> read = Model::readJson(text, options);
    if (!read) {
        if (error)
            *error = QString::fromStdString(read.error().toString());
        return false;
    }
    if (parsed)
        *parsed = std::move(read.value().value);
    return true;
}

void RunSettingsView::setInputText(const QString &text)
{
    m_input->setPlainText(text);
}

void RunSettingsView::setRecentInputs(const QStringList &inputs)
{
    m_recent->clear();
    m_recent->addItem(tr("Recent inputs"));
    for (const QString &input : inputs) {
        QString label = input.simplified();
        if (label.size() > 60)
            label = label.left(60) + QStringLiteral("\u2026");
        m_recent->addItem(label, input);
    }
    m_recent->setEnabled(!inputs.isEmpty());
}

void RunSettingsView::setTestCases(const QStringList &testCases)
{
    const QString keep = m_testCase->currentText();
    const QSignalBlocker blocker(m_testCase);
    m_testCase->clear();
    m_testCase->addItems(testCases);
    if (testCases.contains(keep))
        m_testCase->setCurrentText(keep);
    Q_EMIT settingsChanged();
}

void RunSettingsView::checkInput()
{
    QString error;
    if (inputValid(nullptr, &error)) {
        m_inputStatus->setText(tr("Valid JSON."));
        m_inputStatus->setStyleSheet(QString());
    } else {
        // The reader's message names the line and column.
        m_inputStatus->setText(tr("Not valid JSON: %1").arg(error));
        m_inputStatus->setStyleSheet(QStringLiteral("color: #d13212"));
    }
}

void RunSettingsView::updateEnabled()
{
    // Ask me takes an optional mock file: its answers prefill the questions.
    const bool mock = m_tasks->currentIndex() != int(RunSettings::TaskResults::Emulated);
    m_mockFile->setEnabled(mock);
    m_browse->setEnabled(mock);
    m_testCase->setEnabled(mock);
}

void RunSettingsView::browseMock()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Mock File"), m_mockFile->text(), tr("Mock files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    m_mockFile->setText(path);
    Q_EMIT mockFileChosen(path);
}

} // namespace Stepwise::Views
