#include "agent/llmcall.h"

namespace rs::agent {

util::Result<llm::ChatResponse> callLlm(llm::ChatClient& client, const llm::ChatRequest& request,
                                        const std::string& role, std::vector<LlmCallTrace>& calls,
                                        const llm::TokenFn& onToken, const util::Task& task) {
    const bool streaming = static_cast<bool>(onToken);
    auto r = streaming ? client.stream(request, onToken, task) : client.complete(request, task);
    LlmCallTrace call;
    call.role = role;
    call.request =
        llm::chatRequestBody(request, request.model.empty() ? client.profile().model : request.model, streaming);
    call.setStats(r ? r->stats : client.lastStats());
    call.response = r ? r->content : "error: " + r.message();
    calls.push_back(std::move(call));
    return r;
}

util::Result<nlohmann::json> firstJsonObject(std::string_view text) {
    const size_t start = text.find('{');
    if (start == std::string_view::npos) return util::Error{"no JSON object found in the answer"};
    int depth = 0;
    bool inString = false, escaped = false;
    size_t end = std::string_view::npos;
    for (size_t i = start; i < text.size() && end == std::string_view::npos; ++i) {
        const char ch = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                inString = false;
        } else if (ch == '"') {
            inString = true;
        } else if (ch == '{') {
            ++depth;
        } else if (ch == '}' && --depth == 0) {
            end = i;
        }
    }
    if (end == std::string_view::npos) return util::Error{"the JSON object is cut off (unbalanced braces)"};
    const std::string_view body = text.substr(start, end - start + 1);
    auto j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded()) return util::Error{"the answer is not valid JSON"};
    return j;
}

llm::ChatRequest makeRequest(std::string system, std::string user, bool jsonMode) {
    llm::ChatRequest r;
    r.messages = {llm::ChatMessage::system(std::move(system)), llm::ChatMessage::user(std::move(user))};
    r.temperature = 0;
    r.jsonMode = jsonMode;
    return r;
}

}  // namespace rs::agent
