#include <gtest/gtest.h>

#include "llm/cassette.h"
#include "llm/chatclient.h"
#include "llmtesthelpers.h"
#include "testenv.h"

using namespace rs::llm;

// A streamed chat recorded through ChatClient replays identically after the server is gone.
TEST(ChatCassette, RecordedStreamReplaysWithoutAServer) {
    const auto file = rs::test::tempDir("chat-cassette") / "p.recscope";
    ChatRequest req;
    req.messages = {ChatMessage::user("films like Alien")};
    std::string recorded, replayed;
    EndpointProfile profile;
    {
        rs::test::ScriptedLlmServer server;
        ASSERT_TRUE(server.start());
        rs::test::ScriptedReply reply;
        reply.chunks = {"Ali", "ens", " (1986)"};
        server.enqueue(reply);
        profile = rs::test::scriptedProfile(server);
        auto cassette = Cassette::open(file, CassetteMode::Record);
        ASSERT_TRUE(cassette.isOk()) << cassette.message();
        ChatClient client(profile);
        client.setCassette(cassette->get());
        auto r = client.stream(req, [&](const StreamDelta& d) { recorded.append(d.text); });
        ASSERT_TRUE(r.isOk()) << r.message();
        EXPECT_FALSE(r->stats.replayed);
        EXPECT_EQ(*(*cassette)->size(), 1);
    }
    auto cassette = Cassette::open(file, CassetteMode::Replay);
    ASSERT_TRUE(cassette.isOk()) << cassette.message();
    ChatClient client(profile);  // its server is stopped: only the cassette can answer
    client.setCassette(cassette->get());
    auto r = client.stream(req, [&](const StreamDelta& d) { replayed.append(d.text); });
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_TRUE(r->stats.replayed);
    EXPECT_EQ(replayed, recorded);
    EXPECT_EQ(r->content, "Aliens (1986)");

    req.messages[0].content = "something never recorded";
    auto miss = client.complete(req);
    ASSERT_FALSE(miss.isOk());
    EXPECT_NE(miss.message().find("no recording"), std::string::npos) << miss.message();
}
