#include "llm/chatmessage.h"

namespace rs::llm {

using nlohmann::json;

std::string argumentsText(const json& arguments) {
    if (arguments.is_null()) return {};
    if (arguments.is_string()) return arguments.get<std::string>();
    return arguments.dump();
}

void to_json(json& j, const ToolCall& v) {
    j = {{"id", v.id}, {"type", "function"}, {"function", {{"name", v.name}, {"arguments", v.arguments}}}};
}

void from_json(const json& j, ToolCall& v) {
    v.id = j.contains("id") && j["id"].is_string() ? j["id"].get<std::string>() : std::string{};
    const json& f = j.at("function");
    v.name = f.value("name", std::string{});
    v.arguments = f.contains("arguments") ? argumentsText(f["arguments"]) : std::string{};
}

void to_json(json& j, const ChatMessage& v) {
    j = {{"role", v.role}, {"content", v.content}};
    if (!v.toolCalls.empty()) {
        j["tool_calls"] = v.toolCalls;
        if (v.content.empty()) j["content"] = nullptr;  // what OpenAI expects for pure tool-call turns
    }
    if (!v.toolCallId.empty()) j["tool_call_id"] = v.toolCallId;
    if (!v.name.empty()) j["name"] = v.name;
}

void from_json(const json& j, ChatMessage& v) {
    v.role = j.at("role").get<std::string>();
    v.content = j.contains("content") && j["content"].is_string() ? j["content"].get<std::string>() : std::string{};
    v.toolCalls = j.contains("tool_calls") && j["tool_calls"].is_array() ? j["tool_calls"].get<std::vector<ToolCall>>()
                                                                         : std::vector<ToolCall>{};
    v.toolCallId = j.value("tool_call_id", std::string{});
    v.name = j.value("name", std::string{});
}

void to_json(json& j, const ToolSpec& v) {
    j = {{"type", "function"},
         {"function", {{"name", v.name}, {"description", v.description}, {"parameters", v.parameters}}}};
}

void from_json(const json& j, ToolSpec& v) {
    const json& f = j.at("function");
    v.name = f.at("name").get<std::string>();
    v.description = f.value("description", std::string{});
    v.parameters = f.value("parameters", json::object());
}

json chatRequestBody(const ChatRequest& r, const std::string& model, bool stream) {
    json body = {{"model", model}, {"messages", r.messages}};
    if (r.temperature) body["temperature"] = *r.temperature;
    if (r.maxTokens) body["max_tokens"] = *r.maxTokens;
    if (!r.stop.empty()) body["stop"] = r.stop;
    if (r.seed) body["seed"] = *r.seed;
    if (!r.responseFormat.is_null())
        body["response_format"] = r.responseFormat;
    else if (r.jsonMode)
        body["response_format"] = {{"type", "json_object"}};
    if (!r.tools.empty()) body["tools"] = r.tools;
    if (r.toolChoice == "auto" || r.toolChoice == "none" || r.toolChoice == "required")
        body["tool_choice"] = r.toolChoice;
    else if (!r.toolChoice.empty())
        body["tool_choice"] = {{"type", "function"}, {"function", {{"name", r.toolChoice}}}};
    if (stream) {
        body["stream"] = true;
        // Usage then arrives in one last chunk (with "choices": [] or null).
        body["stream_options"] = {{"include_usage", true}};
    }
    if (r.extra.is_object())
        for (const auto& [k, v] : r.extra.items()) body[k] = v;
    return body;
}

void to_json(json& j, const ChatRequest& v) {
    j = {{"messages", v.messages},  {"model", v.model}, {"stop", v.stop},
         {"json_mode", v.jsonMode}, {"tools", v.tools}, {"tool_choice", v.toolChoice}};
    j["temperature"] = v.temperature ? json(*v.temperature) : json(nullptr);
    j["max_tokens"] = v.maxTokens ? json(*v.maxTokens) : json(nullptr);
    j["seed"] = v.seed ? json(*v.seed) : json(nullptr);
    j["response_format"] = v.responseFormat;
    j["extra"] = v.extra;
}

void from_json(const json& j, ChatRequest& v) {
    v = ChatRequest{};
    v.messages = j.at("messages").get<std::vector<ChatMessage>>();
    v.model = j.value("model", std::string{});
    if (j.contains("temperature") && !j["temperature"].is_null()) v.temperature = j["temperature"].get<double>();
    if (j.contains("max_tokens") && !j["max_tokens"].is_null()) v.maxTokens = j["max_tokens"].get<int>();
    if (j.contains("seed") && !j["seed"].is_null()) v.seed = j["seed"].get<int64_t>();
    v.stop = j.value("stop", std::vector<std::string>{});
    v.jsonMode = j.value("json_mode", false);
    v.responseFormat = j.value("response_format", json());
    v.tools = j.value("tools", std::vector<ToolSpec>{});
    v.toolChoice = j.value("tool_choice", std::string{});
    v.extra = j.value("extra", json());
}

void to_json(json& j, const CallStats& v) {
    j = {{"prompt_tokens", v.promptTokens},
         {"completion_tokens", v.completionTokens},
         {"usage_reported", v.usageReported},
         {"latency_seconds", v.latencySeconds},
         {"first_token_seconds", v.firstTokenSeconds},
         {"retries", v.retries},
         {"cost_usd", v.costUsd},
         {"replayed", v.replayed}};
}

void from_json(const json& j, CallStats& v) {
    v.promptTokens = j.value("prompt_tokens", int64_t{0});
    v.completionTokens = j.value("completion_tokens", int64_t{0});
    v.usageReported = j.value("usage_reported", false);
    v.latencySeconds = j.value("latency_seconds", 0.0);
    v.firstTokenSeconds = j.value("first_token_seconds", -1.0);
    v.retries = j.value("retries", 0);
    v.costUsd = j.value("cost_usd", 0.0);
    v.replayed = j.value("replayed", false);
}

void to_json(json& j, const ChatResponse& v) {
    j = {{"content", v.content},      {"reasoning", v.reasoning},
         {"tool_calls", v.toolCalls}, {"finish_reason", v.finishReason},
         {"model", v.model},          {"stats", v.stats}};
}

void from_json(const json& j, ChatResponse& v) {
    v.content = j.value("content", std::string{});
    v.reasoning = j.value("reasoning", std::string{});
    v.toolCalls = j.value("tool_calls", std::vector<ToolCall>{});
    v.finishReason = j.value("finish_reason", std::string{});
    v.model = j.value("model", std::string{});
    v.stats = j.value("stats", CallStats{});
}

}  // namespace rs::llm
