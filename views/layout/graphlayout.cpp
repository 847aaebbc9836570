#include "views/layout/graphlayout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <QtGlobal>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace Stepwise::Views {

namespace {

constexpr double kNodeGap = 40;  // horizontal space between nodes of a layer
constexpr double kLayerGap = 56; // vertical space between layers

GVC_t *context()
{
    // One context for the process: creating one loads every plugin.
    static GVC_t *gvc = gvContext();
    return gvc;
}

std::string number(double value)
{
    return std::to_string(value);
}

GraphLayoutResult layoutWithGraphviz(const GraphLayoutInput &input)
{
    GraphLayoutResult result;
    Agraph_t *graph = agopen(const_cast<char *>("g"), Agdirected, nullptr);
    agattr(graph, AGRAPH, const_cast<char *>("rankdir"), const_cast<char *>("TB"));
    agattr(graph, AGRAPH, const_cast<char *>("nodesep"),
           const_cast<char *>(number(kNodeGap / 72.0).c_str()));
    agattr(graph, AGRAPH, const_cast<char *>("ranksep"),
           const_cast<char *>(number(kLayerGap / 72.0).c_str()));
    agattr(graph, AGRAPH, const_cast<char *>("splines"), const_cast<char *>("spline"));
    Agsym_t *shape = agattr(graph, AGNODE, const_cast<char *>("shape"), const_cast<char *>("box"));
    Agsym_t *fixed
        = agattr(graph, AGNODE, const_cast<char *>("fixedsize"), const_cast<char *>("true"));
    Agsym_t *width = agattr(graph, AGNODE, const_cast<char *>("width"), const_cast<char *>("1"));
    Agsym_t *height = agattr(graph, AGNODE, const_cast<char *>("height"), const_cast<char *>("1"));
    agattr(graph, AGNODE, const_cast<char *>("label"), const_cast<char *>(""));
    Q_UNUSED(shape);
    Q_UNUSED(fixed);

    std::unordered_map<std::uint64_t, Agnode_t *> nodes;
    for (const auto &node : input.nodes) {
        std::string name = "n" + std::to_string(node.key);
        Agnode_t *n = agnode(graph, name.data(), 1);
        std::string w = number(node.size.width() / 72.0);
        std::string h = number(node.size.height() / 72.0);
        agxset(n, width, w.data());
        agxset(n, height, h.data());
        nodes[node.key] = n;
    }
    std::vector<std::pair<std::uint64_t, Agedge_t *>> edges;
    for (const auto &edge : input.edges) {
        auto from = nodes.find(edge.from);
        auto to = nodes.find(edge.to);
        if (from == nodes.end() || to == nodes.end())
            continue;
        std::string name = "e" + std::to_string(edge.key);
        edges.emplace_back(edge.key, agedge(graph, from->second, to->second, name.data(), 1));
    }
    gvLayout(context(), graph, "dot");
    const boxf box = GD_bb(graph);
    auto toScene = [&](pointf p) { return QPointF(p.x - box.LL.x, box.UR.y - p.y); };
    for (const auto &node : input.nodes) {
        QPointF centre = toScene(ND_coord(nodes[node.key]));
        result.topLeft[node.key] = centre - QPointF(node.size.width() / 2, node.size.height() / 2);
    }
    for (const auto &[key, edge] : edges) {
        const splines *spl = ED_spl(edge);
        if (!spl || spl->size < 1)
            continue;
        const bezier &bz = spl->list[0];
        QPolygonF points;
        for (int i = 0; i < bz.size; ++i)
            points << toScene(bz.list[i]);
        if (bz.eflag && !points.isEmpty())
            points << toScene(bz.ep); // dot stops the curve at the arrow head's base
        if (bz.eflag && points.size() >= 2) {
            // Turn the arrow stub into a straight final segment so the curve stays cubic.
            QPointF end = points.takeLast();
            QPointF last = points.last();
            points << last + (end - last) / 3 << last + (end - last) * 2 / 3 << end;
        }
        result.routes[key] = points;
    }
    result.size = QSizeF(box.UR.x - box.LL.x, box.UR.y - box.LL.y);
    result.usedGraphviz = true;
    gvFreeLayout(context(), graph);
    agclose(graph);
    return result;
}

// The in-house layered layout for graphs too big for dot (Sugiyama style, kept cheap):
// back edges reversed (DFS), longest-path layers, edges longer than one layer broken by
// dummy points (edges into the same target share them, so fan-ins such as every Catch
// into one Fail state run down one channel), barycentre ordering sweeps, x positions pulled
// towards neighbours, and routes through the dummy points. A route only runs vertically
// inside its own node's or dummy's column and crosses between layers in the empty band
// between rows, so it never passes through a node box.
class LayeredLayout
{
  public:
    explicit LayeredLayout(const GraphLayoutInput &input)
        : m_input(input)
        , m_n(input.nodes.size())
    {}

    GraphLayoutResult run()
    {
        orientEdges();
        assignLayers();
        insertDummies();
        orderRows();
        placeHorizontally();
        placeVertically();
        GraphLayoutResult result;
        double maxRight = 0;
        for (size_t i = 0; i < m_n; ++i) {
            const QSizeF size = m_input.nodes[i].size;
            result.topLeft[m_input.nodes[i].key] = QPointF(m_left[i], m_top[i]);
            maxRight = std::max(maxRight, m_left[i] + size.width());
        }
        route(result);
        result.size
            = QSizeF(maxRight, m_rowTop.empty() ? 0.0 : m_rowTop.back() + m_rowHeight.back());
        return result;
    }

  private:
    struct Oriented
    {
        size_t edge;     // index in the input
        size_t from, to; // node indices, top to bottom
        bool reversed;
    };

    static constexpr double kDummyGap = 14; // between two edge channels
    static constexpr double kDummyNodeGap = 22;

    bool isDummy(size_t element) const { return element >= m_n; }
    double width(size_t element) const
    {
        return isDummy(element) ? 0.0 : m_input.nodes[element].size.width();
    }
    double separation(size_t a, size_t b) const
    {
        const double gap = isDummy(a) && isDummy(b)   ? kDummyGap
                           : isDummy(a) || isDummy(b) ? kDummyNodeGap
                                                      : kNodeGap;
        return (width(a) + width(b)) / 2 + gap;
    }

    void orientEdges()
    {
        std::unordered_map<std::uint64_t, size_t> index;
        for (size_t i = 0; i < m_n; ++i)
            index[m_input.nodes[i].key] = i;
        std::vector<std::vector<size_t>> out(m_n); // input edge indices
        std::vector<std::pair<size_t, size_t>> ends(m_input.edges.size(), {SIZE_MAX, SIZE_MAX});
        for (size_t e = 0; e < m_input.edges.size(); ++e) {
            auto from = index.find(m_input.edges[e].from);
            auto to = index.find(m_input.edges[e].to);
            if (from == index.end() || to == index.end() || from->second == to->second)
                continue; // self loops are drawn by the caller
            ends[e] = {from->second, to->second};
            out[from->second].push_back(e);
        }
        // Depth-first in written order: an edge back into the current path is reversed.
        std::vector<int> state(m_n, 0);
        std::vector<bool> back(m_input.edges.size(), false);
        for (size_t root = 0; root < m_n; ++root) {
            if (state[root] != 0)
                continue;
            std::vector<std::pair<size_t, size_t>> stack{{root, 0}};
            state[root] = 1;
            while (!stack.empty()) {
                auto &[node, next] = stack.back();
                if (next < out[node].size()) {
                    const size_t e = out[node][next++];
                    const size_t target = ends[e].second;
                    if (state[target] == 1) {
                        back[e] = true;
                    } else if (state[target] == 0) {
                        state[target] = 1;
                        stack.emplace_back(target, 0);
                    }
                } else {
                    state[node] = 2;
                    stack.pop_back();
                }
            }
        }
        for (size_t e = 0; e < m_input.edges.size(); ++e) {
            if (ends[e].first == SIZE_MAX)
                continue;
            if (back[e])
                m_edges.push_back({e, ends[e].second, ends[e].first, true});
            else
                m_edges.push_back({e, ends[e].first, ends[e].second, false});
        }
    }

    void assignLayers()
    {
        std::vector<std::vector<size_t>> succ(m_n);
        std::vector<size_t> indegree(m_n, 0);
        for (const Oriented &edge : m_edges) {
            succ[edge.from].push_back(edge.to);
            ++indegree[edge.to];
        }
        m_layer.assign(m_n, 0);
        std::vector<size_t> queue;
        for (size_t i = 0; i < m_n; ++i) {
            if (indegree[i] == 0)
                queue.push_back(i);
        }
        for (size_t head = 0; head < queue.size(); ++head) {
            const size_t node = queue[head];
            for (size_t target : succ[node]) {
                m_layer[target] = std::max(m_layer[target], m_layer[node] + 1);
                if (--indegree[target] == 0)
                    queue.push_back(target);
            }
        }
    }

    size_t addElement(int layer)
    {
        m_layer.push_back(layer);
        m_pred.emplace_back();
        m_succ.emplace_back();
        return m_layer.size() - 1;
    }

    void link(size_t a, size_t b)
    {
        m_succ[a].push_back(b);
        m_pred[b].push_back(a);
    }

    void insertDummies()
    {
        m_pred.assign(m_n, {});
        m_succ.assign(m_n, {});
        // Dummies shared by the forward edges into one target: (target, layer) -> element.
        std::map<std::pair<size_t, int>, size_t> channel;
        std::set<std::pair<size_t, size_t>> linked;
        auto linkOnce = [&](size_t a, size_t b) {
            if (linked.insert({a, b}).second)
                link(a, b);
        };
        m_paths.resize(m_edges.size());
        for (size_t k = 0; k < m_edges.size(); ++k) {
            const Oriented &edge = m_edges[k];
            std::vector<size_t> &path = m_paths[k];
            path.push_back(edge.from);
            for (int l = m_layer[edge.from] + 1; l < m_layer[edge.to]; ++l) {
                size_t dummy;
                if (edge.reversed) {
                    dummy = addElement(l);
                } else {
                    auto it = channel.find({edge.to, l});
                    if (it == channel.end())
                        it = channel.emplace(std::make_pair(edge.to, l), addElement(l)).first;
                    dummy = it->second;
                }
                path.push_back(dummy);
            }
            path.push_back(edge.to);
            for (size_t i = 1; i < path.size(); ++i)
                linkOnce(path[i - 1], path[i]);
        }
    }

    void orderRows()
    {
        int layers = 0;
        for (int l : m_layer)
            layers = std::max(layers, l + 1);
        m_rows.assign(layers, {});
        for (size_t i = 0; i < m_layer.size(); ++i)
            m_rows[m_layer[i]].push_back(i);
        m_order.assign(m_layer.size(), 0);
        auto number = [&](const std::vector<size_t> &row) {
            for (size_t i = 0; i < row.size(); ++i)
                m_order[row[i]] = static_cast<double>(i);
        };
        for (const auto &row : m_rows)
            number(row);
        auto sweep = [&](int layer, const std::vector<std::vector<size_t>> &neighbours) {
            auto &row = m_rows[layer];
            std::vector<std::pair<double, size_t>> keyed;
            keyed.reserve(row.size());
            for (size_t element : row) {
                double sum = 0;
                for (size_t other : neighbours[element])
                    sum += m_order[other];
                keyed.emplace_back(neighbours[element].empty()
                                       ? m_order[element]
                                       : sum / static_cast<double>(neighbours[element].size()),
                                   element);
            }
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
            for (size_t i = 0; i < row.size(); ++i)
                row[i] = keyed[i].second;
            number(row);
        };
        for (int round = 0; round < 4; ++round) {
            for (int l = 1; l < layers; ++l)
                sweep(l, m_pred);
            for (int l = layers - 2; l >= 0; --l)
                sweep(l, m_succ);
        }
        for (int l = 1; l < layers; ++l)
            sweep(l, m_pred);
    }

    // Centres of the elements of each row, in order, pulled towards the mean of their
    // neighbours in the previous (or next) row: the leftmost and rightmost feasible
    // placements are averaged, which keeps the order and the spacing.
    void placeHorizontally()
    {
        m_x.assign(m_layer.size(), 0);
        for (const auto &row : m_rows) {
            double x = 0;
            for (size_t i = 0; i < row.size(); ++i) {
                if (i > 0)
                    x += separation(row[i - 1], row[i]);
                m_x[row[i]] = x;
            }
        }
        auto pass = [&](const std::vector<size_t> &row,
                        const std::vector<std::vector<size_t>> &neighbours) {
            if (row.empty())
                return;
            std::vector<double> desired(row.size());
            for (size_t i = 0; i < row.size(); ++i) {
                const auto &near = neighbours[row[i]];
                // A channel follows its own channel above, so it stays straight.
                double sum = 0;
                size_t count = 0;
                for (size_t other : near) {
                    if (isDummy(row[i]) && isDummy(other)) {
                        sum = m_x[other];
                        count = 1;
                        break;
                    }
                    sum += m_x[other];
                    ++count;
                }
                desired[i] = count > 0 ? sum / static_cast<double>(count) : m_x[row[i]];
            }
            std::vector<double> left(row.size()), right(row.size());
            for (size_t i = 0; i < row.size(); ++i)
                left[i] = i == 0
                              ? desired[i]
                              : std::max(desired[i], left[i - 1] + separation(row[i - 1], row[i]));
            for (size_t i = row.size(); i-- > 0;)
                right[i]
                    = i + 1 == row.size()
                          ? desired[i]
                          : std::min(desired[i], right[i + 1] - separation(row[i], row[i + 1]));
            for (size_t i = 0; i < row.size(); ++i)
                m_x[row[i]] = (left[i] + right[i]) / 2;
        };
        const int layers = static_cast<int>(m_rows.size());
        for (int round = 0; round < 3; ++round) {
            for (int l = 1; l < layers; ++l)
                pass(m_rows[l], m_pred);
            if (round < 2) {
                for (int l = layers - 2; l >= 0; --l)
                    pass(m_rows[l], m_succ);
            }
        }
        double minLeft = 0;
        bool any = false;
        for (size_t i = 0; i < m_x.size(); ++i) {
            const double left = m_x[i] - width(i) / 2;
            minLeft = any ? std::min(minLeft, left) : left;
            any = true;
        }
        for (double &x : m_x)
            x -= minLeft;
        m_left.assign(m_n, 0);
        for (size_t i = 0; i < m_n; ++i)
            m_left[i] = m_x[i] - width(i) / 2;
    }

    void placeVertically()
    {
        m_rowTop.assign(m_rows.size(), 0);
        m_rowHeight.assign(m_rows.size(), 0);
        double y = 0;
        for (size_t l = 0; l < m_rows.size(); ++l) {
            for (size_t element : m_rows[l]) {
                if (!isDummy(element))
                    m_rowHeight[l] = std::max(m_rowHeight[l], m_input.nodes[element].size.height());
            }
            m_rowTop[l] = y;
            y += m_rowHeight[l] + kLayerGap;
        }
        m_top.assign(m_n, 0);
        for (size_t i = 0; i < m_n; ++i) {
            const int l = m_layer[i];
            m_top[i] = m_rowTop[l] + (m_rowHeight[l] - m_input.nodes[i].size.height()) / 2;
        }
    }

    // Where edges leave a node's bottom or enter its top: one port per neighbour element,
    // spread over the width in the neighbours' left-to-right order.
    std::map<std::pair<size_t, size_t>, double> ports(bool bottom) const
    {
        std::map<std::pair<size_t, size_t>, double> out;
        std::vector<std::set<size_t>> near(m_n);
        for (const auto &path : m_paths) {
            if (bottom)
                near[path.front()].insert(path[1]);
            else
                near[path.back()].insert(path[path.size() - 2]);
        }
        for (size_t i = 0; i < m_n; ++i) {
            std::vector<size_t> list(near[i].begin(), near[i].end());
            std::sort(list.begin(), list.end(),
                      [&](size_t a, size_t b) { return m_x[a] < m_x[b]; });
            const double w = m_input.nodes[i].size.width();
            // Stay off the rounded corners.
            // Off the rounded corners, and close together under wide containers.
            const double spread
                = std::min(w - 2 * std::min(12.0, w / 4), 48.0 * static_cast<double>(list.size()));
            for (size_t k = 0; k < list.size(); ++k) {
                const double x = list.size() == 1 ? m_x[i]
                                                  : m_x[i] - spread / 2
                                                        + spread * (static_cast<double>(k) + 0.5)
                                                              / static_cast<double>(list.size());
                out[{i, list[k]}] = x;
            }
        }
        return out;
    }

    void route(GraphLayoutResult &result) const
    {
        const auto outPorts = ports(true);
        const auto inPorts = ports(false);
        for (size_t k = 0; k < m_edges.size(); ++k) {
            const std::vector<size_t> &path = m_paths[k];
            const size_t from = path.front();
            const size_t to = path.back();
            // Waypoints top to bottom: vertical runs inside rows, crossings between them.
            QPolygonF points;
            const double startX = outPorts.at({from, path[1]});
            points << QPointF(startX, m_top[from] + m_input.nodes[from].size.height());
            points << QPointF(startX, m_rowTop[m_layer[from]] + m_rowHeight[m_layer[from]]);
            for (size_t i = 1; i + 1 < path.size(); ++i) {
                const int l = m_layer[path[i]];
                points << QPointF(m_x[path[i]], m_rowTop[l])
                       << QPointF(m_x[path[i]], m_rowTop[l] + m_rowHeight[l]);
            }
            const double endX = inPorts.at({to, path[path.size() - 2]});
            points << QPointF(endX, m_rowTop[m_layer[to]]) << QPointF(endX, m_top[to]);
            QPolygonF bezier = toBezier(points);
            if (m_edges[k].reversed)
                std::reverse(bezier.begin(), bezier.end());
            result.routes[m_input.edges[m_edges[k].edge].key] = bezier;
        }
    }

    // Alternating vertical runs and crossings as cubic segments: runs straight (merged when
    // in line), crossings as S-curves that stay inside their band.
    static QPolygonF toBezier(const QPolygonF &points)
    {
        QPolygonF merged;
        for (const QPointF &p : points) {
            if (!merged.isEmpty() && merged.last() == p)
                continue;
            if (merged.size() >= 2 && qFuzzyCompare(merged[merged.size() - 2].x() + 1, p.x() + 1)
                && qFuzzyCompare(merged.last().x() + 1, p.x() + 1)) {
                merged.last() = p; // three in a vertical line: drop the middle one
                continue;
            }
            merged << p;
        }
        QPolygonF out;
        if (merged.isEmpty())
            return out;
        out << merged[0];
        for (int i = 1; i < merged.size(); ++i) {
            const QPointF a = merged[i - 1];
            const QPointF b = merged[i];
            if (qFuzzyCompare(a.x() + 1, b.x() + 1)) {
                out << a + (b - a) / 3 << a + (b - a) * 2 / 3 << b;
            } else {
                const double dy = (b.y() - a.y()) / 2;
                out << QPointF(a.x(), a.y() + dy) << QPointF(b.x(), b.y() - dy) << b;
            }
        }
        if (out.size() == 1) // both ends at one point: a degenerate but valid segment
            out << out[0] << out[0] << out[0];
        return out;
    }

    const GraphLayoutInput &m_input;
    const size_t m_n; // real nodes; elements from m_n on are dummies
    std::vector<Oriented> m_edges;
    std::vector<std::vector<size_t>> m_paths; // per oriented edge: elements top to bottom
    std::vector<int> m_layer;                 // per element
    std::vector<std::vector<size_t>> m_pred, m_succ;
    std::vector<std::vector<size_t>> m_rows;
    std::vector<double> m_order, m_x;  // per element; m_x is the centre
    std::vector<double> m_left, m_top; // per real node
    std::vector<double> m_rowTop, m_rowHeight;
};

GraphLayoutResult layoutLayered(const GraphLayoutInput &input)
{
    return LayeredLayout(input).run();
}

} // namespace

GraphLayoutResult layoutGraph(const GraphLayoutInput &input, int graphvizLimit)
{
    // For measurements: STEPWISE_GRAPHVIZ_LIMIT overrides the size limit.
    static const int overridden = qEnvironmentVariableIsSet("STEPWISE_GRAPHVIZ_LIMIT")
                                      ? qEnvironmentVariableIntValue("STEPWISE_GRAPHVIZ_LIMIT")
                                      : -1;
    if (overridden >= 0)
        graphvizLimit = overridden;
    if (input.nodes.empty())
        return {};
    if (static_cast<int>(input.nodes.size()) > graphvizLimit)
        return layoutLayered(input);
    return layoutWithGraphviz(input);
}

} // namespace Stepwise::Views
