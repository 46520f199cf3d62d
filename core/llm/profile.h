#pragma once
// Endpoint profiles: where an OpenAI-compatible server is and how to talk to it, plus which
// profile each role (planner, writer, ranker, simulator, judge, embedder) uses.
//
// Secrets: a profile holds the NAME of the environment variable with the API key (apiKeyEnv),
// never the key. The key is read from the environment at call time by authHeaders() and goes
// only into request headers; it is never stored, serialised, logged or put in a message. JSON
// that carries a key ("api_key") is refused. Extra headers are stored as given: do not put
// secrets in them.
//
// Azure OpenAI: baseUrl is the deployment URL
// (https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT), every request gets
// ?api-version=…, and the key goes in an "api-key" header instead of "Authorization: Bearer".
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/httpclient.h"
#include "util/status.h"

namespace rs::llm {

struct RetryPolicy {
    int maxRetries = 3;                  // attempts beyond the first
    double initialBackoffSeconds = 0.5;  // doubled per retry, ± jitter
    double maxBackoffSeconds = 20;
    double jitter = 0.25;              // fraction of the backoff drawn at random (±)
    double maxRetryAfterSeconds = 60;  // a longer Retry-After fails at once with a clear message
};

struct EndpointProfile {
    std::string name;
    std::string baseUrl;  // ends before /chat/completions, e.g. http://localhost:11434/v1
    std::string model;
    std::string apiKeyEnv;  // environment variable NAME; empty: no key (local servers)
    std::vector<std::pair<std::string, std::string>> extraHeaders;
    bool azure = false;
    std::string azureApiVersion;  // Azure only, e.g. 2024-06-01
    bool local = false;           // a server on this machine: costs nothing
    HttpTimeouts timeouts;
    RetryPolicy retry;

    // baseUrl + endpoint ("/chat/completions"), with ?api-version for Azure.
    std::string url(std::string_view endpoint) const;
    // Authorization (or Azure api-key) plus extra headers. Fails, naming the variable (never a
    // value), when apiKeyEnv is set but the variable is missing or empty.
    util::Result<std::vector<std::pair<std::string, std::string>>> authHeaders() const;
    // "baseUrl (model)" for messages: no secrets.
    std::string describe() const;
};

// Presets: "openai", "azure", "ollama", "llamacpp", "vllm", "lmstudio".
const std::vector<EndpointProfile>& presetProfiles();
std::optional<EndpointProfile> presetProfile(std::string_view name);

enum class Role { Planner, Writer, Ranker, Simulator, Judge, Embedder };
inline constexpr Role kAllRoles[] = {Role::Planner,   Role::Writer, Role::Ranker,
                                     Role::Simulator, Role::Judge,  Role::Embedder};
std::string_view roleName(Role r);  // "planner", …
std::optional<Role> roleFromName(std::string_view name);

// The profiles of a project or of the settings, and the role → profile-name assignment.
struct ProfileSet {
    std::vector<EndpointProfile> profiles;
    std::map<std::string, std::string> roles;  // role name → profile name

    // A profile by name: the set's own first, then the presets.
    std::optional<EndpointProfile> find(std::string_view name) const;
    // The profile assigned to a role; an error names the role and the missing profile.
    util::Result<EndpointProfile> forRole(Role role) const;
};

void to_json(nlohmann::json& j, const RetryPolicy& v);
void from_json(const nlohmann::json& j, RetryPolicy& v);
void to_json(nlohmann::json& j, const EndpointProfile& v);
void from_json(const nlohmann::json& j, EndpointProfile& v);  // throws on "api_key"
void to_json(nlohmann::json& j, const ProfileSet& v);
void from_json(const nlohmann::json& j, ProfileSet& v);

// Safe parsing for files and settings: errors name the field.
util::Result<ProfileSet> parseProfileSet(std::string_view jsonText);
util::Result<EndpointProfile> parseProfile(std::string_view jsonText);

}  // namespace rs::llm
