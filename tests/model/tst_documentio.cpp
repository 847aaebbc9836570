#include "model/document.h"
#include "model/io/autosave.h"
#include "model/io/documentio.h"
#include "model/io/yamlconvert.h"
#include "model/json/jsonreader.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Stepwise::Model;

class tst_DocumentIo : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void yamlRoundTripsCorpus_data();
    void yamlRoundTripsCorpus();
    void yamlScalarsFollowCoreSchema_data();
    void yamlScalarsFollowCoreSchema();
    void yamlErrorsHaveLineAndColumn();
    void saveAndReopenKeepsAslAndLayout_data();
    void saveAndReopenKeepsAslAndLayout();
    void failedSaveKeepsDocumentModified();
    void brokenFileLeavesDocumentUntouched();
    void openingAFileTellsEveryViewOnce();
    void autosaveIsRecoverableAfterCrash();
    void cleanEndLeavesNothingToRecover();
};

static Json readFile(const QString &path)
{
    auto parsed = readJsonFile(path.toStdString());
    return parsed ? parsed->value : Json();
}

void tst_DocumentIo::yamlRoundTripsCorpus_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    QVERIFY2(files.size() > 20, "the shared corpus is missing");
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void tst_DocumentIo::yamlRoundTripsCorpus()
{
    QFETCH(QString, file);
    Json original = readFile(file);
    QVERIFY(original.is_object());
    std::string yaml = jsonToYaml(original);
    Result<Json> back = yamlToJson(yaml);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().toString().c_str());
    // Same values, same key order.
    QCOMPARE(QString::fromStdString(back->dump(1)), QString::fromStdString(original.dump(1)));
}

void tst_DocumentIo::yamlScalarsFollowCoreSchema_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("json");
    QTest::newRow("integer") << "a: 10"
                             << R"({"a":10})";
    QTest::newRow("negative") << "a: -3"
                              << R"({"a":-3})";
    QTest::newRow("float") << "a: 0.5"
                           << R"({"a":0.5})";
    QTest::newRow("bool") << "a: true"
                          << R"({"a":true})";
    QTest::newRow("null") << "a: ~"
                          << R"({"a":null})";
    QTest::newRow("quotedNumber") << "a: \"10\""
                                  << R"({"a":"10"})";
    QTest::newRow("quotedBool") << "a: 'true'"
                                << R"({"a":"true"})";
    QTest::newRow("yesIsAString") << "a: yes"
                                  << R"({"a":"yes"})";
    QTest::newRow("path") << "a: $.x[0]"
                          << R"({"a":"$.x[0]"})";
    QTest::newRow("jsonata") << "a: '{% $x + 1 %}'"
                             << R"({"a":"{% $x + 1 %}"})";
    QTest::newRow("order") << "z: 1\na: 2\nm: 3"
                           << R"({"z":1,"a":2,"m":3})";
    QTest::newRow("sequence") << "a:\n  - 1\n  - x"
                              << R"({"a":[1,"x"]})";
}

void tst_DocumentIo::yamlScalarsFollowCoreSchema()
{
    QFETCH(QString, yaml);
    QFETCH(QString, json);
    Result<Json> value = yamlToJson(yaml.toStdString());
    QVERIFY(value.ok());
    QCOMPARE(QString::fromStdString(value->dump()), json);
    // And back: what we write reads as the same value.
    Result<Json> again = yamlToJson(jsonToYaml(*value));
    QVERIFY(again.ok());
    QCOMPARE(QString::fromStdString(again->dump()), json);
}

void tst_DocumentIo::yamlErrorsHaveLineAndColumn()
{
    Result<Json> value = yamlToJson("StartAt: A\nStates:\n  A: [1, 2\n");
    QVERIFY(!value.ok());
    QVERIFY(value.error().location.line >= 3);
    QVERIFY(!value.error().message.empty());
}

void tst_DocumentIo::saveAndReopenKeepsAslAndLayout_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    const QString timer = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");
    QTest::newRow("json") << timer << "saved.asl.json";
    QTest::newRow("yaml") << timer << "saved.asl.yaml";
    QTest::newRow("yml") << timer << "saved.yml";
    const QStringList corpus
        = Stepwise::Tests::filesUnder(Stepwise::Tests::sharedPath("corpus/real-world"));
    QVERIFY(!corpus.isEmpty());
    QTest::newRow("corpusJson") << corpus.last() << "corpus.asl.json";
    QTest::newRow("corpusYaml") << corpus.last() << "corpus.asl.yaml";
}

void tst_DocumentIo::saveAndReopenKeepsAslAndLayout()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QTemporaryDir dir;
    Document document;
    QVERIFY(loadDocument(document, source).ok());
    QVERIFY(!document.isModified());
    const std::vector<StateId> states = document.workflow()->allStates();
    QVERIFY(!states.empty());
    for (size_t i = 0; i < states.size(); ++i)
        document.layout()->setPosition(states[i], QPointF(10.0 * i, 20.5 * i));

    const QString path = dir.filePath(target);
    QVERIFY(saveDocument(document, path).ok());
    QCOMPARE(document.filePath(), path);
    QVERIFY(QFileInfo::exists(layoutSidecarPath(path)));
    // A YAML file really is YAML.
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.peek(1) == "{", formatForPath(path) == FileFormat::Json);

    Document reopened;
    QVERIFY(loadDocument(reopened, path).ok());
    QCOMPARE(QString::fromStdString(reopened.workflow()->toJson().dump(1)),
             QString::fromStdString(document.workflow()->toJson().dump(1)));
    for (size_t i = 0; i < states.size(); ++i) {
        const std::string pointer = document.workflow()->pointer(states[i]);
        StateId again = reopened.workflow()->stateAtPointer(pointer);
        QVERIFY(again != 0);
        QCOMPARE(reopened.layout()->position(again).value_or(QPointF(-1, -1)),
                 QPointF(10.0 * i, 20.5 * i));
    }
}

void tst_DocumentIo::failedSaveKeepsDocumentModified()
{
    Document document;
    QVERIFY(loadDocument(document, QStringLiteral(":/missing")).ok() == false);
    document.workflow()->load(Json::parse(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})"));
    document.undoStack()->resetClean();
    Result<bool> saved = saveDocument(document, QStringLiteral("/nonexistent-dir/x.asl.json"));
    QVERIFY(!saved.ok());
    QVERIFY(!saved.error().message.empty());
    QVERIFY(document.isModified());
    QVERIFY(document.filePath().isEmpty());
}

void tst_DocumentIo::brokenFileLeavesDocumentUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.asl.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\",}\n");
    file.close();
    Document document;
    document.workflow()->load(Json::parse(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})"));
    QSignalSpy announced(&document, &Document::loaded);
    Result<bool> loaded = loadDocument(document, path);
    QVERIFY(!loaded.ok());
    // Nothing was opened, so no view is told to reset.
    QCOMPARE(announced.count(), 0);
    QCOMPARE(loaded.error().location.line, 4);
    QCOMPARE(QString::fromStdString(loaded.error().location.file), path);
    QCOMPARE(document.workflow()->allStates().size(), size_t(1));
    QVERIFY(document.filePath().isEmpty());
}

void tst_DocumentIo::openingAFileTellsEveryViewOnce()
{
    const QString timer = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");
    Document document;
    QSignalSpy announced(&document, &Document::loaded);
    QVERIFY(loadDocument(document, timer).ok());
    QCOMPARE(announced.count(), 1);
    QCOMPARE(announced.at(0).at(0).toString(), timer);
    // The path is already the document's when the views hear of it.
    QCOMPARE(document.filePath(), timer);
}

void tst_DocumentIo::autosaveIsRecoverableAfterCrash()
{
    QTemporaryDir dir;
    const QString timer = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/timer.asl.json");
    Json edited;
    {
        Document document;
        QVERIFY(loadDocument(document, timer).ok());
        Autosave autosave(&document, dir.path());
        QVERIFY(Autosave::findRecoverable(dir.path()).empty());
        StateId wait = document.workflow()->findState(document.workflow()->rootScope(), "Wait");
        document.workflow()->setField(wait, "Seconds", 5);
        document.workflow()->removeField(wait, "SecondsPath");
        document.undoStack()->resetClean(); // what any pushed edit does
        QVERIFY(autosave.saveNow());
        edited = document.workflow()->toJson();
        // While this session runs its copy is not offered to another one.
        QVERIFY(Autosave::findRecoverable(dir.path()).empty());
    } // the session ends without discard(): as after a crash
    std::vector<RecoveryEntry> entries = Autosave::findRecoverable(dir.path());
    QCOMPARE(entries.size(), size_t(1));
    QCOMPARE(entries[0].originalPath, timer);
    Document recovered;
    QVERIFY(Autosave::recover(entries[0], recovered).ok());
    QCOMPARE(QString::fromStdString(recovered.workflow()->toJson().dump()),
             QString::fromStdString(edited.dump()));
    QVERIFY(recovered.isModified());
    QCOMPARE(recovered.filePath(), timer);
    Autosave::remove(entries[0]);
    QVERIFY(Autosave::findRecoverable(dir.path()).empty());
}

void tst_DocumentIo::cleanEndLeavesNothingToRecover()
{
    QTemporaryDir dir;
    {
        Document document;
        document.workflow()->load(
            Json::parse(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})"));
        document.undoStack()->resetClean();
        Autosave autosave(&document, dir.path());
        QVERIFY(autosave.saveNow());
        QVERIFY(QFileInfo::exists(autosave.definitionPath()));
        autosave.discard();
        QVERIFY(!QFileInfo::exists(autosave.definitionPath()));
    }
    QVERIFY(Autosave::findRecoverable(dir.path()).empty());
}

QTEST_GUILESS_MAIN(tst_DocumentIo)
#include "tst_documentio.moc"
