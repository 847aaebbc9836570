// The payload quota counts a value's compact JSON text without printing it: the count must
// be the printed length, byte for byte, for every kind of value.
#include "model/json/jsonreader.h"
#include "simulator/expr/jsonsize.h"
#include "testdata.h"

#include <QtTest>

using namespace Stepwise;
using Model::Json;

class tst_JsonSize : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void countsWhatDumpPrints_data();
    void countsWhatDumpPrints();
    void countsSharedFiles_data();
    void countsSharedFiles();
};

void tst_JsonSize::countsWhatDumpPrints_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("null") << "null";
    QTest::newRow("booleans") << "[true, false]";
    QTest::newRow("integers") << "[0, 7, -1, 10, -10, 9223372036854775807, -9223372036854775808]";
    QTest::newRow("unsigned") << "18446744073709551615";
    QTest::newRow("floats") << "[0.1, -2.5, 1e300, 1.0, 100.0, 5e-324, 123456.789, -0.0]";
    QTest::newRow("escapes") << R"(["a\"b\\c\/d", "\b\f\n\r\t", "\u0001\u001f\u007f"])";
    QTest::newRow("unicode") << R"(["é", "日本語", "😀", "\u00e9\ud83d\ude00"])";
    QTest::newRow("emptyContainers") << R"({"a": {}, "b": [], "": ""})";
    QTest::newRow("nested") << R"({"k\"ey": [1, {"x": [null, "y"]}], "z": {"w": -3.25}})";
}

void tst_JsonSize::countsWhatDumpPrints()
{
    QFETCH(QString, text);
    const Json value = Json::parse(text.toStdString());
    QCOMPARE(Sim::jsonTextSize(value), value.dump().size());
}

void tst_JsonSize::countsSharedFiles_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &dir : {QStringLiteral("bench"), QStringLiteral("corpus")}) {
        for (const QString &path : Tests::filesUnder(Tests::sharedPath(dir)))
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }
}

void tst_JsonSize::countsSharedFiles()
{
    QFETCH(QString, path);
    auto parsed = Model::readJsonFile(path.toStdString(), {false, 512, false});
    if (!parsed)
        QSKIP("not JSON");
    QCOMPARE(Sim::jsonTextSize(parsed->value), parsed->value.dump().size());
}

QTEST_GUILESS_MAIN(tst_JsonSize)
#include "tst_jsonsize.moc"
