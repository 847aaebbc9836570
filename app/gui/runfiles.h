#pragma once

#include "model/json/json.h"
#include "model/result.h"
#include "simulator/engine/historyevent.h"
#include "simulator/tasks/mockconfig.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace Stepwise::App::RunFiles {

// Writes JSON to a file (pretty, with a final newline); an error names the file.
Model::Result<bool> writeJson(const QString &path, const Model::Json &json);
// A history file in any form readHistory() takes (ours, AWS CLI pages, ...).
Model::Result<std::vector<Sim::HistoryEvent>> readHistoryFile(const QString &path);

// A MockConfigFile and the names of its test cases (across its state machines).
struct Mocks
{
    Sim::MockConfig config;
    QStringList testCases;
};
Model::Result<Mocks> readMockFile(const QString &path);

} // namespace Stepwise::App::RunFiles
