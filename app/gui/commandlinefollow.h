#pragma once

#include <QString>

#include <functional>

namespace Stepwise::App {

class MainWindow;

// `stepwise --follow EXECUTION_ARN [--endpoint URL]`: the window opens the definition the
// execution ran and follows it live, as File > Connect to Endpoint > Follow ARN does (an
// execution started with the AWS CLI, for instance). An empty `url` keeps the dialog's last.
// `done` (optional) is called once the window shows the execution: its history read at
// least once and a second of following after that, or the execution ended; with an error
// message when the endpoint does not answer or the ARN is unknown (within 20 s).
void followFromCommandLine(MainWindow *window, const QString &url, const QString &executionArn,
                           bool showDialog, std::function<void(const QString &error)> done = {});

} // namespace Stepwise::App
