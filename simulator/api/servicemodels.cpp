#include "simulator/api/servicemodels.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace Stepwise::Api {

namespace {

QString lowerAlnum(const QString &text)
{
    QString out;
    for (QChar c : text)
        if (c.isLetterOrNumber())
            out += c.toLower();
    return out;
}

// The AWS SDKs name a client after the model's serviceId without spaces and without a
// trailing "Service" ("Config Service" -> config, "CloudWatch Logs" -> cloudwatchlogs); ASL's
// aws-sdk resources use those names.
QString sdkClientName(const QString &serviceId)
{
    QString name = lowerAlnum(serviceId);
    if (name.endsWith(QLatin1String("service")) && name.size() > 7)
        name.chop(7);
    return name;
}

// The serviceId sits in the metadata near the top: reading a few kilobytes spares parsing
// every model of the folder just to index it.
QString serviceIdOf(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression id(QStringLiteral("\"serviceId\"\\s*:\\s*\"([^\"]+)\""));
    const auto match = id.match(QString::fromUtf8(in.read(16384)));
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

ServiceModels::ServiceModels(std::string directory)
    : m_directory(std::move(directory))
{}

std::string ServiceModels::defaultDirectory()
{
    return "/usr/lib/python3/dist-packages/botocore/data";
}

std::size_t ServiceModels::serviceCount()
{
    std::lock_guard lock(m_mutex);
    indexLocked();
    return m_serviceCount;
}

void ServiceModels::indexLocked()
{
    if (m_indexed)
        return;
    m_indexed = true;
    const QDir root(QString::fromStdString(m_directory));
    std::map<std::string, std::string> byClientName;
    for (const QString &service : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QDir folder(root.filePath(service));
        // API versions are dates: the last in name order is the newest.
        QStringList versions = folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QString file;
        for (auto it = versions.crbegin(); it != versions.crend() && file.isEmpty(); ++it) {
            const QString candidate = folder.filePath(*it + QStringLiteral("/service-2.json"));
            if (QFile::exists(candidate))
                file = candidate;
        }
        if (file.isEmpty())
            continue;
        ++m_serviceCount;
        m_files[service.toLower().toStdString()] = file.toStdString();
        const QString id = serviceIdOf(file);
        if (!id.isEmpty())
            byClientName.emplace(sdkClientName(id).toStdString(), file.toStdString());
        byClientName.emplace(lowerAlnum(service).toStdString(), file.toStdString());
    }
    // A folder name wins over a client name that happens to spell it.
    for (auto &[name, file] : byClientName)
        m_files.emplace(name, file);
    // Optimized integrations name Step Functions itself "states".
    if (auto it = m_files.find("stepfunctions"); it != m_files.end())
        m_files.emplace("states", it->second);
}

bool ServiceModels::firstReport(const std::string &what)
{
    std::lock_guard lock(m_mutex);
    return m_reported.insert(what).second;
}

std::shared_ptr<const nlohmann::json> ServiceModels::model(const std::string &serviceName)
{
    std::lock_guard lock(m_mutex);
    indexLocked();
    auto file = m_files.find(QString::fromStdString(serviceName).toLower().toStdString());
    if (file == m_files.end())
        return nullptr;
    if (auto loaded = m_loaded.find(file->second); loaded != m_loaded.end())
        return loaded->second;
    QFile in(QString::fromStdString(file->second));
    std::shared_ptr<const nlohmann::json> model;
    if (in.open(QIODevice::ReadOnly)) {
        const QByteArray text = in.readAll();
        auto parsed = nlohmann::json::parse(text.constData(), text.constData() + text.size(),
                                            nullptr, false);
        if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("shapes"))
            model = std::make_shared<const nlohmann::json>(std::move(parsed));
    }
    m_loaded[file->second] = model; // an unreadable model is not read again
    return model;
}

} // namespace Stepwise::Api
