#include "simulator/api/sigv4.h"

#include "simulator/aws/sigv4signing.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace Stepwise::Api {

namespace {

std::string trim(const std::string &text)
{
    const auto begin = text.find_first_not_of(" \t");
    const auto end = text.find_last_not_of(" \t");
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

// Header values as SigV4 canonicalises them: trimmed, runs of spaces made one.
QByteArray canonicalValue(const QByteArray &value)
{
    return value.simplified();
}

QByteArray canonicalQuery(const QByteArray &query)
{
    if (query.isEmpty())
        return {};
    QList<QByteArray> pairs = query.split('&');
    std::sort(pairs.begin(), pairs.end());
    return pairs.join('&');
}

} // namespace

std::optional<SigV4Header> SigV4Header::parse(const QByteArray &authorization)
{
    const std::string text = authorization.toStdString();
    const std::string scheme = "AWS4-HMAC-SHA256 ";
    if (text.rfind(scheme, 0) != 0)
        return std::nullopt;
    SigV4Header header;
    std::stringstream parts(text.substr(scheme.size()));
    std::string part;
    while (std::getline(parts, part, ',')) {
        part = trim(part);
        const auto eq = part.find('=');
        if (eq == std::string::npos)
            return std::nullopt;
        const std::string key = part.substr(0, eq);
        const std::string value = part.substr(eq + 1);
        if (key == "Credential") {
            std::stringstream scope(value);
            std::string item;
            std::vector<std::string> items;
            while (std::getline(scope, item, '/'))
                items.push_back(item);
            if (items.size() != 5 || items[4] != "aws4_request")
                return std::nullopt;
            header.accessKeyId = items[0];
            header.date = items[1];
            header.region = items[2];
            header.service = items[3];
        } else if (key == "SignedHeaders") {
            std::stringstream names(value);
            std::string name;
            while (std::getline(names, name, ';'))
                header.signedHeaders.push_back(name);
        } else if (key == "Signature") {
            header.signature = value;
        }
    }
    if (header.accessKeyId.empty() || header.signedHeaders.empty() || header.signature.empty())
        return std::nullopt;
    return header;
}

std::optional<SigV4Verifier> SigV4Verifier::fromFile(const std::string &path, std::string &error)
{
    std::ifstream in(path);
    if (!in) {
        error = "cannot read " + path;
        return std::nullopt;
    }
    SigV4Verifier verifier;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        std::stringstream words(line);
        std::string id, secret, extra;
        if (!(words >> id))
            continue;
        if (!(words >> secret) || (words >> extra)) {
            error = path + ":" + std::to_string(number)
                    + ": expected ACCESS_KEY_ID SECRET_ACCESS_KEY";
            return std::nullopt;
        }
        verifier.m_keys[id] = secret;
    }
    if (verifier.m_keys.empty()) {
        error = path + ": no keys";
        return std::nullopt;
    }
    return verifier;
}

std::optional<ApiError> SigV4Verifier::verify(const SignedRequest &request) const
{
    QByteArray authorization, amzDate, contentSha;
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization")
            authorization = value;
        else if (lower == "x-amz-date")
            amzDate = value;
        else if (lower == "x-amz-content-sha256")
            contentSha = value;
    }
    if (authorization.isEmpty())
        return ApiError{"MissingAuthenticationTokenException", "Missing Authentication Token"};
    auto header = SigV4Header::parse(authorization);
    if (!header || amzDate.isEmpty()) {
        return ApiError{"IncompleteSignatureException",
                        "Authorization header requires 'Credential', 'Signature', "
                        "'SignedHeaders' and an X-Amz-Date header"};
    }
    auto key = m_keys.find(header->accessKeyId);
    if (key == m_keys.end()) {
        return ApiError{"UnrecognizedClientException",
                        "The security token included in the request is invalid."};
    }
    QByteArray canonicalHeaders;
    for (const std::string &name : header->signedHeaders) {
        QList<QByteArray> values;
        for (const auto &[headerName, value] : request.headers)
            if (headerName.toLower() == QByteArray::fromStdString(name))
                values.push_back(canonicalValue(value));
        canonicalHeaders += QByteArray::fromStdString(name) + ':' + values.join(',') + '\n';
    }
    QByteArray signedHeaders;
    for (const std::string &name : header->signedHeaders)
        signedHeaders += (signedHeaders.isEmpty() ? "" : ";") + QByteArray::fromStdString(name);
    const QByteArray canonicalRequest
        = request.method + '\n' + (request.path.isEmpty() ? QByteArray("/") : request.path) + '\n'
          + canonicalQuery(request.query) + '\n' + canonicalHeaders + '\n' + signedHeaders + '\n'
          + (contentSha.isEmpty() ? Sim::sha256Hex(request.body) : contentSha);
    const Sim::SigV4Scope scope{QByteArray::fromStdString(header->date),
                                QByteArray::fromStdString(header->region),
                                QByteArray::fromStdString(header->service)};
    const QByteArray expected = Sim::sigV4Signature(QByteArray::fromStdString(key->second), scope,
                                                    amzDate, canonicalRequest);
    if (expected != QByteArray::fromStdString(header->signature)) {
        return ApiError{"InvalidSignatureException",
                        "The request signature we calculated does not match the signature you "
                        "provided. Check your AWS Secret Access Key and signing method. Consult "
                        "the service documentation for details."};
    }
    return std::nullopt;
}

} // namespace Stepwise::Api
