#include "model/io/documentio.h"

#include "model/document.h"
#include "model/io/atomicfile.h"
#include "model/io/definitionloader.h"
#include "model/io/yamlconvert.h"
#include "model/json/jsonwriter.h"

#include <QFileInfo>

namespace Stepwise::Model {

namespace {

Error withFile(Error error, const QString &path)
{
    error.location.file = path.toStdString();
    return error;
}

} // namespace

FileFormat formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml")) ? FileFormat::Yaml
                                                                               : FileFormat::Json;
}

QString layoutSidecarPath(const QString &definitionPath)
{
    return definitionPath + QStringLiteral(".layout.json");
}

Result<LoadedDefinition> parseDefinition(const QByteArray &bytes, FileFormat format)
{
    LoadedDefinition loaded;
    loaded.format = format;
    std::string_view text(bytes.constData(), static_cast<size_t>(bytes.size()));
    // The one reader of definitions (stepwise-cli reads through it too), YAML limits included.
    Result<ParsedJson> parsed = readDefinitionText(text, format);
    if (!parsed)
        return parsed.error();
    loaded.definition = std::move(parsed->value);
    loaded.sourceMap = std::move(parsed->sourceMap);
    if (!loaded.definition.is_object()) {
        Error error;
        error.message = "an ASL definition must be an object";
        error.location.line = 1;
        error.location.column = 1;
        return error;
    }
    return loaded;
}

QByteArray serializeDefinition(const Json &definition, FileFormat format)
{
    std::string text
        = format == FileFormat::Yaml ? jsonToYaml(definition) : toCanonicalText(definition);
    return QByteArray::fromStdString(text);
}

Result<bool> loadDocument(Document &document, const QString &path)
{
    Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return bytes.error();
    Result<LoadedDefinition> loaded = parseDefinition(*bytes, formatForPath(path));
    if (!loaded)
        return withFile(loaded.error(), path);

    document.undoStack()->clear();
    Result<bool> ok = document.workflow()->load(loaded->definition);
    if (!ok)
        return withFile(ok.error(), path);
    // A missing or unreadable sidecar only means the canvas lays the states out itself.
    Json sidecar = Json::object();
    const QString sidecarPath = layoutSidecarPath(path);
    if (QFileInfo::exists(sidecarPath)) {
        Result<QByteArray> sidecarBytes = readWholeFile(sidecarPath);
        if (sidecarBytes) {
            Result<ParsedJson> parsed = readJson(
                std::string_view(sidecarBytes->constData(), size_t(sidecarBytes->size())));
            if (parsed)
                sidecar = parsed->value;
        }
    }
    document.layout()->fromSidecar(sidecar, *document.workflow());
    document.undoStack()->setClean();
    document.finishLoading(path);
    return true;
}

Result<bool> loadDocumentText(Document &document, const QByteArray &bytes, FileFormat format)
{
    Result<LoadedDefinition> loaded = parseDefinition(bytes, format);
    if (!loaded)
        return loaded.error();
    document.undoStack()->clear();
    Result<bool> ok = document.workflow()->load(loaded->definition);
    if (!ok)
        return ok.error();
    document.layout()->fromSidecar(Json::object(), *document.workflow());
    document.undoStack()->setClean();
    document.finishLoading(QString());
    return true;
}

Result<bool> saveDocument(Document &document, const QString &path)
{
    const Workflow &workflow = *document.workflow();
    Result<bool> written
        = writeFileAtomically(path, serializeDefinition(workflow.toJson(), formatForPath(path)));
    if (!written)
        return written;
    Json sidecar = document.layout()->toSidecar(workflow);
    written = writeFileAtomically(layoutSidecarPath(path),
                                  QByteArray::fromStdString(toCanonicalText(sidecar)));
    if (!written)
        return written;
    document.undoStack()->setClean();
    document.setFilePath(path);
    return true;
}

Result<bool> exportDefinition(const Document &document, const QString &path)
{
    return writeFileAtomically(
        path, serializeDefinition(document.workflow()->toJson(), formatForPath(path)));
}

} // namespace Stepwise::Model
