#include "agent/llmcall.h"

#include "util/jsonspan.h"

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
    const util::JsonObjectSpan span = util::findJsonObject(text);
    if (!span.found) return util::Error{"no JSON object found in the answer"};
    if (!span.balanced) return util::Error{"the JSON object is cut off (unbalanced braces)"};
    const std::string_view body = span.body;
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
