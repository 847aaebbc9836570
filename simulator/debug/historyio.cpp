#include "simulator/debug/historyio.h"

#include "simulator/debug/eventtype.h"
#include "simulator/engine/timestamp.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace Stepwise::Sim {

using Model::Error;
using Model::Json;
using Model::Result;

namespace {

Error error(std::string message, std::string pointer = {})
{
    Error e;
    e.message = std::move(message);
    e.location.pointer = std::move(pointer);
    return e;
}

// Payload members that AWS gives as JSON text.
bool isPayloadKey(const std::string &key)
{
    return key == "input" || key == "output" || key == "parameters" || key == "result";
}

void collectEvents(const Json &document, std::vector<const Json *> &out, bool &found)
{
    if (document.is_array()) {
        // A list of pages, or a list of events.
        for (const Json &item : document) {
            if (item.is_object() && (item.contains("type") || item.contains("id"))) {
                out.push_back(&item);
                found = true;
            } else {
                collectEvents(item, out, found);
            }
        }
    } else if (document.is_object()) {
        for (const char *key : {"events", "history"}) {
            auto it = document.find(key);
            if (it != document.end() && it->is_array()) {
                found = true;
                collectEvents(*it, out, found);
            }
        }
    }
}

std::optional<std::int64_t> timestampOf(const Json &value)
{
    if (value.is_number()) {
        // Epoch seconds (the API's JSON form), fractions as milliseconds.
        return static_cast<std::int64_t>(std::llround(value.get<double>() * 1000.0));
    }
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (auto stamp = parseTimestamp(text))
            return stamp->toMillis();
        // "2024-05-01 12:00:00.123000+00:00" as some tools print it.
        std::string fixed = text;
        if (fixed.size() > 10 && fixed[10] == ' ')
            fixed[10] = 'T';
        if (auto stamp = parseTimestamp(fixed))
            return stamp->toMillis();
    }
    return std::nullopt;
}

Result<HistoryEvent> readEvent(const Json &item, std::int64_t previousMillis, size_t position)
{
    const std::string where = "/events/" + std::to_string(position);
    auto id = item.find("id");
    auto type = item.find("type");
    if (id == item.end() || !id->is_number_integer())
        return error("history event " + std::to_string(position) + " has no integer \"id\"", where);
    if (type == item.end() || !type->is_string())
        return error("history event " + std::to_string(position) + " has no \"type\"", where);
    HistoryEvent event;
    event.id = id->get<std::int64_t>();
    if (!setEventType(event, type->get<std::string>()))
        return error("history event " + std::to_string(position) + " has an unknown type \""
                         + type->get<std::string>() + "\"",
                     where);
    if (auto previous = item.find("previousEventId");
        previous != item.end() && previous->is_number_integer())
        event.previousEventId = previous->get<std::int64_t>();
    event.timestampMillis = previousMillis;
    if (auto stamp = item.find("timestamp"); stamp != item.end()) {
        if (auto millis = timestampOf(*stamp))
            event.timestampMillis = *millis;
    }
    for (auto it = item.begin(); it != item.end(); ++it) {
        const std::string &key = it.key();
        if (key.size() < 12 || key.compare(key.size() - 12, 12, "EventDetails") != 0)
            continue;
        Json details = it.value();
        if (details.is_object()) {
            for (auto field = details.begin(); field != details.end(); ++field) {
                if (isPayloadKey(field.key()) && !field->is_string())
                    field.value() = field->dump();
            }
            if (auto assigned = details.find("assignedVariables");
                assigned != details.end() && assigned->is_object()) {
                for (auto v = assigned->begin(); v != assigned->end(); ++v) {
                    if (!v->is_string())
                        v.value() = v->dump();
                }
            }
        }
        event.details = Json::object();
        event.details[key] = std::move(details);
        break;
    }
    return event;
}

} // namespace

Json historyToJson(const std::vector<HistoryEvent> &events)
{
    Json list = Json::array();
    for (const HistoryEvent &event : events)
        list.push_back(event.toJson());
    return Json{{"events", std::move(list)}};
}

Result<std::vector<HistoryEvent>> readHistory(std::string_view text)
{
    // Several documents may follow each other (pages printed one after the other).
    Json pages = Json::array();
    std::istringstream in{std::string(text)};
    try {
        while (true) {
            in >> std::ws;
            if (in.peek() == std::char_traits<char>::eof())
                break;
            Json page;
            in >> page;
            pages.push_back(std::move(page));
        }
    } catch (const Json::exception &e) {
        return error(std::string("not a JSON history: ") + e.what());
    }
    if (pages.empty())
        return error("the history is empty");
    return readHistory(pages.size() == 1 ? pages[0] : pages);
}

Result<std::vector<HistoryEvent>> readHistory(const std::string &text)
{
    return readHistory(std::string_view(text));
}

Result<std::vector<HistoryEvent>> readHistory(const char *text)
{
    return readHistory(std::string_view(text ? text : ""));
}

Result<std::vector<HistoryEvent>> readHistory(const Json &document)
{
    std::vector<const Json *> items;
    bool found = false;
    collectEvents(document, items, found);
    if (!found)
        return error("no \"events\" list: expected the output of `aws stepfunctions "
                     "get-execution-history` or `stepwise-cli run --history`");
    // Timestamps that are not times (placeholders) take the previous event's; read in id
    // order so "previous" means the event before.
    std::vector<const Json *> sorted = items;
    auto idOf = [](const Json *item) {
        auto it = item->find("id");
        return it != item->end() && it->is_number_integer() ? it->get<std::int64_t>()
                                                            : std::int64_t(-1);
    };
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const Json *a, const Json *b) { return idOf(a) < idOf(b); });
    if (items.empty())
        return error("the history has no events");
    std::vector<HistoryEvent> events;
    events.reserve(sorted.size());
    std::int64_t previousMillis = 0;
    for (size_t i = 0; i < sorted.size(); ++i) {
        auto event = readEvent(*sorted[i], previousMillis, i);
        if (!event)
            return event.error();
        if (!events.empty() && events.back().id == event->id) {
            if (events.back().type == event->type && events.back().details == event->details)
                continue; // the same page twice
            return error("two different events have the id " + std::to_string(event->id));
        }
        previousMillis = event->timestampMillis;
        events.push_back(std::move(event.value()));
    }
    return events;
}

} // namespace Stepwise::Sim
