#include <gtest/gtest.h>

#include <fstream>

#include "llm/cassette.h"
#include "testenv.h"

using namespace rs::llm;

namespace {
RecordedRequest chatRequest(const std::string& body = R"({"model":"m"})") {
    return {"POST", "/chat/completions", body};
}
RecordedResponse streamed(const std::string& token) {
    RecordedResponse r;
    r.status = 200;
    r.headers = {{"content-type", "text/event-stream"}, {"set-cookie", "session=secret"}};
    r.chunks = {"data: {\"t\":\"" + token + "\"}\n\n", std::string("data: [DONE]\n\n\0tail", 20)};
    r.chunkSeconds = {0.01, 0.02};
    r.seconds = 0.03;
    return r;
}
}  // namespace

TEST(Cassette, KeyIsTheDocumentedFnv1aOfMethodEndpointAndBody) {
    // FNV-1a 64 of "POST /chat/completions\n{\"model\":\"m\"}", computed independently.
    EXPECT_EQ(Cassette::key(chatRequest()), "ba6de85fdad05476");
    EXPECT_NE(Cassette::key(chatRequest(R"({"model":"n"})")), Cassette::key(chatRequest()));
}

TEST(Cassette, RecordsThenReplaysRepeatsInOrderAcrossReopen) {
    const auto file = rs::test::tempDir("cassette") / "p.recscope";
    {
        auto rec = Cassette::open(file, CassetteMode::Record);
        ASSERT_TRUE(rec.isOk()) << rec.message();
        ASSERT_TRUE((*rec)->record(chatRequest(), streamed("first")).isOk());
        ASSERT_TRUE((*rec)->record(chatRequest(), streamed("second")).isOk());
        auto none = (*rec)->find(chatRequest());  // record mode never replays
        ASSERT_TRUE(none.isOk());
        EXPECT_FALSE(none->has_value());
        EXPECT_EQ(*(*rec)->size(), 2);
    }
    auto play = Cassette::open(file, CassetteMode::Replay);
    ASSERT_TRUE(play.isOk()) << play.message();
    std::vector<std::string> bodies;
    for (int i = 0; i < 3; ++i) {
        auto r = (*play)->find(chatRequest());
        ASSERT_TRUE(r.isOk()) << r.message();
        ASSERT_TRUE(r->has_value());
        bodies.push_back((*r)->body());
        EXPECT_EQ((*r)->status, 200);
        ASSERT_EQ((*r)->chunks.size(), 2u);
        EXPECT_EQ((*r)->chunks[1].size(), 20u);  // bytes after a NUL survive
        EXPECT_DOUBLE_EQ((*r)->chunkSeconds[1], 0.02);
        for (const auto& [name, value] : (*r)->headers) EXPECT_NE(name, "set-cookie");
    }
    EXPECT_NE(bodies[0].find("first"), std::string::npos);
    EXPECT_NE(bodies[1].find("second"), std::string::npos);
    EXPECT_EQ(bodies[2], bodies[1]);  // past the last recording, the last repeats

    auto other = (*play)->find(chatRequest(R"({"model":"other"})"));
    ASSERT_TRUE(other.isOk());
    EXPECT_FALSE(other->has_value());
    ASSERT_TRUE((*play)->record(chatRequest(), streamed("ignored")).isOk());  // replay never records
    EXPECT_EQ(*(*play)->size(), 2);
}

TEST(Cassette, RefusesAFileThatIsNotAProject) {
    const auto file = rs::test::tempDir("cassette") / "notes.txt";
    std::ofstream(file) << "just text\n";
    auto c = Cassette::open(file, CassetteMode::Record);
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("notes.txt"), std::string::npos) << c.message();
}

TEST(Cassette, ModeNamesRoundTrip) {
    for (auto m : {CassetteMode::Off, CassetteMode::Record, CassetteMode::Replay, CassetteMode::ReplayOrRecord})
        EXPECT_EQ(cassetteModeFromName(cassetteModeName(m)), m);
    EXPECT_FALSE(cassetteModeFromName("rewind").has_value());
}
