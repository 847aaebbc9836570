// A distributed Map's ItemReader reading from a folder standing in for S3: the recorded AWS
// executions (with the objects they read rebuilt under data/itemreader/) and each input type.
#include "conformancecompare.h"
#include "model/json/jsonreader.h"
#include "simulator/engine/compiledmachine.h"
#include "simulator/engine/execution.h"
#include "simulator/tasks/itemreader.h"
#include "testdata.h"

#include <QtTest>

using namespace Stepwise;
using Stepwise::Model::Json;

namespace {

Json parse(const std::string &text)
{
    auto parsed = Model::readJson(text, {false});
    return parsed ? parsed->value : Json();
}

QString fixture(const QString &name)
{
    return QStringLiteral(STEPWISE_SOURCE_DIR "/tests/simulator/data/itemreader/") + name;
}

Sim::Outcome<Json> readFixture(const std::string &resource, const std::string &parameters,
                               const std::string &config = "{}")
{
    Sim::ItemReaderRequest request;
    request.resource = resource;
    request.parameters = parse(parameters);
    request.readerConfig = parse(config);
    request.s3Root = fixture("listing").toStdString();
    return Sim::readItems(request);
}

} // namespace

class tst_ItemReader : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void reproducesRecordedExecutions_data();
    void reproducesRecordedExecutions();
    void readsEachInputType_data();
    void readsEachInputType();
    void failuresNameTheObject();
    void withoutAFolderTheMessageSaysHowToGiveOne();
};

void tst_ItemReader::reproducesRecordedExecutions_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("objects");
    const char *csvCases[] = {"csv_max_items_2_",
                              "csv_max_items_0_",
                              "csv_max_items_100000000_",
                              "csv_max_items_paths_2_",
                              "csv_max_items_paths_0_",
                              "csv_max_items_paths_-1_",
                              "csv_max_items_paths_100000000_",
                              "csv_max_items_paths_100000001_",
                              "csv_headers_decl_duplicate_headers"};
    for (const char *name : csvCases)
        QTest::newRow(name) << name << "csv-four-rows";
    QTest::newRow("base_csv_headers_decl") << "base_csv_headers_decl"
                                           << "csv-three-columns";
    QTest::newRow("csv_headers_decl_extra_fields") << "csv_headers_decl_extra_fields"
                                                   << "csv-three-columns";
    QTest::newRow("csv_first_row_extra_fields") << "csv_first_row_extra_fields"
                                                << "csv-header-and-blank";
    QTest::newRow("json_no_json_list_object") << "json_no_json_list_object"
                                              << "json-object";
}

void tst_ItemReader::reproducesRecordedExecutions()
{
    QFETCH(QString, caseName);
    QFETCH(QString, objects);
    const QString file = Tests::sharedPath(
        "conformance/localstack/executions/scenarios/base_scenarios.map_item_reader_" + caseName
        + "__get_execution_history.json");
    auto parsed = Model::readJsonFile(file.toStdString(), {false});
    QVERIFY2(parsed.ok(), qPrintable(file));
    const Json &testCase = parsed->value;
    auto machine = Sim::CompiledMachine::compile(testCase["definition"]);
    QVERIFY(machine.ok());
    Sim::ExecutionOptions options;
    options.s3Root = fixture(objects).toStdString();
    Sim::Execution execution(machine.value(), testCase["input"], options);
    execution.run();

    Json actual = Json::object();
    if (execution.status() == Sim::ExecutionStatus::Succeeded) {
        actual["status"] = "SUCCEEDED";
        actual["output"] = execution.output().dump();
    } else {
        actual["status"] = "FAILED";
        actual["error"] = execution.hasError() ? Json(execution.failure().error) : Json();
        actual["cause"] = execution.hasCause() ? Json(execution.failure().cause) : Json();
    }
    std::string why;
    QVERIFY2(Tests::compareExecution(testCase, actual, why), why.c_str());

    // The items are read once the map run started, so a failure shows after MapRunStarted.
    QStringList want, got;
    for (const Json &event : testCase["history"])
        want << QString::fromStdString(event.value("type", ""));
    for (const Sim::HistoryEvent &event : execution.history())
        got << QString::fromStdString(std::string(event.typeName()));
    QCOMPARE(got, want);
}

void tst_ItemReader::readsEachInputType_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("parameters");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("expected");

    QTest::newRow("JSON Lines, blank lines skipped")
        << "arn:aws:states:::s3:getObject"
        << R"({"Bucket": "photos", "Key": "orders.jsonl"})"
        << R"({"InputType": "JSONL"})"
        << R"([{"id": 1}, {"id": 2, "tags": ["x"]}, {"id": 3}])";
    QTest::newRow("CSV quoting") << "arn:aws:states:::s3:getObject"
                                 << R"({"Bucket": "photos", "Key": "quoted.csv"})"
                                 << R"({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})"
                                 << R"([{"name": "Ann \"A\"", "quote, with comma": "1"}])";
    QTest::newRow("listing by prefix, in key order") << "arn:aws:states:::s3:listObjectsV2"
                                                     << R"({"Bucket": "photos", "Prefix": "2026/"})"
                                                     << "{}"
                                                     << R"(["2026/01/a.txt", "2026/02/b.txt"])";
}

void tst_ItemReader::readsEachInputType()
{
    QFETCH(QString, resource);
    QFETCH(QString, parameters);
    QFETCH(QString, config);
    QFETCH(QString, expected);
    auto items
        = readFixture(resource.toStdString(), parameters.toStdString(), config.toStdString());
    QVERIFY2(items.ok(), items.ok() ? "" : items.failure().cause.c_str());
    Json got = items.value();
    if (resource.endsWith("listObjectsV2")) {
        // Listings carry Etag, LastModified, Size, StorageClass too; compare the keys.
        Json keys = Json::array();
        for (const Json &object : got) {
            QVERIFY(object.contains("Etag") && object.contains("LastModified"));
            QCOMPARE(object["StorageClass"], Json("STANDARD"));
            keys.push_back(object["Key"]);
        }
        QCOMPARE(got[1]["Size"], Json(2));
        got = keys;
    }
    QCOMPARE(QString::fromStdString(got.dump()),
             QString::fromStdString(parse(expected.toStdString()).dump()));
}

void tst_ItemReader::failuresNameTheObject()
{
    auto missing
        = readFixture("arn:aws:states:::s3:getObject", R"({"Bucket": "photos", "Key": "nope.csv"})",
                      R"({"InputType": "CSV"})");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.failure().error, std::string("States.ItemReaderFailed"));
    QVERIFY(missing.failure().cause.find("s3://photos/nope.csv") != std::string::npos);

    auto noBucket
        = readFixture("arn:aws:states:::s3:getObject", R"({"Bucket": "other", "Key": "a"})");
    QVERIFY(!noBucket.ok());
    QVERIFY(noBucket.failure().cause.find("other") != std::string::npos);

    // A key cannot climb out of its bucket.
    auto escape = readFixture("arn:aws:states:::s3:getObject",
                              R"({"Bucket": "photos", "Key": "../photos/x"})");
    QVERIFY(!escape.ok());

    auto badLine
        = readFixture("arn:aws:states:::s3:getObject",
                      R"({"Bucket": "photos", "Key": "quoted.csv"})", R"({"InputType": "JSONL"})");
    QVERIFY(!badLine.ok());
    QVERIFY(badLine.failure().cause.find("Line 1") != std::string::npos);
}

void tst_ItemReader::withoutAFolderTheMessageSaysHowToGiveOne()
{
    Sim::ItemReaderRequest request;
    request.resource = "arn:aws:states:::s3:getObject";
    request.parameters = parse(R"({"Bucket": "b", "Key": "k"})");
    auto items = Sim::readItems(request);
    QVERIFY(!items.ok());
    QVERIFY(items.failure().cause.find("--s3-dir") != std::string::npos);
}

QTEST_GUILESS_MAIN(tst_ItemReader)
#include "tst_itemreader.moc"
