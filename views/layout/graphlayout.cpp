#include "views/layout/graphlayout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <QtGlobal>

#include <algorithm>
#include <map>
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

// Longest-path layering from the sources (back edges found by DFS are ignored), then a few
// barycentre sweeps to reduce crossings; enough for very large generated graphs.
GraphLayoutResult layoutLayered(const GraphLayoutInput &input)
{
    GraphLayoutResult result;
    const size_t n = input.nodes.size();
    std::unordered_map<std::uint64_t, size_t> index;
    for (size_t i = 0; i < n; ++i)
        index[input.nodes[i].key] = i;
    std::vector<std::vector<size_t>> out(n), in(n);
    for (const auto &edge : input.edges) {
        auto from = index.find(edge.from);
        auto to = index.find(edge.to);
        if (from != index.end() && to != index.end() && from->second != to->second)
            out[from->second].push_back(to->second);
    }
    // Drop back edges with an iterative DFS in written order.
    std::vector<int> state(n, 0);
    std::vector<std::vector<size_t>> forward(n);
    for (size_t root = 0; root < n; ++root) {
        if (state[root] != 0)
            continue;
        std::vector<std::pair<size_t, size_t>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto &[node, next] = stack.back();
            if (next < out[node].size()) {
                size_t target = out[node][next++];
                if (state[target] == 1)
                    continue; // back edge
                forward[node].push_back(target);
                if (state[target] == 0) {
                    state[target] = 1;
                    stack.emplace_back(target, 0);
                }
            } else {
                state[node] = 2;
                stack.pop_back();
            }
        }
    }
    for (size_t i = 0; i < n; ++i) {
        for (size_t target : forward[i])
            in[target].push_back(i);
    }
    // Layers by longest path in topological order (Kahn).
    std::vector<int> layer(n, 0);
    std::vector<size_t> indegree(n);
    for (size_t i = 0; i < n; ++i)
        indegree[i] = in[i].size();
    std::vector<size_t> queue;
    for (size_t i = 0; i < n; ++i) {
        if (indegree[i] == 0)
            queue.push_back(i);
    }
    for (size_t head = 0; head < queue.size(); ++head) {
        size_t node = queue[head];
        for (size_t target : forward[node]) {
            layer[target] = std::max(layer[target], layer[node] + 1);
            if (--indegree[target] == 0)
                queue.push_back(target);
        }
    }
    int layers = 0;
    for (int l : layer)
        layers = std::max(layers, l + 1);
    std::vector<std::vector<size_t>> rows(layers);
    for (size_t i = 0; i < n; ++i)
        rows[layer[i]].push_back(i);
    std::vector<double> order(n);
    for (const auto &row : rows) {
        for (size_t i = 0; i < row.size(); ++i)
            order[row[i]] = static_cast<double>(i);
    }
    for (int sweep = 0; sweep < 4; ++sweep) {
        for (int l = 1; l < layers; ++l) {
            auto &row = rows[l];
            std::vector<double> key(row.size());
            for (size_t i = 0; i < row.size(); ++i) {
                double sum = 0;
                for (size_t parent : in[row[i]])
                    sum += order[parent];
                key[i] = in[row[i]].empty() ? order[row[i]] : sum / in[row[i]].size();
            }
            std::vector<size_t> perm(row.size());
            for (size_t i = 0; i < perm.size(); ++i)
                perm[i] = i;
            std::stable_sort(perm.begin(), perm.end(),
                             [&](size_t a, size_t b) { return key[a] < key[b]; });
            std::vector<size_t> sorted;
            for (size_t i : perm)
                sorted.push_back(row[i]);
            row = sorted;
            for (size_t i = 0; i < row.size(); ++i)
                order[row[i]] = static_cast<double>(i);
        }
    }
    // Place rows centred on the widest one.
    std::vector<double> rowWidth(layers, 0), rowHeight(layers, 0);
    double widest = 0;
    for (int l = 0; l < layers; ++l) {
        for (size_t node : rows[l]) {
            rowWidth[l] += input.nodes[node].size.width() + kNodeGap;
            rowHeight[l] = std::max(rowHeight[l], input.nodes[node].size.height());
        }
        rowWidth[l] -= kNodeGap;
        widest = std::max(widest, rowWidth[l]);
    }
    double y = 0;
    for (int l = 0; l < layers; ++l) {
        double x = (widest - rowWidth[l]) / 2;
        for (size_t node : rows[l]) {
            const QSizeF size = input.nodes[node].size;
            result.topLeft[input.nodes[node].key]
                = QPointF(x, y + (rowHeight[l] - size.height()) / 2);
            x += size.width() + kNodeGap;
        }
        y += rowHeight[l] + kLayerGap;
    }
    result.size = QSizeF(widest, std::max(0.0, y - kLayerGap));
    return result;
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
