#pragma once

#include <QString>

#include <functional>

namespace Stepwise::App {

class MainWindow;

// What `stepwise FILE --screenshot OUT.png` does before grabbing the window: run until a
// state is entered (paused there as a breakpoint would, the state selected), or to the end,
// with an input; or replay a history file first.
struct HeadlessRun
{
    QString input; // JSON text, or @file; empty: the run panel's (FILE.input.json)
    QString runTo; // a state name
    bool runToEnd = false;
    QString replay; // a history file to open and replay instead of running
    QString mocks;  // a MockConfigFile for the task results, with its test case
    QString testCase;
};

// --mocks FILE --test-case NAME: the run panel takes its task results from that mock file's
// test case, as if picked there. False (and why) when the pair is incomplete.
bool checkMockArguments(const HeadlessRun &run, QString *error);
void applyMockArguments(MainWindow *window, const HeadlessRun &run);

// Reads --input's value: the JSON text itself, or @path for a file's contents.
bool readInputArgument(const QString &value, QString *json, QString *error);

// Drives the window's debugger as asked, then calls `done` (with an error message, empty on
// success) once the window shows the moment asked for.
void runHeadless(MainWindow *window, const HeadlessRun &run,
                 std::function<void(const QString &error)> done);

} // namespace Stepwise::App
