// The offline TF-IDF embedder: deterministic, unit-length, similar texts close, saved state
// reproduces the same vectors; the registry creates embedders by spec and rejects bad ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "index/embedder.h"
#include "index/modelvectors.h"
#include "indextesthelpers.h"
#include "models/recommender.h"

using namespace rs;
using test::dot;

namespace {

std::vector<float> embedOne(const index::Embedder& e, const std::string& text) {
    auto v = e.embed(std::vector<std::string>{text});
    EXPECT_TRUE(v.isOk()) << v.message();
    return v ? *v : std::vector<float>{};
}

// Row of the catalog text nearest to v (cosine; rows are unit length).
size_t nearestRow(const std::vector<float>& table, int32_t dim, const std::vector<float>& v) {
    size_t best = 0;
    float bestScore = -2;
    for (size_t r = 0; r * size_t(dim) < table.size(); ++r) {
        const float s = dot({table.data() + r * size_t(dim), size_t(dim)}, v);
        if (s > bestScore) bestScore = s, best = r;
    }
    return best;
}

}  // namespace

TEST(TfidfEmbedder, ItemTextsHoldTitleYearAndGenres) {
    const auto& texts = test::ml100kTexts().texts;
    ASSERT_FALSE(texts.empty());
    EXPECT_EQ(texts[0], "Toy Story (1995), 1995, Animation, Children's, Comedy");
}

TEST(TfidfEmbedder, DeterministicUnitLengthAndThreadIndependent) {
    index::TfidfOptions one;
    one.threads = 1;
    index::TfidfOptions two = one;
    two.threads = 2;
    const auto a = test::fittedTfidf(one), b = test::fittedTfidf(two);
    const auto& texts = test::ml100kTexts().texts;
    auto va = a.embed(texts), vb = b.embed(texts);
    ASSERT_TRUE(va.isOk() && vb.isOk());
    ASSERT_EQ(va->size(), texts.size() * size_t(a.dim()));
    EXPECT_EQ(*va, *vb);
    for (size_t r = 0; r < texts.size(); r += 97) {
        const float n = dot({va->data() + r * size_t(a.dim()), size_t(a.dim())},
                            {va->data() + r * size_t(a.dim()), size_t(a.dim())});
        EXPECT_NEAR(n, 1.0f, 1e-4f) << texts[r];
    }
    EXPECT_EQ(a.name(), "tfidf:dim=2048,nmin=2,nmax=4,ww=1,cw=1");
}

TEST(TfidfEmbedder, TextIsNearestToItselfAndToyStoryQueryFindsToyStory) {
    const auto e = test::fittedTfidf();
    const auto& texts = test::ml100kTexts().texts;
    auto table = e.embed(texts);
    ASSERT_TRUE(table.isOk());
    for (size_t r = 0; r < texts.size(); r += 53)
        EXPECT_EQ(texts[nearestRow(*table, e.dim(), embedOne(e, texts[r]))], texts[r]);
    EXPECT_EQ(texts[nearestRow(*table, e.dim(), embedOne(e, "toy story"))].rfind("Toy Story (1995)", 0), 0u);
    // Title words outweigh the genre words that a catalog text adds.
    EXPECT_EQ(texts[nearestRow(*table, e.dim(), embedOne(e, "star wars"))].rfind("Star Wars (1977)", 0), 0u);
    const auto toy = embedOne(e, "toy story"), toy2 = embedOne(e, "Toy  Story!"), other = embedOne(e, "casablanca");
    EXPECT_NEAR(dot(toy, toy2), 1.0f, 1e-5f);  // case and punctuation do not matter
    EXPECT_LT(dot(toy, other), 0.3f);
}

TEST(TfidfEmbedder, UnknownTextGivesZeroVectorAndEmptyInputEmptyOutput) {
    const auto e = test::fittedTfidf();
    const auto v = embedOne(e, "\u0298\u0298\u0298");
    ASSERT_EQ(v.size(), size_t(e.dim()));
    EXPECT_TRUE(std::all_of(v.begin(), v.end(), [](float x) { return x == 0.0f; }));
    auto none = e.embed(std::vector<std::string>{});
    ASSERT_TRUE(none.isOk());
    EXPECT_TRUE(none->empty());
}

TEST(TfidfEmbedder, SaveLoadGivesIdenticalVectors) {
    const auto e = test::fittedTfidf({.dim = 256});
    std::stringstream buf;
    ASSERT_TRUE(e.save(buf).isOk());
    index::TfidfEmbedder loaded;
    ASSERT_TRUE(loaded.load(buf).isOk());
    EXPECT_EQ(loaded.dim(), 256);
    EXPECT_EQ(loaded.name(), e.name());
    const auto& texts = test::ml100kTexts().texts;
    EXPECT_EQ(*loaded.embed(texts), *e.embed(texts));

    std::stringstream bad("not an embedder");
    index::TfidfEmbedder other;
    const auto s = other.load(bad);
    EXPECT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("bad magic"), std::string::npos) << s.message();
    std::string truncated = buf.str().substr(0, 60);
    std::stringstream cut(truncated);
    EXPECT_FALSE(other.load(cut).isOk());
}

TEST(TfidfEmbedder, UnfittedAndCancelledFailClearly) {
    index::TfidfEmbedder e;
    auto r = e.embed(std::vector<std::string>{"x"});
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("not fitted"), std::string::npos);
    EXPECT_FALSE(e.fit(std::vector<std::string>{}, {}).isOk());
    util::Task task;
    task.cancel.cancel();
    const auto s = e.fit(test::ml100kTexts().texts, task);
    EXPECT_EQ(s.message(), util::kCancelledMessage);
}

TEST(EmbedderRegistry, CreatesBySpecAndRejectsBadNamesAndKeys) {
    auto e = index::createEmbedder("tfidf:dim=64,nmax=3");
    ASSERT_TRUE(e.isOk()) << e.message();
    EXPECT_EQ((*e)->dim(), 64);
    EXPECT_TRUE((*e)->needsFit());
    auto unknown = index::createEmbedder("word2vec");
    ASSERT_FALSE(unknown.isOk());
    EXPECT_NE(unknown.message().find("tfidf"), std::string::npos) << unknown.message();
    auto badKey = index::createEmbedder("tfidf:dims=64");
    ASSERT_FALSE(badKey.isOk());
    EXPECT_NE(badKey.message().find("dims"), std::string::npos) << badKey.message();
    EXPECT_FALSE(index::createEmbedder("tfidf:nmin=4,nmax=2").isOk());
}

TEST(ModelItemVectors, AlsFactorsBecomeATableAndPopIsRefused) {
    data::DatasetBuilder b;
    for (int u = 0; u < 30; ++u)
        for (int i = 0; i < 12; ++i)
            if ((u + i) % 3 != 0) b.add("u" + std::to_string(u), "i" + std::to_string(i), 1.0f, u * 100 + i);
    const auto d = std::move(b).build();
    auto als = models::createRecommender("als", {{"factors", "8"}, {"iterations", "3"}});
    ASSERT_TRUE(als.isOk());
    ASSERT_TRUE((*als)->fit(d, {}).isOk());
    auto t = index::modelItemVectors(**als, d);
    ASSERT_TRUE(t.isOk()) << t.message();
    EXPECT_EQ(t->dim, 8);
    EXPECT_EQ(t->ids, d.itemIds());
    EXPECT_EQ(t->vectors, (*als)->itemVectors());
    auto pop = models::createRecommender("pop");
    ASSERT_TRUE((*pop)->fit(d, {}).isOk());
    auto none = index::modelItemVectors(**pop, d);
    ASSERT_FALSE(none.isOk());
    EXPECT_NE(none.message().find("pop"), std::string::npos);
}
