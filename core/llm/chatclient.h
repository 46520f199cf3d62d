#pragma once
// ChatClient: OpenAI-compatible chat completions (POST {base}/chat/completions) and model lists
// (GET {base}/models) for one endpoint profile.
//
// - complete(): one whole answer. stream(): the answer delivered token by token to a callback as
//   server-sent events arrive (content and reasoning apart), then the assembled response.
// - Retries: connection failures, timeouts, 408, 429 (waiting Retry-After when the server sends
//   it) and 5xx are retried with exponential backoff and jitter, per the profile's RetryPolicy,
//   but never after tokens have reached the callback (they cannot be taken back) and never past
//   the profile's total timeout, which bounds the whole call, retries included. 400, 401, 403,
//   404, 413 and 422 fail at once.
// - Errors name the endpoint and the cause in words a user can act on ("wrong API key? (env var
//   OPENAI_API_KEY)", "unknown model 'x' at <base>", "prompt too long", "stream cut mid-way").
//   The API key never appears in an error, in lastStats() or anywhere else the client writes.
// - Cancellation: task.cancel ends a call within ~20 ms, mid-stream and during backoff included;
//   the error message is then exactly util::kCancelledMessage.
// - Accounting: every call (failed ones too) leaves its CallStats in lastStats(); a successful
//   response carries the same stats. Cost comes from the price table (0 when none is set, the
//   model is not listed, or the profile is local).
//
// Threading: one ChatClient per thread (it owns an HttpClient with a kept-alive connection).
// The token callback runs on the calling thread.
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "llm/chatmessage.h"
#include "llm/httpclient.h"
#include "llm/pricetable.h"
#include "llm/profile.h"
#include "llm/responseassembler.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::llm {

class ChatClient {
public:
    explicit ChatClient(EndpointProfile profile, std::shared_ptr<const PriceTable> prices = nullptr);

    const EndpointProfile& profile() const { return profile_; }
    // Not owned; must outlive the client. nullptr detaches.
    void setCassette(Cassette* cassette) { http_.setCassette(cassette); }

    util::Result<ChatResponse> complete(const ChatRequest& request, const util::Task& task = {});
    util::Result<ChatResponse> stream(const ChatRequest& request, const TokenFn& onToken, const util::Task& task = {});
    // Model ids from GET {base}/models.
    util::Result<std::vector<std::string>> listModels(const util::Task& task = {});

    const CallStats& lastStats() const { return lastStats_; }

private:
    util::Result<ChatResponse> run(const ChatRequest& request, const TokenFn* onToken, const util::Task& task);
    std::string httpError(const HttpResponse& resp, const std::string& url, const std::string& model) const;
    std::string scrub(std::string message) const;
    bool sleepFor(double seconds, const util::Task& task);

    EndpointProfile profile_;
    std::shared_ptr<const PriceTable> prices_;
    HttpClient http_;
    std::mt19937_64 rng_;
    CallStats lastStats_;
};

}  // namespace rs::llm
