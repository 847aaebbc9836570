#include "views/debug/linediff.h"

#include <algorithm>

namespace Stepwise::Views {

std::vector<DiffLine> diffLines(const QStringList &left, const QStringList &right, int maxLines)
{
    // Common head and tail first: payloads at two stages mostly differ in the middle.
    qsizetype head = 0;
    while (head < left.size() && head < right.size() && left[head] == right[head])
        ++head;
    qsizetype tail = 0;
    while (tail < left.size() - head && tail < right.size() - head
           && left[left.size() - 1 - tail] == right[right.size() - 1 - tail])
        ++tail;
    std::vector<DiffLine> out;
    for (qsizetype i = 0; i < head; ++i)
        out.push_back({DiffLine::Kind::Same, left[i]});
    const qsizetype n = left.size() - head - tail;
    const qsizetype m = right.size() - head - tail;
    auto a = [&](qsizetype i) { return left[head + i]; };
    auto b = [&](qsizetype j) { return right[head + j]; };
    if (n > maxLines || m > maxLines) {
        for (qsizetype i = 0; i < n; ++i)
            out.push_back({DiffLine::Kind::Removed, a(i)});
        for (qsizetype j = 0; j < m; ++j)
            out.push_back({DiffLine::Kind::Added, b(j)});
    } else {
        // lcs[i][j]: the common subsequence length of a[i..] and b[j..].
        std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
        auto at = [&](qsizetype i, qsizetype j) -> int & { return lcs[size_t(i * (m + 1) + j)]; };
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j)
                at(i, j)
                    = a(i) == b(j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        }
        qsizetype i = 0;
        qsizetype j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a(i) == b(j)) {
                out.push_back({DiffLine::Kind::Same, a(i)});
                ++i;
                ++j;
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                out.push_back({DiffLine::Kind::Removed, a(i++)});
            } else {
                out.push_back({DiffLine::Kind::Added, b(j++)});
            }
        }
    }
    for (qsizetype k = right.size() - tail; k < right.size(); ++k)
        out.push_back({DiffLine::Kind::Same, right[k]});
    return out;
}

} // namespace Stepwise::Views
