#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "llm/chatclient.h"
#include "llmtesthelpers.h"

using namespace rs;
using namespace rs::llm;
using rs::test::Fault;
using rs::test::ScriptedReply;

namespace {
ChatRequest ask(const std::string& text) {
    ChatRequest r;
    r.messages = {ChatMessage::system("be brief"), ChatMessage::user(text)};
    return r;
}
ScriptedReply answer(const std::string& content) {
    ScriptedReply r;
    r.content = content;
    return r;
}
ScriptedReply fault(Fault f) {
    ScriptedReply r;
    r.fault = f;
    return r;
}
double secondsSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

class ChatClientTest : public rs::test::ScriptedServerTest {};

TEST_F(ChatClientTest, CompletesAndSendsTheRequestOptions) {
    server.addRule("capital", answer("Paris is the capital."));
    ChatClient client(rs::test::scriptedProfile(server));
    ChatRequest req = ask("What is the capital of France?");
    req.temperature = 0.25;
    req.maxTokens = 7;
    req.stop = {"\n\n"};
    req.seed = 42;
    req.jsonMode = true;
    auto r = client.complete(req);
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->content, "Paris is the capital.");
    EXPECT_EQ(r->finishReason, "stop");
    const auto sent = server.requests().back().json;
    EXPECT_EQ(sent["model"], "test-model");
    EXPECT_DOUBLE_EQ(sent["temperature"].get<double>(), 0.25);
    EXPECT_EQ(sent["max_tokens"], 7);
    EXPECT_EQ(sent["stop"][0], "\n\n");
    EXPECT_EQ(sent["seed"], 42);
    EXPECT_EQ(sent["response_format"]["type"], "json_object");
    EXPECT_FALSE(sent.contains("stream"));
    ASSERT_EQ(sent["messages"].size(), 2u);
    EXPECT_EQ(sent["messages"][1]["content"], "What is the capital of France?");
}

TEST_F(ChatClientTest, StreamsTokenByTokenAndReadsUsageFromAChunkWithNullChoices) {
    ScriptedReply reply;
    reply.chunks = {"Hel", "lo", ", ", "wor", "ld"};
    reply.promptTokens = 11;
    reply.completionTokens = 5;
    server.enqueue(reply);
    ChatClient client(rs::test::scriptedProfile(server));
    std::vector<std::string> tokens;
    auto r = client.stream(ask("hi"), [&](const StreamDelta& d) {
        EXPECT_EQ(d.kind, StreamDelta::Kind::Content);
        tokens.emplace_back(d.text);
    });
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(tokens, reply.chunks);
    EXPECT_EQ(r->content, "Hello, world");
    EXPECT_TRUE(r->stats.usageReported);
    EXPECT_EQ(r->stats.promptTokens, 11);
    EXPECT_EQ(r->stats.completionTokens, 5);
    EXPECT_GE(r->stats.firstTokenSeconds, 0.0);
    EXPECT_LE(r->stats.firstTokenSeconds, r->stats.latencySeconds);
    const auto sent = server.requests().back();
    EXPECT_EQ(sent.json["stream"], true);
    EXPECT_EQ(sent.json["stream_options"]["include_usage"], true);
}

TEST_F(ChatClientTest, AssemblesToolCallsWithObjectArgumentsAndEmptyIds) {
    ScriptedReply reply;
    reply.toolCalls = {{"", "search", R"({"query":"space robots","k":5})", true},
                       {"call_2", "filter", R"({"genre":"Sci-Fi"})", false}};
    reply.finishReason = "stop";  // some servers say "stop" although they call tools
    server.enqueue(reply);
    server.enqueue(reply);
    ChatClient client(rs::test::scriptedProfile(server));
    for (bool streaming : {true, false}) {
        auto r = streaming ? client.stream(ask("find"), [](const StreamDelta&) {}) : client.complete(ask("find"));
        ASSERT_TRUE(r.isOk()) << r.message();
        ASSERT_EQ(r->toolCalls.size(), 2u) << streaming;
        EXPECT_EQ(r->finishReason, "tool_calls");
        EXPECT_EQ(r->toolCalls[0].name, "search");
        EXPECT_EQ(nlohmann::json::parse(r->toolCalls[0].arguments)["k"], 5);
        EXPECT_EQ(r->toolCalls[1].id, "call_2");
        EXPECT_EQ(nlohmann::json::parse(r->toolCalls[1].arguments)["genre"], "Sci-Fi");
    }
}

TEST_F(ChatClientTest, ChangingToolCallIdsAreAssembledByIndex) {
    ScriptedReply reply;
    reply.rawEvents = {
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a1","function":{"name":"rank","arguments":"{\"ids\":"}}]}}]})",
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a2","function":{"arguments":"[1,2]}"}}]}}]})",
        R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})"};
    server.enqueue(reply);
    ChatClient client(rs::test::scriptedProfile(server));
    auto r = client.stream(ask("rank"), [](const StreamDelta&) {});
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_EQ(r->toolCalls.size(), 1u);
    EXPECT_EQ(r->toolCalls[0].id, "a1");
    EXPECT_EQ(r->toolCalls[0].arguments, R"({"ids":[1,2]})");
}

TEST_F(ChatClientTest, KeepsReasoningApartFromTheAnswer) {
    ScriptedReply withField;
    withField.reasoning = "The user wants a film.";
    withField.content = "Alien (1979)";
    ScriptedReply withTags;
    withTags.chunks = {"<thi", "nk>weigh ", "options</th", "ink>\n\nBlade", " Runner"};
    server.enqueue(withField);
    server.enqueue(withTags);
    ChatClient client(rs::test::scriptedProfile(server));
    std::string streamedReasoning, streamedContent;
    auto sink = [&](const StreamDelta& d) {
        (d.kind == StreamDelta::Kind::Reasoning ? streamedReasoning : streamedContent).append(d.text);
    };
    auto a = client.stream(ask("film"), sink);
    ASSERT_TRUE(a.isOk()) << a.message();
    EXPECT_EQ(a->reasoning, "The user wants a film.");
    EXPECT_EQ(a->content, "Alien (1979)");
    streamedReasoning.clear();
    streamedContent.clear();
    auto b = client.stream(ask("film"), sink);
    ASSERT_TRUE(b.isOk()) << b.message();
    EXPECT_EQ(b->reasoning, "weigh options");
    EXPECT_EQ(b->content, "Blade Runner");
    EXPECT_EQ(streamedReasoning, "weigh options");
    EXPECT_EQ(streamedContent, "Blade Runner");

    ScriptedReply whole;
    whole.content = "<think>short</think>\nYes.";
    server.enqueue(whole);
    auto c = client.complete(ask("ok?"));
    ASSERT_TRUE(c.isOk()) << c.message();
    EXPECT_EQ(c->reasoning, "short");
    EXPECT_EQ(c->content, "Yes.");
}

TEST_F(ChatClientTest, RetriesRateLimitsHonouringRetryAfterAndServerErrors) {
    ScriptedReply limited = fault(Fault::RateLimit);
    limited.retryAfterSeconds = 0.3;
    server.enqueue(limited);
    server.enqueue(fault(Fault::ServerError));
    ChatClient client(rs::test::scriptedProfile(server));
    const auto t0 = std::chrono::steady_clock::now();
    auto r = client.complete(ask("hello"));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->content, "echo: hello");
    EXPECT_EQ(r->stats.retries, 2);
    EXPECT_EQ(server.requestCount("/v1/chat/completions"), 3u);
    EXPECT_GE(secondsSince(t0), 0.3);  // waited as the server asked
}

TEST_F(ChatClientTest, RetryAfterBeyondThePolicyFailsAtOnceWithAClearMessage) {
    ScriptedReply limited = fault(Fault::RateLimit);
    limited.retryAfterSeconds = 3600;
    server.enqueue(limited);
    ChatClient client(rs::test::scriptedProfile(server));
    auto r = client.complete(ask("hello"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("429"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("3600"), std::string::npos) << r.message();
    EXPECT_EQ(server.requestCount(), 1u);
}

TEST_F(ChatClientTest, PersistentServerErrorsGiveUpAfterTheRetryBudget) {
    for (int i = 0; i < 10; ++i) server.enqueue(fault(Fault::ServerError));
    auto profile = rs::test::scriptedProfile(server);
    profile.retry.maxRetries = 2;
    ChatClient client(profile);
    auto r = client.complete(ask("hello"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("HTTP 500"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find(server.baseUrl() + "/chat/completions"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("3 attempts"), std::string::npos) << r.message();
    EXPECT_EQ(server.requestCount(), 3u);
    EXPECT_EQ(client.lastStats().retries, 2);
}

TEST_F(ChatClientTest, MalformedJsonIsRetriedThenReportedClearly) {
    server.enqueue(fault(Fault::MalformedJson));
    ChatClient client(rs::test::scriptedProfile(server));
    auto ok = client.complete(ask("x"));
    ASSERT_TRUE(ok.isOk()) << ok.message();
    EXPECT_EQ(ok->stats.retries, 1);

    for (int i = 0; i < 4; ++i) server.enqueue(fault(Fault::MalformedJson));
    auto bad = client.stream(ask("x"), [](const StreamDelta&) {});
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("malformed JSON"), std::string::npos) << bad.message();
    EXPECT_NE(bad.message().find("/chat/completions"), std::string::npos) << bad.message();
}

TEST_F(ChatClientTest, AStreamCutBeforeAnyTokenIsRetriedAfterTokensItIsAClearError) {
    ScriptedReply cutEarly = fault(Fault::CutStream);
    cutEarly.cutAfterChunks = 1;  // only the role chunk: nothing delivered yet
    server.enqueue(cutEarly);
    ChatClient client(rs::test::scriptedProfile(server));
    auto r = client.stream(ask("again"), [](const StreamDelta&) {});
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->content, "echo: again");
    EXPECT_EQ(r->stats.retries, 1);

    ScriptedReply cutLate = fault(Fault::CutStream);
    cutLate.content = "one two three four five six";
    cutLate.cutAfterChunks = 3;
    server.enqueue(cutLate);
    std::string got;
    auto cut = client.stream(ask("long"), [&](const StreamDelta& d) { got.append(d.text); });
    ASSERT_FALSE(cut.isOk());
    EXPECT_NE(cut.message().find("cut mid-way"), std::string::npos) << cut.message();
    EXPECT_NE(cut.message().find(server.baseUrl()), std::string::npos) << cut.message();
    EXPECT_FALSE(got.empty());
}

TEST_F(ChatClientTest, SlowFirstTokenWithinTheTimeoutSucceedsBeyondItTimesOut) {
    ScriptedReply slow = fault(Fault::SlowFirstToken);
    slow.delaySeconds = 0.3;
    slow.content = "late but fine";
    server.enqueue(slow);
    ChatClient client(rs::test::scriptedProfile(server));
    auto r = client.stream(ask("x"), [](const StreamDelta&) {});
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_GE(r->stats.firstTokenSeconds, 0.3);

    auto profile = rs::test::scriptedProfile(server);
    profile.timeouts.firstByteSeconds = 0.2;
    profile.retry.maxRetries = 0;
    ChatClient impatient(profile);
    slow.delaySeconds = 5;
    server.enqueue(slow);
    const auto t0 = std::chrono::steady_clock::now();
    auto late = impatient.stream(ask("x"), [](const StreamDelta&) {});
    ASSERT_FALSE(late.isOk());
    EXPECT_LT(secondsSince(t0), 2.0);
    EXPECT_NE(late.message().find("first-token timeout"), std::string::npos) << late.message();
}

TEST_F(ChatClientTest, AHungConnectionEndsWithinTheTotalTimeout) {
    for (int i = 0; i < 10; ++i) server.enqueue(fault(Fault::Hang));
    auto profile = rs::test::scriptedProfile(server);
    profile.timeouts.firstByteSeconds = 0.3;
    profile.timeouts.totalSeconds = 1.0;
    ChatClient client(profile);
    const auto t0 = std::chrono::steady_clock::now();
    auto r = client.complete(ask("x"));
    ASSERT_FALSE(r.isOk());
    EXPECT_LT(secondsSince(t0), 1.6);
    EXPECT_NE(r.message().find("timeout"), std::string::npos) << r.message();
}

TEST_F(ChatClientTest, AStreamThatStallsMidWayEndsAtTheIdleTimeout) {
    ScriptedReply stall = fault(Fault::Hang);
    stall.content = "abcdefghijkl";
    stall.cutAfterChunks = 3;  // some tokens, then silence
    server.enqueue(stall);
    auto p2 = rs::test::scriptedProfile(server);
    p2.timeouts.idleSeconds = 0.3;
    ChatClient streaming(p2);
    const auto t1 = std::chrono::steady_clock::now();
    auto hung = streaming.stream(ask("y"), [](const StreamDelta&) {});
    ASSERT_FALSE(hung.isOk());
    EXPECT_LT(secondsSince(t1), 1.5);
    EXPECT_NE(hung.message().find("idle timeout"), std::string::npos) << hung.message();
    EXPECT_NE(hung.message().find("cut mid-way"), std::string::npos) << hung.message();
    EXPECT_EQ(server.requestCount(), 1u);  // tokens were delivered: no retry
}

TEST_F(ChatClientTest, CancellationMidStreamEndsPromptly) {
    ScriptedReply stall = fault(Fault::Hang);
    stall.content = "abcdefgh";
    stall.cutAfterChunks = 2;
    server.enqueue(stall);
    ChatClient client(rs::test::scriptedProfile(server));
    util::Task task;
    int tokens = 0;
    std::thread canceller;
    const auto t0 = std::chrono::steady_clock::now();
    double cancelledAt = 0;
    auto r = client.stream(
        ask("x"),
        [&](const StreamDelta&) {
            if (++tokens == 1)
                canceller = std::thread([&, t0] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                    cancelledAt = secondsSince(t0);
                    task.cancel.cancel();
                });
        },
        task);
    const double ended = secondsSince(t0);
    if (canceller.joinable()) canceller.join();
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), util::kCancelledMessage);
    EXPECT_EQ(tokens, 1);
    EXPECT_LT(ended - cancelledAt, 0.3);
}

TEST_F(ChatClientTest, WrongKeyUnknownModelAndOversizedPromptGiveActionableErrorsWithoutTheKey) {
    const std::string secret = "sk-test-SECRET-0123456789";
    ::setenv("RECSCOPE_TEST_LLM_KEY", secret.c_str(), 1);
    server.setRequiredKey("sk-the-right-one");
    auto profile = rs::test::scriptedProfile(server);
    profile.apiKeyEnv = "RECSCOPE_TEST_LLM_KEY";
    ChatClient client(profile);
    auto r = client.complete(ask("x"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("wrong API key? (env var RECSCOPE_TEST_LLM_KEY)"), std::string::npos) << r.message();
    EXPECT_EQ(r.message().find(secret), std::string::npos) << r.message();
    EXPECT_EQ(server.requestCount(), 1u);  // 401 is never retried
    EXPECT_EQ(server.requests().back().header("authorization"), "Bearer " + secret);

    server.setRequiredKey("");
    server.setModels({"test-model"}, true);
    ChatRequest other = ask("x");
    other.model = "gpt-9";
    auto unknown = client.complete(other);
    ASSERT_FALSE(unknown.isOk());
    EXPECT_NE(unknown.message().find("unknown model 'gpt-9' at " + server.baseUrl()), std::string::npos)
        << unknown.message();

    server.setMaxPromptChars(100);
    auto tooLong = client.complete(ask(std::string(500, 'a')));
    ASSERT_FALSE(tooLong.isOk());
    EXPECT_NE(tooLong.message().find("prompt too long"), std::string::npos) << tooLong.message();
    ::unsetenv("RECSCOPE_TEST_LLM_KEY");
}

TEST_F(ChatClientTest, AMissingKeyVariableIsNamedBeforeAnyRequest) {
    auto profile = rs::test::scriptedProfile(server);
    profile.apiKeyEnv = "RECSCOPE_TEST_LLM_KEY_UNSET";
    ::unsetenv("RECSCOPE_TEST_LLM_KEY_UNSET");
    ChatClient client(profile);
    auto r = client.complete(ask("x"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("RECSCOPE_TEST_LLM_KEY_UNSET"), std::string::npos) << r.message();
    EXPECT_EQ(server.requestCount(), 0u);
}

TEST(ChatClientNoServer, AnUnreachableHostIsNamedAfterRetries) {
    rs::test::ScriptedLlmServer closed;
    ASSERT_TRUE(closed.start());
    const std::string base = closed.baseUrl();
    closed.stop();  // the port is now closed
    auto profile = rs::test::scriptedProfile(closed);
    profile.baseUrl = base;
    profile.retry.maxRetries = 2;
    ChatClient client(profile);
    auto r = client.complete(ask("x"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find(base + "/chat/completions"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("cannot connect"), std::string::npos) << r.message();
    EXPECT_EQ(client.lastStats().retries, 2);
}

// A real TLS failure without internet: an https:// URL for the plain-http test server makes the
// handshake fail. The error names the endpoint and suggests http://, and is not retried.
TEST_F(ChatClientTest, ATlsHandshakeFailureIsNamedWithAHint) {
    auto profile = rs::test::scriptedProfile(server);
    std::string base = server.baseUrl();
    base.replace(0, 4, "https");
    profile.baseUrl = base;
    profile.retry.maxRetries = 2;
    ChatClient client(profile);
    auto r = client.complete(ask("x"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find(base + "/chat/completions"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("TLS handshake failed"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("use http://"), std::string::npos) << r.message();
    EXPECT_EQ(server.requestCount(), 0u);  // no HTTP request ever reached the server
    EXPECT_EQ(client.lastStats().retries, 0);
}

TEST_F(ChatClientTest, AccountingCountsTokensRetriesAndCost) {
    auto prices = std::make_shared<PriceTable>();
    prices->set("test-model", {2.0, 8.0});
    ScriptedReply reply;
    reply.content = "ok";
    reply.promptTokens = 1000;
    reply.completionTokens = 500;
    server.enqueue(fault(Fault::ServerError));
    server.enqueue(reply);
    auto profile = rs::test::scriptedProfile(server);
    profile.local = false;
    ChatClient client(profile, prices);
    auto r = client.complete(ask("x"));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->stats.promptTokens, 1000);
    EXPECT_EQ(r->stats.completionTokens, 500);
    EXPECT_EQ(r->stats.retries, 1);
    EXPECT_NEAR(r->stats.costUsd, (1000 * 2.0 + 500 * 8.0) / 1e6, 1e-12);
    EXPECT_GT(r->stats.latencySeconds, 0.0);
    EXPECT_EQ(client.lastStats().promptTokens, 1000);

    auto local = rs::test::scriptedProfile(server);  // local servers cost nothing
    ChatClient free(local, prices);
    server.enqueue(reply);
    auto z = free.complete(ask("x"));
    ASSERT_TRUE(z.isOk());
    EXPECT_EQ(z->stats.costUsd, 0.0);
}

TEST_F(ChatClientTest, ListsModels) {
    server.setModels({"a", "b", "c"});
    ChatClient client(rs::test::scriptedProfile(server));
    auto models = client.listModels();
    ASSERT_TRUE(models.isOk()) << models.message();
    EXPECT_EQ(*models, (std::vector<std::string>{"a", "b", "c"}));
}
