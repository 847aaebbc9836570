#include "simulator/tasks/itemreader.h"

#include "model/json/jsonreader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Stepwise::Sim {

using Model::Json;

namespace {

Failure readerFailed(std::string cause)
{
    return {"States.ItemReaderFailed", std::move(cause)};
}

std::string textParameter(const Json &parameters, const char *name)
{
    auto it = parameters.is_object() ? parameters.find(name) : parameters.end();
    return it != parameters.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One CSV record per line, RFC 4180 quoting ("" inside quotes, line breaks inside quotes).
std::vector<std::vector<std::string>> parseCsv(const std::string &text, char delimiter)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == delimiter) {
            row.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            if (any || !field.empty()) {
                row.push_back(std::move(field));
                rows.push_back(std::move(row));
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

Outcome<Json> csvItems(const std::string &text, const Json &config)
{
    std::string delimiterName = textParameter(config, "CSVDelimiter");
    char delimiter = ',';
    if (delimiterName == "SEMICOLON")
        delimiter = ';';
    else if (delimiterName == "PIPE")
        delimiter = '|';
    else if (delimiterName == "TAB")
        delimiter = '\t';
    else if (delimiterName == "SPACE")
        delimiter = ' ';
    auto rows = parseCsv(text, delimiter);
    std::vector<std::string> headers;
    size_t first = 0;
    if (textParameter(config, "CSVHeaderLocation") == "GIVEN") {
        auto given = config.find("CSVHeaders");
        if (given == config.end() || !given->is_array())
            return readerFailed("CSVHeaders must be given when CSVHeaderLocation is GIVEN.");
        for (const Json &h : *given)
            headers.push_back(h.is_string() ? h.get<std::string>() : h.dump());
    } else {
        if (rows.empty())
            return Json::array();
        headers = rows.front();
        first = 1;
    }
    std::vector<std::string> sorted = headers;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
        return readerFailed("CSV headers cannot contain duplicates.");
    Json items = Json::array();
    for (size_t r = first; r < rows.size(); ++r) {
        // Fields beyond the headers are dropped; missing ones are empty (as AWS reads them).
        const auto &row = rows[r];
        Json item = Json::object();
        for (size_t c = 0; c < headers.size(); ++c)
            item[headers[c]] = c < row.size() ? row[c] : std::string();
        items.push_back(std::move(item));
    }
    return items;
}

Outcome<Json> jsonLinesItems(const std::string &text, const std::string &where)
{
    Json items = Json::array();
    size_t start = 0;
    int line = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        ++line;
        std::string_view view(text.data() + start, end - start);
        if (!view.empty() && view.back() == '\r')
            view.remove_suffix(1);
        if (view.find_first_not_of(" \t") != std::string_view::npos) {
            auto parsed = Model::readJson(std::string(view), {false});
            if (!parsed)
                return readerFailed("Line " + std::to_string(line) + " of " + where
                                    + " is not JSON: " + parsed.error().message);
            items.push_back(std::move(parsed->value));
        }
        start = end + 1;
    }
    return items;
}

Outcome<Json> objectListing(const QString &bucketDir, const std::string &prefix)
{
    Json items = Json::array();
    std::vector<std::pair<std::string, QFileInfo>> files;
    QDirIterator it(bucketDir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const std::string key = QDir(bucketDir).relativeFilePath(it.filePath()).toStdString();
        if (key.compare(0, prefix.size(), prefix) == 0)
            files.emplace_back(key, it.fileInfo());
    }
    // S3 lists keys in UTF-8 binary order.
    std::sort(files.begin(), files.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[key, info] : files) {
        QFile file(info.filePath());
        QByteArray etag;
        if (file.open(QIODevice::ReadOnly))
            etag = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Md5).toHex();
        Json item = Json::object();
        item["Etag"] = "\"" + etag.toStdString() + "\"";
        item["Key"] = key;
        item["LastModified"]
            = info.lastModified().toUTC().toString(Qt::ISODateWithMs).toStdString();
        item["Size"] = static_cast<long long>(info.size());
        item["StorageClass"] = "STANDARD";
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace

Outcome<Json> readItems(const ItemReaderRequest &request)
{
    static const std::string getObject = "arn:aws:states:::s3:getObject";
    static const std::string listObjects = "arn:aws:states:::s3:listObjectsV2";
    if (request.resource != getObject && request.resource != listObjects) {
        return Failure{"States.Runtime", "ItemReader resource '" + request.resource
                                             + "' is not available in the simulator (it reads "
                                               "s3:getObject and s3:listObjectsV2)."};
    }
    if (request.s3Root.empty()) {
        return Failure{"States.Runtime",
                       "The ItemReader reads from S3: give a folder standing in for S3 "
                       "(stepwise-cli run --s3-dir DIR; s3://bucket/key is DIR/bucket/key)."};
    }
    const std::string bucket = textParameter(request.parameters, "Bucket");
    if (bucket.empty() || bucket.find('/') != std::string::npos || bucket == "." || bucket == "..")
        return readerFailed("The ItemReader's Parameters must name a Bucket.");
    const QString bucketDir
        = QDir(QString::fromStdString(request.s3Root)).filePath(QString::fromStdString(bucket));
    if (!QFileInfo(bucketDir).isDir())
        return readerFailed("The specified bucket does not exist: " + bucket);

    Json items;
    if (request.resource == listObjects) {
        auto listed = objectListing(bucketDir, textParameter(request.parameters, "Prefix"));
        if (!listed.ok())
            return listed;
        items = std::move(listed.value());
    } else {
        const std::string key = textParameter(request.parameters, "Key");
        const std::string where = "s3://" + bucket + "/" + key;
        const QString path = QDir::cleanPath(QDir(bucketDir).filePath(QString::fromStdString(key)));
        if (key.empty() || !path.startsWith(QDir::cleanPath(bucketDir) + "/"))
            return readerFailed("The ItemReader's Parameters must name a Key inside the bucket.");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return readerFailed("The specified key does not exist: " + where);
        const std::string text = file.readAll().toStdString();
        const std::string inputType = textParameter(request.readerConfig, "InputType");
        if (inputType == "CSV") {
            auto read = csvItems(text, request.readerConfig);
            if (!read.ok())
                return read;
            items = std::move(read.value());
        } else if (inputType == "JSONL") {
            auto read = jsonLinesItems(text, where);
            if (!read.ok())
                return read;
            items = std::move(read.value());
        } else if (inputType.empty() || inputType == "JSON") {
            auto parsed = Model::readJson(text, {false});
            if (!parsed)
                return readerFailed(where + " is not JSON: " + parsed.error().message);
            items = std::move(parsed->value);
        } else {
            return readerFailed("InputType " + inputType + " is not read by the simulator.");
        }
    }
    return items;
}

} // namespace Stepwise::Sim
