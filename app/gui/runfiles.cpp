#include "app/gui/runfiles.h"

#include "model/json/jsonreader.h"
#include "simulator/debug/historyio.h"

#include <QFile>

namespace Stepwise::App::RunFiles {

namespace {

Model::Error fileError(const QString &path, const QString &message)
{
    Model::Error error;
    error.message = (path + QStringLiteral(": ") + message).toStdString();
    return error;
}

} // namespace

Model::Result<bool> writeJson(const QString &path, const Model::Json &json)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fileError(path, file.errorString());
    const QByteArray text = QByteArray::fromStdString(json.dump(2)) + '\n';
    if (file.write(text) != text.size())
        return fileError(path, file.errorString());
    return true;
}

Model::Result<std::vector<Sim::HistoryEvent>> readHistoryFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, file.errorString());
    const QByteArray text = file.readAll();
    auto events = Sim::readHistory(std::string_view(text.constData(), size_t(text.size())));
    if (!events)
        return fileError(path, QString::fromStdString(events.error().toString()));
    return std::move(*events);
}

Model::Result<Mocks> readMockFile(const QString &path)
{
    if (path.isEmpty())
        return fileError(QStringLiteral("mock file"), QStringLiteral("none chosen"));
    auto read = Model::readJsonFile(path.toStdString());
    if (!read)
        return read.error();
    auto config = Sim::MockConfig::fromJson(read->value);
    if (!config)
        return fileError(path, QString::fromStdString(config.error().toString()));
    Mocks mocks{std::move(*config), {}};
    const Model::Json machines = read->value.value("StateMachines", Model::Json::object());
    for (auto machine = machines.begin(); machine != machines.end(); ++machine) {
        if (!machine->is_object())
            continue;
        const Model::Json testCases = machine->value("TestCases", Model::Json::object());
        for (auto it = testCases.begin(); it != testCases.end(); ++it) {
            const QString name = QString::fromStdString(it.key());
            if (!mocks.testCases.contains(name))
                mocks.testCases << name;
        }
    }
    return mocks;
}

} // namespace Stepwise::App::RunFiles
