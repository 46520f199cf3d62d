#include <gtest/gtest.h>

#include "llm/chatmessage.h"
#include "llm/pricetable.h"
#include "llm/profile.h"
#include "llm/sseparser.h"
#include "llm/thinksplitter.h"

using namespace rs::llm;

TEST(SseParser, JoinsEventsSplitAnywhereAndSkipsComments) {
    const std::string stream =
        ": keep-alive\r\ndata: {\"a\":1}\r\n\r\ndata: line1\ndata:line2\n\nevent: x\ndata: [DONE]\n\n";
    for (size_t cut = 1; cut < stream.size(); cut += 3) {
        SseParser p;
        std::vector<std::string> events;
        auto on = [&](std::string_view d) {
            events.emplace_back(d);
            return true;
        };
        EXPECT_TRUE(p.feed(stream.substr(0, cut), on));
        EXPECT_TRUE(p.feed(stream.substr(cut), on));
        EXPECT_TRUE(p.finish(on));
        ASSERT_EQ(events.size(), 3u) << cut;
        EXPECT_EQ(events[0], "{\"a\":1}");
        EXPECT_EQ(events[1], "line1\nline2");
        EXPECT_EQ(events[2], "[DONE]");
    }
}

TEST(ThinkSplitter, FindsTagsSplitAtEveryPosition) {
    const std::string text = "<think>plan a</think>answer <b>bold</b>";
    for (size_t cut = 0; cut <= text.size(); ++cut) {
        ThinkSplitter s;
        std::string answer, reasoning;
        auto emit = [&](bool r, std::string_view t) { (r ? reasoning : answer).append(t); };
        s.feed(text.substr(0, cut), emit);
        s.feed(text.substr(cut), emit);
        s.finish(emit);
        EXPECT_EQ(reasoning, "plan a") << cut;
        EXPECT_EQ(answer, "answer <b>bold</b>") << cut;
    }
    EXPECT_EQ(splitThink("no tags <thin").first, "no tags <thin");
}

TEST(ChatMessage, RequestRoundTripsThroughJson) {
    ChatRequest r;
    r.messages = {ChatMessage::user("hi"), ChatMessage::tool("call_1", "{\"ok\":true}")};
    r.messages.push_back({"assistant", "", {{"call_1", "search", "{\"q\":\"x\"}"}}, "", ""});
    r.temperature = 0.5;
    r.seed = 7;
    r.tools = {{"search", "find items", {{"type", "object"}}}};
    r.toolChoice = "search";
    const nlohmann::json j = r;
    const ChatRequest back = j.get<ChatRequest>();
    EXPECT_EQ(nlohmann::json(back), j);
    const auto body = chatRequestBody(r, "m", true);
    EXPECT_EQ(body["messages"][1]["tool_call_id"], "call_1");
    EXPECT_TRUE(body["messages"][2]["content"].is_null());
    EXPECT_EQ(body["messages"][2]["tool_calls"][0]["function"]["name"], "search");
    EXPECT_EQ(body["tool_choice"]["function"]["name"], "search");
    EXPECT_EQ(body["tools"][0]["type"], "function");
}

TEST(Profile, PresetsRolesAndJsonNeverCarryAKey) {
    auto ollama = presetProfile("ollama");
    ASSERT_TRUE(ollama.has_value());
    EXPECT_EQ(ollama->url("/chat/completions"), "http://localhost:11434/v1/chat/completions");
    EXPECT_EQ(presetProfile("vllm")->baseUrl, "http://localhost:8000/v1");
    EXPECT_EQ(presetProfile("lmstudio")->baseUrl, "http://localhost:1234/v1");
    EXPECT_EQ(presetProfile("llamacpp")->baseUrl, "http://localhost:8080/v1");
    auto azure = *presetProfile("azure");
    EXPECT_NE(azure.url("/chat/completions").find("/chat/completions?api-version=" + azure.azureApiVersion),
              std::string::npos);
    ::setenv("RECSCOPE_TEST_AZURE_KEY", "az-secret", 1);
    azure.apiKeyEnv = "RECSCOPE_TEST_AZURE_KEY";
    auto headers = azure.authHeaders();
    ASSERT_TRUE(headers.isOk());
    EXPECT_EQ(headers->at(0).first, "api-key");

    ProfileSet set;
    set.profiles = {azure};
    set.roles = {{"planner", "azure"}, {"embedder", "ollama"}};
    const std::string text = nlohmann::json(set).dump();
    EXPECT_EQ(text.find("az-secret"), std::string::npos);
    auto back = parseProfileSet(text);
    ASSERT_TRUE(back.isOk()) << back.message();
    EXPECT_EQ(back->forRole(Role::Planner)->apiKeyEnv, "RECSCOPE_TEST_AZURE_KEY");
    EXPECT_EQ(back->forRole(Role::Embedder)->baseUrl, "http://localhost:11434/v1");
    auto none = back->forRole(Role::Judge);
    ASSERT_FALSE(none.isOk());
    EXPECT_NE(none.message().find("judge"), std::string::npos);

    auto withKey = parseProfile(R"({"name":"x","base_url":"http://h","api_key":"sk-1"})");
    ASSERT_FALSE(withKey.isOk());
    EXPECT_NE(withKey.message().find("api_key_env"), std::string::npos) << withKey.message();
    EXPECT_EQ(withKey.message().find("sk-1"), std::string::npos);
    ::unsetenv("RECSCOPE_TEST_AZURE_KEY");
}

TEST(PriceTable, LooksUpByLongestPrefixAndParsesTheShippedFile) {
    auto t = PriceTable::load(std::string(RECSCOPE_SOURCE_DIR) + "/resources/llm/prices.json");
    ASSERT_TRUE(t.isOk()) << t.message();
    ASSERT_TRUE(t->find("gpt-4o-mini").has_value());
    const auto mini = *t->find("gpt-4o-mini");
    EXPECT_EQ(t->find("gpt-4o-mini-2024-07-18")->inputPerMillion, mini.inputPerMillion);
    EXPECT_NE(t->find("gpt-4o-2024-08-06")->inputPerMillion, mini.inputPerMillion);
    EXPECT_EQ(t->cost("llama3.2", 1000, 1000), 0.0);
    EXPECT_NEAR(t->cost("gpt-4o-mini", 1'000'000, 0), mini.inputPerMillion, 1e-9);
    auto bad = PriceTable::parse(R"({"models":{"m":{"input":-1,"output":2}}})");
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("'m'"), std::string::npos);
    auto again = PriceTable::parse(t->toJson());
    ASSERT_TRUE(again.isOk());
    EXPECT_EQ(again->size(), t->size());
}
