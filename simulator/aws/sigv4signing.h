#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace Stepwise::Sim {

// AWS Signature Version 4, as both sides of the local endpoint use it: the endpoint checks
// requests (serve --verify-sigv4) and the designer's Connect to Endpoint signs them.

// The credential scope: "yyyymmdd/region/service/aws4_request".
struct SigV4Scope
{
    QByteArray date; // yyyymmdd
    QByteArray region;
    QByteArray service;

    QByteArray text() const { return date + '/' + region + '/' + service + "/aws4_request"; }
};

QByteArray sha256Hex(const QByteArray &data);

// The hex signature of `canonicalRequest` (method, path, query, headers, signed headers and
// payload hash, each on its line) made at `amzDate` (yyyymmddThhmmssZ) with `secretKey`.
QByteArray sigV4Signature(const QByteArray &secretKey, const SigV4Scope &scope,
                          const QByteArray &amzDate, const QByteArray &canonicalRequest);

// What a client needs to sign one request.
struct SigV4Credentials
{
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // optional (temporary credentials)
    QByteArray region = "us-east-1";
    QByteArray service = "states";
};

// The headers to add to a POST of `body` to `host` (as the Host header carries it) at `path`:
// X-Amz-Date, X-Amz-Security-Token when there is a session token, and Authorization, which
// signs them with host, content-type and `extraHeaders` (e.g. X-Amz-Target).
QList<QPair<QByteArray, QByteArray>>
signPost(const SigV4Credentials &credentials, const QByteArray &host, const QByteArray &path,
         const QList<QPair<QByteArray, QByteArray>> &extraHeaders, const QByteArray &body,
         const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace Stepwise::Sim
