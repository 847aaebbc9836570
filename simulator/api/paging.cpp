#include "simulator/api/paging.h"

#include "simulator/api/requestreader.h"

#include <QByteArray>

namespace Stepwise::Api {

std::variant<Page, ApiError> readPage(RequestReader &reader, std::size_t total,
                                      std::size_t defaultSize, std::int64_t maxSize)
{
    const std::optional<std::int64_t> max = reader.integer("maxResults", 0, maxSize);
    const std::string token = reader.string("nextToken", false, 1, 3096);
    if (reader.error())
        return *reader.error();
    Page page;
    if (!token.empty()) {
        // Tokens are opaque to callers: the offset, base64-encoded.
        const QByteArray decoded = QByteArray::fromBase64(QByteArray::fromStdString(token));
        bool ok = decoded.startsWith("offset:");
        const qulonglong offset = ok ? decoded.mid(7).toULongLong(&ok) : 0;
        if (!ok || offset > total)
            return ApiError{"InvalidToken", "Invalid Token: '" + token + "'"};
        page.begin = std::size_t(offset);
    }
    const std::size_t size = max && *max > 0 ? std::size_t(*max) : defaultSize;
    page.end = std::min(total, page.begin + size);
    if (page.end < total) {
        page.nextToken = QByteArray("offset:" + QByteArray::number(qulonglong(page.end)))
                             .toBase64()
                             .toStdString();
    }
    return page;
}

} // namespace Stepwise::Api
