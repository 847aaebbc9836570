#pragma once

#include "views/debug/runsettings.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace Stepwise::Views {

// The run panel's settings: the input JSON (checked as typed, with recent inputs), seed,
// Standard or Express, task results (built-in emulation, a MockConfigFile and one of its
// test cases, or "ask me"), and speed (stepped, instant, real time, x2 .. x100). It
// reads no files itself beyond picking one: the application fills test cases and recent
// inputs and writes mock skeletons when asked.
class RunSettingsView : public QWidget
{
    Q_OBJECT

  public:
    explicit RunSettingsView(QWidget *parent = nullptr);

    RunSettings settings() const;
    void setSettings(const RunSettings &settings);
    // The input parses as JSON; the error otherwise.
    bool inputValid(Model::Json *parsed = nullptr, QString *error = nullptr) const;
    void setInputText(const QString &text);
    void setRecentInputs(const QStringList &inputs);
    void setTestCases(const QStringList &testCases);
    QPlainTextEdit *inputEdit() const { return m_input; }
    QComboBox *speedBox() const { return m_speed; }
    QComboBox *taskResultsBox() const { return m_tasks; }

  Q_SIGNALS:
    void settingsChanged();
    void mockFileChosen(const QString &path);
    void newMockFileRequested();

  private:
    void checkInput();
    void updateEnabled();
    void browseMock();

    QPlainTextEdit *m_input;
    QLabel *m_inputStatus;
    QComboBox *m_recent;
    QSpinBox *m_seed;
    QComboBox *m_type;
    QComboBox *m_tasks;
    QLineEdit *m_mockFile;
    QPushButton *m_browse;
    QComboBox *m_testCase;
    QPushButton *m_newMock;
    QComboBox *m_speed;
};

} // namespace Stepwise::Views
