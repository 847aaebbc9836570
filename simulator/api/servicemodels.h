#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace Stepwise::Api {

// AWS's service models, read at run time from a folder laid out as botocore ships them
// (DIR/<service>/<api-version>/service-2.json; Debian's python3-botocore). TestState checks
// mocked results against the output shapes they describe. Each model is parsed on first use
// and kept; a missing folder or service is an answer (nullptr), never an error. Thread-safe.
class ServiceModels
{
  public:
    explicit ServiceModels(std::string directory);

    // Where Debian's python3-botocore puts the models.
    static std::string defaultDirectory();

    const std::string &directory() const { return m_directory; }
    // How many services the folder holds; 0 when it is missing or holds no model.
    std::size_t serviceCount();
    // The model of a service as an ASL resource names it: the botocore folder name ("s3",
    // "stepfunctions", "cognito-idp"), or the AWS SDK's client name ("sfn", "eventbridge",
    // "cloudwatchlogs", "cognitoidentityprovider"). nullptr when there is none or it is unreadable.
    std::shared_ptr<const nlohmann::json> model(const std::string &serviceName);

    // True the first time `what` is asked: lets the server log a missing model only once.
    bool firstReport(const std::string &what);

  private:
    void indexLocked();

    std::string m_directory;
    std::mutex m_mutex;
    bool m_indexed = false;
    std::size_t m_serviceCount = 0;
    std::map<std::string, std::string> m_files; // lower-case name -> newest service-2.json
    std::map<std::string, std::shared_ptr<const nlohmann::json>> m_loaded; // by file
    std::set<std::string> m_reported;
};

} // namespace Stepwise::Api
