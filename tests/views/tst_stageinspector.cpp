#include "views/debug/linediff.h"
#include "views/debug/stageinspector.h"

#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QtTest>

using namespace Stepwise;
using Model::Json;

// The data inspector: a visit's stages by TestState's names, each stage's JSON, the diff
// between two stages, and the expression console.
class tst_StageInspector : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void diffLines_data();
    void diffLines();
    void showsEveryStageOfAVisit();
    void clickingAStageShowsItsJson();
    void compareShowsTheDiff();
    void keepsTheStageAcrossVisits();
    void consoleEvaluatesOnlyWhenPaused();

  private:
    static Views::StageVisit publishVisit()
    {
        Views::StageVisit visit;
        visit.stateName = QStringLiteral("Publish");
        visit.title = QStringLiteral("Publish, visit 1");
        visit.stages = {
            {QStringLiteral("input"), Json{{"message", "Hi"}, {"timer_seconds", 10}}},
            {QStringLiteral("afterInputPath"), Json{{"message", "Hi"}, {"timer_seconds", 10}}},
            {QStringLiteral("afterParameters"), Json{{"Message", "Hi"}}},
            {QStringLiteral("result"), Json{{"MessageId", "m-1"}}},
            {QStringLiteral("afterResultSelector"), Json{{"MessageId", "m-1"}}},
            {QStringLiteral("afterResultPath"), Json{{"MessageId", "m-1"}}},
            {QStringLiteral("output"), Json{{"MessageId", "m-1"}}},
        };
        return visit;
    }
};

void tst_StageInspector::diffLines_data()
{
    QTest::addColumn<QStringList>("left");
    QTest::addColumn<QStringList>("right");
    QTest::addColumn<QString>("expected"); // one char per line: = - +
    QTest::newRow("same") << QStringList{"a", "b"} << QStringList{"a", "b"} << "==";
    QTest::newRow("changed middle")
        << QStringList{"{", "x: 1", "}"} << QStringList{"{", "x: 2", "}"} << "=-+=";
    QTest::newRow("added") << QStringList{"a"} << QStringList{"a", "b"} << "=+";
    QTest::newRow("removed") << QStringList{"a", "b", "c"} << QStringList{"a", "c"} << "=-=";
    QTest::newRow("empty left") << QStringList{} << QStringList{"a"} << "+";
}

void tst_StageInspector::diffLines()
{
    QFETCH(QStringList, left);
    QFETCH(QStringList, right);
    QFETCH(QString, expected);
    QString got;
    for (const Views::DiffLine &line : Views::diffLines(left, right))
        got += line.kind == Views::DiffLine::Kind::Same      ? QLatin1Char('=')
               : line.kind == Views::DiffLine::Kind::Removed ? QLatin1Char('-')
                                                             : QLatin1Char('+');
    QCOMPARE(got, expected);
}

void tst_StageInspector::showsEveryStageOfAVisit()
{
    Views::StageInspector inspector;
    inspector.setVisit(publishVisit());
    QCOMPARE(inspector.stageNames(),
             (QStringList{"input", "afterInputPath", "afterParameters", "result",
                          "afterResultSelector", "afterResultPath", "output"}));
    // A new visit opens on its output.
    QCOMPARE(inspector.currentStage(), QStringLiteral("output"));
    QVERIFY(inspector.shownText().contains(QStringLiteral("\"MessageId\": \"m-1\"")));
}

void tst_StageInspector::clickingAStageShowsItsJson()
{
    Views::StageInspector inspector;
    inspector.resize(600, 500);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setVisit(publishVisit());
    auto *list = inspector.findChild<QListWidget *>(QStringLiteral("stageList"));
    QVERIFY(list);
    const QRect row = list->visualItemRect(list->item(2));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(inspector.currentStage(), QStringLiteral("afterParameters"));
    QCOMPARE(inspector.shownText(), QString::fromStdString(Json{{"Message", "Hi"}}.dump(2)));
}

void tst_StageInspector::compareShowsTheDiff()
{
    Views::StageInspector inspector;
    inspector.setVisit(publishVisit());
    inspector.setCurrentStage(QStringLiteral("afterParameters"));
    inspector.setCompareStage(QStringLiteral("input"));
    const QStringList lines = inspector.shownText().split(QLatin1Char('\n'));
    QVERIFY(lines.contains(QStringLiteral("-   \"message\": \"Hi\",")));
    QVERIFY(lines.contains(QStringLiteral("-   \"timer_seconds\": 10")));
    QVERIFY(lines.contains(QStringLiteral("+   \"Message\": \"Hi\"")));
    inspector.setCompareStage(QString());
    QVERIFY(!inspector.shownText().startsWith(QLatin1Char('-')));
}

void tst_StageInspector::keepsTheStageAcrossVisits()
{
    Views::StageInspector inspector;
    inspector.setVisit(publishVisit());
    inspector.setCurrentStage(QStringLiteral("result"));
    Views::StageVisit next = publishVisit();
    next.stages[3].second = Json{{"MessageId", "m-2"}};
    inspector.setVisit(next);
    QCOMPARE(inspector.currentStage(), QStringLiteral("result"));
    QVERIFY(inspector.shownText().contains(QStringLiteral("m-2")));
}

void tst_StageInspector::consoleEvaluatesOnlyWhenPaused()
{
    Views::StageInspector inspector;
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QVERIFY(!inspector.expressionInput()->isEnabled());
    inspector.setEvaluator([](const QString &expression, bool *ok) {
        *ok = expression == QStringLiteral("$.message");
        return *ok ? QStringLiteral("\"Hi\"") : QStringLiteral("no such path");
    });
    QVERIFY(inspector.expressionInput()->isEnabled());
    QTest::keyClicks(inspector.expressionInput(), QStringLiteral("$.message"));
    QTest::keyClick(inspector.expressionInput(), Qt::Key_Return);
    QCOMPARE(inspector.expressionResult(), QStringLiteral("\"Hi\""));
    inspector.expressionInput()->clear();
    QTest::keyClicks(inspector.expressionInput(), QStringLiteral("$.nope"));
    QTest::keyClick(inspector.expressionInput(), Qt::Key_Return);
    QCOMPARE(inspector.expressionResult(), QStringLiteral("Error: no such path"));
}

QTEST_MAIN(tst_StageInspector)
#include "tst_stageinspector.moc"
