// Client overhead: the scripted server answers instantly; 1,000 streamed chat completions of
// 200 tokens each (one SSE event per token, usage in a final chunk) through one ChatClient.
// Target: under 10 s in total. Prints the time, completions/s and tokens/s.
//
//   llm_bench [completions=1000] [tokens=200]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "llm/chatclient.h"
#include "support/scriptedllmserver.h"

int main(int argc, char** argv) {
    using namespace rs;
    const int completions = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int tokens = argc > 2 ? std::atoi(argv[2]) : 200;
    test::ScriptedLlmServer server;
    if (!server.start()) {
        std::fprintf(stderr, "llm_bench: cannot start the scripted server\n");
        return 1;
    }
    test::ScriptedReply reply;
    for (int i = 0; i < tokens; ++i) reply.chunks.push_back(" tok" + std::to_string(i));
    server.setDefaultReply(reply);

    llm::EndpointProfile profile;
    profile.name = "bench";
    profile.baseUrl = server.baseUrl();
    profile.model = "test-model";
    profile.local = true;
    // Scoped so its kept-alive connection closes before server.stop().
    auto client = std::make_unique<llm::ChatClient>(profile);
    llm::ChatRequest req;
    req.messages = {llm::ChatMessage::user("Recommend five films like Alien.")};

    int64_t received = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < completions; ++i) {
        auto r = client->stream(req, [&](const llm::StreamDelta&) { ++received; });
        if (!r) {
            std::fprintf(stderr, "llm_bench: completion %d failed: %s\n", i, r.message().c_str());
            return 1;
        }
        if (r->stats.completionTokens != tokens) {
            std::fprintf(stderr, "llm_bench: completion %d: %lld tokens, expected %d\n", i,
                         static_cast<long long>(r->stats.completionTokens), tokens);
            return 1;
        }
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    client.reset();
    server.stop();
    std::printf(
        "llm_bench: %d streamed completions x %d tokens in %.2f s (target < 10 s): %.0f completions/s, %.0f tokens/s\n",
        completions, tokens, s, completions / s, static_cast<double>(received) / s);
    std::printf("command: llm_bench %d %d\n", completions, tokens);
    return received == int64_t(completions) * tokens ? 0 : 1;
}
