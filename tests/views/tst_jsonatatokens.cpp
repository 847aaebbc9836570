#include "views/editor/jsonatatokens.h"

#include <QtTest>

using namespace Stepwise;
using Kind = Views::JsonataToken::Kind;

class tst_JsonataTokens : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void coloursEachPart_data();
    void coloursEachPart();
    void findsTheExpressionInALiteral_data();
    void findsTheExpressionInALiteral();
};

namespace {

QString describe(QStringView text, const std::vector<Views::JsonataToken> &tokens)
{
    static const char *names[] = {"delim", "var", "fn", "str", "num", "kw", "op"};
    QStringList parts;
    for (const Views::JsonataToken &token : tokens) {
        parts << QStringLiteral("%1:%2").arg(QLatin1String(names[int(token.kind)]),
                                             text.mid(token.start, token.length));
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

void tst_JsonataTokens::coloursEachPart_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("inJson");
    QTest::addColumn<QString>("expected");
    QTest::newRow("variable and number")
        << "{% $x + 1 %}" << false << "delim:{% var:$x op:+ num:1 delim:%}";
    QTest::newRow("states and a path")
        << "{% $states.input.total %}" << false << "delim:{% var:$states op:. op:. delim:%}";
    QTest::newRow("function call")
        << "{% $sum([1, 2.5e3]) %}" << false
        << "delim:{% fn:$sum op:( op:[ num:1 op:, num:2.5e3 op:] op:) delim:%}";
    QTest::newRow("keywords") << "{% true and null or x in y %}" << false
                              << "delim:{% kw:true kw:and kw:null kw:or kw:in delim:%}";
    QTest::newRow("single-quoted string")
        << "{% 'a %} b' & $c %}" << false << "delim:{% str:'a %} b' op:& var:$c delim:%}";
    QTest::newRow("escaped double quotes in JSON text")
        << R"({% \"hi\" & $n %})" << true << R"(delim:{% str:\"hi\" op:& var:$n delim:%})";
    QTest::newRow("double quotes in YAML text")
        << R"({% "hi" %})" << false << R"(delim:{% str:"hi" delim:%})";
    QTest::newRow("not closed yet") << "{% $f(" << false << "delim:{% fn:$f op:(";
    QTest::newRow("lambda") << "{% function($v){ $v * 2 } %}" << false
                            << "delim:{% kw:function op:( var:$v op:) op:{ var:$v op:* num:2 "
                               "op:} delim:%}";
    QTest::newRow("comment") << "{% /* why */ $a %}" << false
                             << "delim:{% op:/* why */ var:$a delim:%}";
}

void tst_JsonataTokens::coloursEachPart()
{
    QFETCH(QString, text);
    QFETCH(bool, inJson);
    QFETCH(QString, expected);
    QCOMPARE(describe(text, Views::jsonataTokens(text, inJson)), expected);
}

void tst_JsonataTokens::findsTheExpressionInALiteral_data()
{
    QTest::addColumn<QString>("literal");
    QTest::addColumn<int>("start");
    QTest::newRow("at once") << "{% 1 %}" << 0;
    QTest::newRow("after spaces") << "  {% 1 %}" << 2;
    QTest::newRow("a plain string") << "hello {% 1 %}" << -1;
    QTest::newRow("a path") << "$.x" << -1;
}

void tst_JsonataTokens::findsTheExpressionInALiteral()
{
    QFETCH(QString, literal);
    QFETCH(int, start);
    QCOMPARE(Views::jsonataStart(literal), start);
}

QTEST_GUILESS_MAIN(tst_JsonataTokens)
#include "tst_jsonatatokens.moc"
