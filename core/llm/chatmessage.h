#pragma once
// The data of one chat-completions exchange: messages, the request options, the assembled
// response and its accounting. Plain values; every type has nlohmann to_json/from_json so a
// cassette, a turn trace or a report can store it (from_json throws nlohmann::json exceptions on
// a wrong shape; callers in core/ catch them at their boundary).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rs::llm {

struct ToolCall {
    std::string id;         // may be empty: some servers send none
    std::string name;       // function name
    std::string arguments;  // JSON text; servers that send an object get it serialised here
};

struct ChatMessage {
    std::string role;  // "system", "user", "assistant", "tool"
    std::string content;
    std::vector<ToolCall> toolCalls;  // assistant messages that call tools
    std::string toolCallId;           // tool messages: the call answered
    std::string name;                 // optional participant/tool name

    static ChatMessage system(std::string text) { return {"system", std::move(text), {}, {}, {}}; }
    static ChatMessage user(std::string text) { return {"user", std::move(text), {}, {}, {}}; }
    static ChatMessage assistant(std::string text) { return {"assistant", std::move(text), {}, {}, {}}; }
    static ChatMessage tool(std::string callId, std::string text) {
        return {"tool", std::move(text), {}, std::move(callId), {}};
    }
};

struct ToolSpec {
    std::string name;
    std::string description;
    nlohmann::json parameters = nlohmann::json::object();  // JSON Schema of the arguments
};

struct ChatRequest {
    std::vector<ChatMessage> messages;
    std::string model;  // empty: the profile's model
    std::optional<double> temperature;
    std::optional<int> maxTokens;
    std::vector<std::string> stop;
    std::optional<int64_t> seed;
    bool jsonMode = false;          // response_format {"type":"json_object"}
    nlohmann::json responseFormat;  // when not null, sent as response_format as given (json_schema)
    std::vector<ToolSpec> tools;
    std::string toolChoice;  // "", "auto", "none", "required" or a function name
    nlohmann::json extra;    // extra top-level body fields (object), merged last
};

// Accounting of one call (all attempts together).
struct CallStats {
    int64_t promptTokens = 0;
    int64_t completionTokens = 0;
    bool usageReported = false;     // false: the server sent no usage (token counts are 0)
    double latencySeconds = 0;      // request start to the end of the answer, retries included
    double firstTokenSeconds = -1;  // start of the successful attempt to its first content/reasoning token
    int retries = 0;                // attempts beyond the first
    double costUsd = 0;             // from the price table; 0 for unknown models and local servers
    bool replayed = false;          // answered from a cassette
};

struct ChatResponse {
    std::string content;    // the answer, without reasoning
    std::string reasoning;  // reasoning_content / reasoning / <think>…</think>, kept apart
    std::vector<ToolCall> toolCalls;
    std::string finishReason;  // "stop", "length", "tool_calls", … ("tool_calls" whenever calls came)
    std::string model;         // as reported by the server
    CallStats stats;
};

// The JSON body for POST /chat/completions. stream adds stream_options.include_usage.
nlohmann::json chatRequestBody(const ChatRequest& request, const std::string& model, bool stream);

void to_json(nlohmann::json& j, const ToolCall& v);
void from_json(const nlohmann::json& j, ToolCall& v);
void to_json(nlohmann::json& j, const ChatMessage& v);  // the OpenAI wire form
void from_json(const nlohmann::json& j, ChatMessage& v);
void to_json(nlohmann::json& j, const ToolSpec& v);
void from_json(const nlohmann::json& j, ToolSpec& v);
void to_json(nlohmann::json& j, const ChatRequest& v);
void from_json(const nlohmann::json& j, ChatRequest& v);
void to_json(nlohmann::json& j, const CallStats& v);
void from_json(const nlohmann::json& j, CallStats& v);
void to_json(nlohmann::json& j, const ChatResponse& v);
void from_json(const nlohmann::json& j, ChatResponse& v);

// Tool-call arguments as JSON text whatever the server sent (string as is, object/array dumped).
std::string argumentsText(const nlohmann::json& arguments);

}  // namespace rs::llm
