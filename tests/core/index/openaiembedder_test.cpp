// The OpenAI-compatible embedder against the scripted server on 127.0.0.1: batching, the request
// shape, the key taken from an environment variable, retries, clear errors, and the cache.
#include <gtest/gtest.h>

#include <cstdlib>

#include "index/cachedembedder.h"
#include "index/openaiembedder.h"
#include "support/scriptedllmserver.h"
#include "testenv.h"

using namespace rs;

namespace {

index::OpenAiEmbedderOptions optionsFor(const test::ScriptedLlmServer& server) {
    index::OpenAiEmbedderOptions o;
    o.profile.name = "scripted";
    o.profile.baseUrl = server.baseUrl();
    o.profile.model = "embed-test";
    o.profile.local = true;
    o.profile.retry.initialBackoffSeconds = 0.01;
    o.profile.timeouts.totalSeconds = 10;
    o.batchSize = 3;
    return o;
}

}  // namespace

TEST(OpenAiEmbedder, BatchesTextsAndReturnsTheServersVectorsInOrder) {
    test::ScriptedLlmServer server;
    ASSERT_TRUE(server.start());
    server.setEmbeddingDim(16);
    index::OpenAiEmbedder e(optionsFor(server));
    EXPECT_EQ(e.dim(), 0);  // learned from the first response
    const std::vector<std::string> texts{"Toy Story", "Heat", "Casino", "Sabrina", "GoldenEye", "Jumanji", "Babe"};
    auto v = e.embed(texts);
    ASSERT_TRUE(v.isOk()) << v.message();
    EXPECT_EQ(e.dim(), 16);
    ASSERT_EQ(v->size(), texts.size() * 16);
    for (size_t i = 0; i < texts.size(); ++i) {
        const auto expected = test::ScriptedLlmServer::embeddingFor(texts[i], 16);
        for (size_t j = 0; j < 16; ++j) EXPECT_NEAR((*v)[i * 16 + j], expected[j], 1e-6f) << texts[i];
    }
    EXPECT_EQ(server.requestCount("/v1/embeddings"), 3u);  // 3 + 3 + 1
    const auto reqs = server.requests();
    ASSERT_FALSE(reqs.empty());
    EXPECT_EQ(reqs.front().json["model"], "embed-test");
    EXPECT_EQ(reqs.front().json["encoding_format"], "float");
    EXPECT_EQ(reqs.front().json["input"].size(), 3u);
    EXPECT_EQ(e.name(), "openai:embed-test@" + server.baseUrl());
}

TEST(OpenAiEmbedder, SendsTheKeyFromTheNamedVariableAndNeverShowsIt) {
    test::ScriptedLlmServer server;
    ASSERT_TRUE(server.start());
    server.setRequiredKey("sk-test-secret-123");
    auto o = optionsFor(server);
    o.profile.apiKeyEnv = "RECSCOPE_TEST_EMBED_KEY";
    ::setenv("RECSCOPE_TEST_EMBED_KEY", "sk-test-secret-123", 1);
    index::OpenAiEmbedder ok(o);
    auto v = ok.embed(std::vector<std::string>{"x"});
    EXPECT_TRUE(v.isOk()) << v.message();
    ::setenv("RECSCOPE_TEST_EMBED_KEY", "sk-wrong-key-456", 1);
    auto denied = ok.embed(std::vector<std::string>{"x"});
    ASSERT_FALSE(denied.isOk());
    EXPECT_NE(denied.message().find("401"), std::string::npos) << denied.message();
    EXPECT_EQ(denied.message().find("sk-wrong-key-456"), std::string::npos) << "key leaked: " << denied.message();
    ::unsetenv("RECSCOPE_TEST_EMBED_KEY");
    auto missing = ok.embed(std::vector<std::string>{"x"});
    ASSERT_FALSE(missing.isOk());
    EXPECT_NE(missing.message().find("RECSCOPE_TEST_EMBED_KEY"), std::string::npos) << missing.message();
}

TEST(OpenAiEmbedder, RetriesRateLimitsAndServerErrorsThenReportsClearly) {
    test::ScriptedLlmServer server;
    ASSERT_TRUE(server.start());
    test::ScriptedReply limit;
    limit.fault = test::Fault::RateLimit;
    limit.retryAfterSeconds = 0;
    test::ScriptedReply boom;
    boom.fault = test::Fault::ServerError;
    server.enqueue(limit, "/v1/embeddings");
    server.enqueue(boom, "/v1/embeddings");
    index::OpenAiEmbedder e(optionsFor(server));
    auto v = e.embed(std::vector<std::string>{"a", "b"});
    ASSERT_TRUE(v.isOk()) << v.message();
    EXPECT_EQ(server.requestCount("/v1/embeddings"), 3u);

    test::ScriptedReply bad;
    bad.fault = test::Fault::MalformedJson;
    server.enqueue(bad, "/v1/embeddings");
    auto m = e.embed(std::vector<std::string>{"a"});
    ASSERT_FALSE(m.isOk());
    EXPECT_NE(m.message().find("malformed"), std::string::npos) << m.message();
    EXPECT_NE(m.message().find(server.baseUrl()), std::string::npos) << m.message();

    server.stop();
    auto down = e.embed(std::vector<std::string>{"a"});
    ASSERT_FALSE(down.isOk());
    EXPECT_NE(down.message().find("embeddings"), std::string::npos) << down.message();
}

TEST(CachedEmbedder, EmbedsEachTextOnceAcrossProjectReopens) {
    test::ScriptedLlmServer server;
    ASSERT_TRUE(server.start());
    server.setEmbeddingDim(8);
    auto o = optionsFor(server);
    o.dim = 8;
    index::OpenAiEmbedder remote(o);
    const auto file = test::tempDir() / "cache.recscope";
    const std::vector<std::string> texts{"Toy Story", "Heat", "Casino"};
    std::vector<float> first;
    {
        auto p = store::ProjectStore::create(file);
        ASSERT_TRUE(p.isOk());
        index::CachedEmbedder cached(remote, *p);
        auto v = cached.embed(texts);
        ASSERT_TRUE(v.isOk()) << v.message();
        first = *v;
        EXPECT_EQ(cached.misses(), 3);
    }
    const size_t sent = server.requestCount("/v1/embeddings");
    auto p = store::ProjectStore::open(file);
    ASSERT_TRUE(p.isOk());
    index::CachedEmbedder cached(remote, *p);
    const std::vector<std::string> more{"Casino", "Toy Story", "Babe", "Heat"};
    auto v = cached.embed(more);
    ASSERT_TRUE(v.isOk()) << v.message();
    EXPECT_EQ(cached.hits(), 3);
    EXPECT_EQ(cached.misses(), 1);
    EXPECT_EQ(server.requestCount("/v1/embeddings"), sent + 1);
    EXPECT_EQ(std::vector<float>(v->begin(), v->begin() + 8),
              std::vector<float>(first.begin() + 16, first.begin() + 24));
    const auto babe = test::ScriptedLlmServer::embeddingFor("Babe", 8);
    for (size_t j = 0; j < 8; ++j) EXPECT_NEAR((*v)[16 + j], babe[j], 1e-6f);
}

TEST(OpenAiEmbedder, RegistryRefusesAKeyInParameters) {
    auto bad = index::createEmbedder("openai", {{"api_key", "sk-123"}});
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.message().find("sk-123"), std::string::npos);
    auto ok = index::createEmbedder("openai:preset=ollama,model=nomic-embed-text");
    ASSERT_TRUE(ok.isOk()) << ok.message();
    EXPECT_NE((*ok)->name().find("nomic-embed-text"), std::string::npos);
}
