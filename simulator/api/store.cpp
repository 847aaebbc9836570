#include "simulator/api/store.h"

#include <filesystem>
#include <sqlite3.h>

namespace Stepwise::Api {

using Model::Json;

namespace {

// Finalizes a prepared statement however the scope is left.
class Statement
{
  public:
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    bool ok() const { return m_stmt != nullptr; }
    void bind(int index, const std::string &text)
    {
        sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
    }
    int step() { return sqlite3_step(m_stmt); }
    std::string column(int index) const
    {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index));
        return text ? std::string(text, std::size_t(sqlite3_column_bytes(m_stmt, index)))
                    : std::string();
    }

  private:
    sqlite3_stmt *m_stmt = nullptr;
};

std::string dump(const Json &json)
{
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace

std::unique_ptr<Store> Store::open(const std::string &directory, std::string &error)
{
    std::unique_ptr<Store> store(new Store);
    std::string path = ":memory:";
    if (!directory.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(directory, ec);
        if (ec) {
            error = "cannot create " + directory + ": " + ec.message();
            return nullptr;
        }
        path = (std::filesystem::path(directory) / "stepwise.sqlite").string();
    }
    if (sqlite3_open_v2(path.c_str(), &store->m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr)
        != SQLITE_OK) {
        error = "cannot open " + path + ": "
                + (store->m_db ? sqlite3_errmsg(store->m_db) : "out of memory");
        return nullptr;
    }
    sqlite3_busy_timeout(store->m_db, 5000);
    // WAL: a commit is in the log before put() returns; a killed process loses nothing
    // committed (NORMAL skips only the fsync that guards against power loss).
    if (!store->exec("PRAGMA journal_mode=WAL") || !store->exec("PRAGMA synchronous=NORMAL")
        || !store->exec("CREATE TABLE IF NOT EXISTS resources (arn TEXT PRIMARY KEY, kind TEXT "
                        "NOT NULL, body TEXT NOT NULL)")
        || !store->exec("CREATE TABLE IF NOT EXISTS histories (arn TEXT PRIMARY KEY, events "
                        "TEXT NOT NULL)")) {
        error = "cannot prepare " + path + ": " + store->m_lastError;
        return nullptr;
    }
    return store;
}

Store::~Store()
{
    sqlite3_close(m_db);
}

bool Store::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    m_lastError = message ? message : "unknown SQLite error";
    sqlite3_free(message);
    return false;
}

bool Store::upsert(const std::string &kind, const std::string &arn, const std::string &body)
{
    Statement stmt(m_db, "INSERT INTO resources (arn, kind, body) VALUES (?1, ?2, ?3) ON "
                         "CONFLICT(arn) DO UPDATE SET body = excluded.body");
    if (!stmt.ok())
        return false;
    stmt.bind(1, arn);
    stmt.bind(2, kind);
    stmt.bind(3, body);
    if (stmt.step() != SQLITE_DONE) {
        m_lastError = sqlite3_errmsg(m_db);
        return false;
    }
    return true;
}

bool Store::put(const std::string &kind, const std::string &arn, const Json &body)
{
    const std::string text = dump(body);
    std::lock_guard lock(m_mutex);
    return upsert(kind, arn, text);
}

bool Store::remove(const std::string &arn)
{
    std::lock_guard lock(m_mutex);
    Statement stmt(m_db, "DELETE FROM resources WHERE arn = ?1");
    if (!stmt.ok())
        return false;
    stmt.bind(1, arn);
    return stmt.step() == SQLITE_DONE;
}

bool Store::finishExecution(const std::string &arn, const Json &record, const Json &events)
{
    const std::string recordText = dump(record);
    const std::string eventsText = dump(events);
    std::lock_guard lock(m_mutex);
    if (!exec("BEGIN"))
        return false;
    Statement stmt(m_db, "INSERT INTO histories (arn, events) VALUES (?1, ?2) ON CONFLICT(arn) "
                         "DO UPDATE SET events = excluded.events");
    bool ok = stmt.ok();
    if (ok) {
        stmt.bind(1, arn);
        stmt.bind(2, eventsText);
        ok = stmt.step() == SQLITE_DONE;
    }
    ok = ok && upsert("execution", arn, recordText);
    if (!ok) {
        m_lastError = sqlite3_errmsg(m_db);
        exec("ROLLBACK");
        return false;
    }
    return exec("COMMIT");
}

std::vector<Store::Row> Store::loadAll()
{
    std::vector<Row> rows;
    std::lock_guard lock(m_mutex);
    Statement stmt(m_db, "SELECT kind, body FROM resources ORDER BY rowid");
    while (stmt.ok() && stmt.step() == SQLITE_ROW) {
        Json body = Json::parse(stmt.column(1), nullptr, false);
        if (!body.is_discarded())
            rows.push_back({stmt.column(0), std::move(body)});
    }
    return rows;
}

std::optional<Json> Store::history(const std::string &arn)
{
    std::lock_guard lock(m_mutex);
    Statement stmt(m_db, "SELECT events FROM histories WHERE arn = ?1");
    if (!stmt.ok())
        return std::nullopt;
    stmt.bind(1, arn);
    if (stmt.step() != SQLITE_ROW)
        return std::nullopt;
    Json events = Json::parse(stmt.column(0), nullptr, false);
    if (events.is_discarded())
        return std::nullopt;
    return events;
}

} // namespace Stepwise::Api
