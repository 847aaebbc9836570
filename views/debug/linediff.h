#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace Stepwise::Views {

// One line of a line-by-line comparison: kept, removed (only on the left) or added.
struct DiffLine
{
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;
};

// The shortest edit between two texts' lines (longest common subsequence). Texts longer
// than `maxLines` lines are compared by their common head and tail only, so the work stays
// bounded on large payloads.
std::vector<DiffLine> diffLines(const QStringList &left, const QStringList &right,
                                int maxLines = 3000);

} // namespace Stepwise::Views
