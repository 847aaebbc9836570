#pragma once

#include "model/json/json.h"
#include "model/json/jsonreader.h"
#include "model/result.h"

#include <QByteArray>
#include <QString>

namespace Stepwise::Model {

class Document;

enum class FileFormat { Json, Yaml };

// .yaml and .yml are YAML; everything else is JSON.
FileFormat formatForPath(const QString &path);
// "<definition>.layout.json", where the canvas positions are kept.
QString layoutSidecarPath(const QString &definitionPath);

// A definition read from bytes: the value, and for JSON the source map of its text.
struct LoadedDefinition
{
    Json definition;
    SourceMap sourceMap;
    FileFormat format = FileFormat::Json;
};

Result<LoadedDefinition> parseDefinition(const QByteArray &bytes, FileFormat format);
// The bytes written for a definition: canonical JSON, or YAML.
QByteArray serializeDefinition(const Json &definition, FileFormat format);

// Opens the file into the document: definition, layout sidecar when there is one, a clean
// undo history, the file path. On failure the document is left as it was.
Result<bool> loadDocument(Document &document, const QString &path);
// Opens a definition that has no file (one fetched from an endpoint): the document becomes
// untitled, with a clean undo history, and the views reset as after opening a file.
Result<bool> loadDocumentText(Document &document, const QByteArray &bytes, FileFormat format);
// Writes definition (format from the file name) and sidecar atomically, marks the undo
// stack clean and remembers the path. Nothing changes in the document on failure.
Result<bool> saveDocument(Document &document, const QString &path);
// Writes the definition only, in the format the path asks for (export; the document keeps
// its own path and modified state).
Result<bool> exportDefinition(const Document &document, const QString &path);

} // namespace Stepwise::Model
