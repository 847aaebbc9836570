#include "simulator/aws/sigv4signing.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>

namespace Stepwise::Sim {

namespace {

QByteArray hmac(const QByteArray &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

} // namespace

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray sigV4Signature(const QByteArray &secretKey, const SigV4Scope &scope,
                          const QByteArray &amzDate, const QByteArray &canonicalRequest)
{
    const QByteArray stringToSign
        = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope.text() + '\n' + sha256Hex(canonicalRequest);
    QByteArray key = hmac("AWS4" + secretKey, scope.date);
    key = hmac(key, scope.region);
    key = hmac(key, scope.service);
    key = hmac(key, "aws4_request");
    return hmac(key, stringToSign).toHex();
}

QList<QPair<QByteArray, QByteArray>>
signPost(const SigV4Credentials &credentials, const QByteArray &host, const QByteArray &path,
         const QList<QPair<QByteArray, QByteArray>> &extraHeaders, const QByteArray &body,
         const QDateTime &now)
{
    const QDateTime utc = now.toUTC();
    const QByteArray amzDate = utc.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const SigV4Scope scope{amzDate.left(8), credentials.region, credentials.service};

    QList<QPair<QByteArray, QByteArray>> added{{"X-Amz-Date", amzDate}};
    if (!credentials.sessionToken.isEmpty())
        added.push_back({"X-Amz-Security-Token", credentials.sessionToken});

    // Signed: host, the caller's headers and ours, by lower-case name.
    QList<QPair<QByteArray, QByteArray>> signedList{{"host", host}};
    for (const auto &[name, value] : extraHeaders + added)
        signedList.push_back({name.toLower(), value.simplified()});
    std::sort(signedList.begin(), signedList.end());
    QByteArray canonicalHeaders, signedNames;
    for (const auto &[name, value] : signedList) {
        canonicalHeaders += name + ':' + value + '\n';
        signedNames += (signedNames.isEmpty() ? "" : ";") + name;
    }
    const QByteArray canonicalRequest = "POST\n" + (path.isEmpty() ? QByteArray("/") : path)
                                        + "\n\n" + canonicalHeaders + '\n' + signedNames + '\n'
                                        + sha256Hex(body);
    const QByteArray signature
        = sigV4Signature(credentials.secretAccessKey, scope, amzDate, canonicalRequest);
    added.push_back({"Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + '/'
                                          + scope.text() + ", SignedHeaders=" + signedNames
                                          + ", Signature=" + signature});
    return added;
}

} // namespace Stepwise::Sim
