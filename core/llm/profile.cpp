#include "llm/profile.h"

#include <cstdlib>
#include <stdexcept>

namespace rs::llm {

using nlohmann::json;

namespace {
EndpointProfile preset(std::string name, std::string base, std::string model, std::string keyEnv, bool local) {
    EndpointProfile p;
    p.name = std::move(name);
    p.baseUrl = std::move(base);
    p.model = std::move(model);
    p.apiKeyEnv = std::move(keyEnv);
    p.local = local;
    // A local server may first have to load the model from disk.
    if (local) p.timeouts.firstByteSeconds = 300;
    return p;
}

constexpr std::pair<Role, std::string_view> kRoleNames[] = {
    {Role::Planner, "planner"},     {Role::Writer, "writer"}, {Role::Ranker, "ranker"},
    {Role::Simulator, "simulator"}, {Role::Judge, "judge"},   {Role::Embedder, "embedder"},
};
}  // namespace

std::string EndpointProfile::url(std::string_view endpoint) const {
    std::string base = baseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    std::string u = base + std::string(endpoint);
    if (azure && !azureApiVersion.empty())
        u += (u.find('?') == std::string::npos ? "?" : "&") + ("api-version=" + azureApiVersion);
    return u;
}

util::Result<std::vector<std::pair<std::string, std::string>>> EndpointProfile::authHeaders() const {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!apiKeyEnv.empty()) {
        const char* key = std::getenv(apiKeyEnv.c_str());
        if (!key || !*key)
            return util::Error{"profile '" + name + "': the environment variable " + apiKeyEnv +
                               " with the API key is not set"};
        if (azure)
            headers.emplace_back("api-key", key);
        else
            headers.emplace_back("Authorization", std::string("Bearer ") + key);
    }
    for (const auto& h : extraHeaders) headers.push_back(h);
    return headers;
}

std::string EndpointProfile::describe() const {
    return baseUrl + (model.empty() ? std::string{} : " (model '" + model + "')");
}

const std::vector<EndpointProfile>& presetProfiles() {
    static const std::vector<EndpointProfile> presets = [] {
        std::vector<EndpointProfile> v;
        v.push_back(preset("openai", "https://api.openai.com/v1", "gpt-4o-mini", "OPENAI_API_KEY", false));
        auto azure = preset("azure", "https://YOUR-RESOURCE.openai.azure.com/openai/deployments/YOUR-DEPLOYMENT",
                            "gpt-4o-mini", "AZURE_OPENAI_API_KEY", false);
        azure.azure = true;
        azure.azureApiVersion = "2024-06-01";
        v.push_back(azure);
        v.push_back(preset("ollama", "http://localhost:11434/v1", "llama3.2", "", true));
        v.push_back(preset("llamacpp", "http://localhost:8080/v1", "default", "", true));
        v.push_back(preset("vllm", "http://localhost:8000/v1", "Qwen/Qwen2.5-7B-Instruct", "", true));
        v.push_back(preset("lmstudio", "http://localhost:1234/v1", "local-model", "", true));
        return v;
    }();
    return presets;
}

std::optional<EndpointProfile> presetProfile(std::string_view name) {
    for (const auto& p : presetProfiles())
        if (p.name == name) return p;
    return std::nullopt;
}

std::string_view roleName(Role r) {
    for (const auto& [role, n] : kRoleNames)
        if (role == r) return n;
    return "planner";
}

std::optional<Role> roleFromName(std::string_view name) {
    for (const auto& [role, n] : kRoleNames)
        if (n == name) return role;
    return std::nullopt;
}

std::optional<EndpointProfile> ProfileSet::find(std::string_view name) const {
    for (const auto& p : profiles)
        if (p.name == name) return p;
    return presetProfile(name);
}

util::Result<EndpointProfile> ProfileSet::forRole(Role role) const {
    const std::string r(roleName(role));
    auto it = roles.find(r);
    if (it == roles.end()) return util::Error{"no endpoint profile is assigned to the " + r + " role"};
    auto p = find(it->second);
    if (!p) return util::Error{"the " + r + " role uses profile '" + it->second + "', which does not exist"};
    return *p;
}

void to_json(json& j, const RetryPolicy& v) {
    j = {{"max_retries", v.maxRetries},
         {"initial_backoff_seconds", v.initialBackoffSeconds},
         {"max_backoff_seconds", v.maxBackoffSeconds},
         {"jitter", v.jitter},
         {"max_retry_after_seconds", v.maxRetryAfterSeconds}};
}

void from_json(const json& j, RetryPolicy& v) {
    const RetryPolicy d;
    v.maxRetries = j.value("max_retries", d.maxRetries);
    v.initialBackoffSeconds = j.value("initial_backoff_seconds", d.initialBackoffSeconds);
    v.maxBackoffSeconds = j.value("max_backoff_seconds", d.maxBackoffSeconds);
    v.jitter = j.value("jitter", d.jitter);
    v.maxRetryAfterSeconds = j.value("max_retry_after_seconds", d.maxRetryAfterSeconds);
}

void to_json(json& j, const EndpointProfile& v) {
    j = {{"name", v.name},
         {"base_url", v.baseUrl},
         {"model", v.model},
         {"api_key_env", v.apiKeyEnv},
         {"extra_headers", json::object()},
         {"azure", v.azure},
         {"azure_api_version", v.azureApiVersion},
         {"local", v.local},
         {"timeouts",
          {{"connect_seconds", v.timeouts.connectSeconds},
           {"first_token_seconds", v.timeouts.firstByteSeconds},
           {"idle_seconds", v.timeouts.idleSeconds},
           {"total_seconds", v.timeouts.totalSeconds}}},
         {"retry", v.retry}};
    for (const auto& [name, value] : v.extraHeaders) j["extra_headers"][name] = value;
}

void from_json(const json& j, EndpointProfile& v) {
    for (const char* secret : {"api_key", "key", "apiKey"})
        if (j.contains(secret))
            throw std::invalid_argument(std::string("profile field '") + secret +
                                        "' is not allowed: store the NAME of an environment variable in api_key_env");
    v = EndpointProfile{};
    v.name = j.at("name").get<std::string>();
    v.baseUrl = j.at("base_url").get<std::string>();
    v.model = j.value("model", std::string{});
    v.apiKeyEnv = j.value("api_key_env", std::string{});
    if (auto h = j.find("extra_headers"); h != j.end() && h->is_object())
        for (const auto& [name, value] : h->items()) v.extraHeaders.emplace_back(name, value.get<std::string>());
    v.azure = j.value("azure", false);
    v.azureApiVersion = j.value("azure_api_version", std::string{});
    v.local = j.value("local", false);
    if (auto t = j.find("timeouts"); t != j.end() && t->is_object()) {
        v.timeouts.connectSeconds = t->value("connect_seconds", v.timeouts.connectSeconds);
        v.timeouts.firstByteSeconds = t->value("first_token_seconds", v.timeouts.firstByteSeconds);
        v.timeouts.idleSeconds = t->value("idle_seconds", v.timeouts.idleSeconds);
        v.timeouts.totalSeconds = t->value("total_seconds", v.timeouts.totalSeconds);
    }
    if (auto r = j.find("retry"); r != j.end() && r->is_object()) v.retry = r->get<RetryPolicy>();
}

void to_json(json& j, const ProfileSet& v) {
    j = {{"profiles", v.profiles}, {"roles", v.roles}};
}

void from_json(const json& j, ProfileSet& v) {
    v.profiles = j.value("profiles", std::vector<EndpointProfile>{});
    v.roles = j.value("roles", std::map<std::string, std::string>{});
    for (const auto& [role, profile] : v.roles)
        if (!roleFromName(role))
            throw std::invalid_argument("unknown role '" + role +
                                        "' (planner, writer, ranker, simulator, judge, embedder)");
}

util::Result<ProfileSet> parseProfileSet(std::string_view text) {
    try {
        return json::parse(text).get<ProfileSet>();
    } catch (const std::exception& e) {
        return util::Error{std::string("endpoint profiles: ") + e.what()};
    }
}

util::Result<EndpointProfile> parseProfile(std::string_view text) {
    try {
        return json::parse(text).get<EndpointProfile>();
    } catch (const std::exception& e) {
        return util::Error{std::string("endpoint profile: ") + e.what()};
    }
}

}  // namespace rs::llm
