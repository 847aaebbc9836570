#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

// Runs the real build/bin/stepwise-cli, as scripts and CI do, and captures what it printed.
namespace Stepwise::Tests {

struct CliRun
{
    int exitCode = -1; // -1 when it crashed or did not finish in 30 s
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(STEPWISE_BIN_DIR "/stepwise-cli"), arguments);
    CliRun run;
    if (!process.waitForFinished(30000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace Stepwise::Tests
