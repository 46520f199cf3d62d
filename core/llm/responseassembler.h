#pragma once
// ResponseAssembler: builds a ChatResponse from what a real OpenAI-compatible server sends, and
// hides the servers' differences:
// - streamed chunks (one JSON object per SSE event) or one whole completion body;
// - usage only in a final chunk whose "choices" is null or empty;
// - tool-call "arguments" as an object instead of a string; tool-call ids that are empty or change
//   between chunks (calls are assembled by their index, the first non-empty id is kept);
// - finish_reason "stop" although tool calls came (reported as "tool_calls");
// - reasoning in "reasoning_content" / "reasoning" or inside "<think>…</think>" in the content
//   (tags may be split across chunks), always kept apart from the answer.
// Not thread-safe; one assembler per response.
#include <functional>
#include <map>
#include <string_view>

#include "llm/chatmessage.h"
#include "llm/thinksplitter.h"
#include "util/status.h"

namespace rs::llm {

// One streamed piece of text, delivered as soon as it arrives.
struct StreamDelta {
    enum class Kind { Content, Reasoning };
    Kind kind = Kind::Content;
    std::string_view text;
};
using TokenFn = std::function<void(const StreamDelta& delta)>;

class ResponseAssembler {
public:
    explicit ResponseAssembler(TokenFn onToken = {}) : onToken_(std::move(onToken)) {}

    // One parsed stream chunk. An {"error": …} chunk gives an error with the server's message.
    util::Status addChunk(const nlohmann::json& chunk);
    // Ends the stream: flushes held-back text and returns the assembled response (stats empty).
    ChatResponse finish();

    bool sawFinishReason() const { return !response_.finishReason.empty(); }
    size_t deltasDelivered() const { return deltas_; }

    // A whole non-streamed completion body. Errors name what is missing or malformed.
    static util::Result<ChatResponse> parseCompletion(std::string_view body);

private:
    void deliver(bool reasoning, std::string_view text);
    void addToolCallDelta(const nlohmann::json& delta);

    TokenFn onToken_;
    ThinkSplitter think_;
    ChatResponse response_;
    std::map<int, ToolCall> calls_;  // by the server's index
    int lastIndex_ = -1;
    size_t deltas_ = 0;
};

// The server's own error message from an error body ({"error": {"message": …}} or {"error": "…"}
// or {"message": …}); empty when there is none.
std::string serverErrorMessage(std::string_view body);

}  // namespace rs::llm
