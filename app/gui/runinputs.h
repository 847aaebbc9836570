#pragma once

#include <QString>
#include <QStringList>

namespace Stepwise::App {

// Where a run's input comes from before the user types one: FILE.input.json beside the
// definition (timer.asl.json -> timer.input.json), and the inputs recently run with that
// file, kept per file in the settings.
namespace RunInputs {

// The input file beside a definition, whether it exists or not ("" for an untitled one).
QString inputFileFor(const QString &definitionPath);
// The input to start with: the newest recent input, else the file beside it, else "{}".
QString initialInput(const QString &definitionPath);
QStringList recentInputs(const QString &definitionPath);
// Remembers an input run with the file (newest first, at most 10, no repeats).
void remember(const QString &definitionPath, const QString &input);

} // namespace RunInputs

} // namespace Stepwise::App
