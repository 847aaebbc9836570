#pragma once

#include "simulator/api/apierror.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <map>
#include <optional>
#include <string>

namespace Stepwise::Api {

// An `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header.
struct SigV4Header
{
    std::string accessKeyId;
    std::string date;    // yyyymmdd of the credential scope
    std::string region;  // of the scope
    std::string service; // of the scope ("states")
    std::vector<std::string> signedHeaders;
    std::string signature;

    static std::optional<SigV4Header> parse(const QByteArray &authorization);
};

// What one request brings to be checked.
struct SignedRequest
{
    QByteArray method;
    QByteArray path;  // as sent, "/" for the JSON protocol
    QByteArray query; // the raw query string, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// Checks requests' SigV4 signatures against known keys (--verify-sigv4 KEYFILE: lines of
// "ACCESS_KEY_ID SECRET_ACCESS_KEY", '#' starts a comment).
class SigV4Verifier
{
  public:
    static std::optional<SigV4Verifier> fromFile(const std::string &path, std::string &error);

    // nullopt: the signature is right. Otherwise AWS's error (UnrecognizedClientException for
    // an unknown key, InvalidSignatureException for a wrong signature,
    // IncompleteSignatureException / MissingAuthenticationTokenException for a bad header).
    std::optional<ApiError> verify(const SignedRequest &request) const;

    std::size_t keyCount() const { return m_keys.size(); }

  private:
    std::map<std::string, std::string> m_keys;
};

} // namespace Stepwise::Api
