// SigV4 verification (serve --verify-sigv4): AWS's documented example request verifies with
// its key, and each way of getting it wrong gives AWS's error name.
#include "simulator/api/sigv4.h"

#include <QTemporaryFile>
#include <QtTest>

using namespace Stepwise::Api;

namespace {

// The worked example of AWS's "Create a signed AWS API request" guide (IAM ListUsers).
const QByteArray exampleSignature
    = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

SignedRequest exampleRequest(const QByteArray &keyId, const QByteArray &signature)
{
    SignedRequest request;
    request.method = "GET";
    request.path = "/";
    request.query = "Action=ListUsers&Version=2010-05-08";
    request.headers
        = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
           {"Host", "iam.amazonaws.com"},
           {"X-Amz-Date", "20150830T123600Z"},
           {"Authorization", "AWS4-HMAC-SHA256 Credential=" + keyId
                                 + "/20150830/us-east-1/iam/aws4_request, "
                                   "SignedHeaders=content-type;host;x-amz-date, Signature="
                                 + signature}};
    return request;
}

} // namespace

class tst_SigV4 : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void verify_data();
    void verify();
    void keyFileErrors();
};

void tst_SigV4::verify_data()
{
    QTest::addColumn<QByteArray>("keyId");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<bool>("dropAuthorization");
    QTest::addColumn<QString>("error");
    QTest::newRow("AWS's example verifies")
        << QByteArray("AKIDEXAMPLE") << exampleSignature << false << QString();
    QTest::newRow("one digit off")
        << QByteArray("AKIDEXAMPLE") << QByteArray(exampleSignature).replace(0, 1, "6") << false
        << "InvalidSignatureException";
    QTest::newRow("a key the file does not hold")
        << QByteArray("AKIDOTHER") << exampleSignature << false << "UnrecognizedClientException";
    QTest::newRow("no Authorization header") << QByteArray("AKIDEXAMPLE") << exampleSignature
                                             << true << "MissingAuthenticationTokenException";
    QTest::newRow("no signature") << QByteArray("AKIDEXAMPLE") << QByteArray() << false
                                  << "IncompleteSignatureException";
}

void tst_SigV4::verify()
{
    QFETCH(QByteArray, keyId);
    QFETCH(QByteArray, signature);
    QFETCH(bool, dropAuthorization);
    QFETCH(QString, error);
    QTemporaryFile keys;
    QVERIFY(keys.open());
    keys.write("# the guide's example key\nAKIDEXAMPLE wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n");
    keys.close();
    std::string problem;
    auto verifier = SigV4Verifier::fromFile(keys.fileName().toStdString(), problem);
    QVERIFY2(verifier, problem.c_str());
    SignedRequest request = exampleRequest(keyId, signature);
    if (dropAuthorization)
        request.headers.removeLast();
    const auto result = verifier->verify(request);
    QCOMPARE(result ? QString::fromStdString(result->type) : QString(), error);
}

void tst_SigV4::keyFileErrors()
{
    std::string problem;
    QVERIFY(!SigV4Verifier::fromFile("/nonexistent/keys", problem));
    QVERIFY(problem.find("cannot read") != std::string::npos);
    QTemporaryFile keys;
    QVERIFY(keys.open());
    keys.write("ONLYONEWORD\n");
    keys.close();
    QVERIFY(!SigV4Verifier::fromFile(keys.fileName().toStdString(), problem));
    QVERIFY2(problem.find(":1: expected ACCESS_KEY_ID SECRET_ACCESS_KEY") != std::string::npos,
             problem.c_str());
}

QTEST_GUILESS_MAIN(tst_SigV4)
#include "tst_sigv4.moc"
