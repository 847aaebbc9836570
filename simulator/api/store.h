#pragma once

#include "model/json/json.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace Stepwise::Api {

// The endpoint's persistence: one SQLite database (WAL journal) holding every resource as a
// JSON document keyed by ARN, and each finished execution's history. A write returns once
// committed, so whatever a caller was told survives a kill -9 of the server. Thread-safe.
class Store
{
  public:
    struct Row
    {
        std::string kind; // stateMachine, version, alias, activity, execution, tags
        Model::Json body;
    };

    // `directory` empty: an in-memory database (nothing survives the process).
    static std::unique_ptr<Store> open(const std::string &directory, std::string &error);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    bool put(const std::string &kind, const std::string &arn, const Model::Json &body);
    bool remove(const std::string &arn);
    // The execution's final record and its whole history, in one transaction.
    bool finishExecution(const std::string &arn, const Model::Json &record,
                         const Model::Json &events);
    // Every resource, in the order first written.
    std::vector<Row> loadAll();
    std::optional<Model::Json> history(const std::string &arn);
    const std::string &lastError() const { return m_lastError; }

  private:
    Store() = default;
    bool exec(const char *sql);
    bool upsert(const std::string &kind, const std::string &arn, const std::string &body);

    std::mutex m_mutex;
    sqlite3 *m_db = nullptr;
    std::string m_lastError;
};

} // namespace Stepwise::Api
