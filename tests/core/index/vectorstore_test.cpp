// Vector indexes and the embedding cache in the project file (core/store/projectstore_vectors.cpp).
#include <gtest/gtest.h>

#include "index/vectorindex.h"
#include "store/projectstore.h"
#include "testenv.h"

using namespace rs;

TEST(VectorStore, IndexBlobRoundTripsThroughTheProjectFile) {
    const auto file = test::tempDir() / "p.recscope";
    const std::vector<float> v{1, 0, 0, 1, 0.7f, 0.7f};
    auto idx = index::VectorIndex::build(v, 2, {"a", "b", "c"}, {"HNSW32", index::Metric::Cosine, 1});
    ASSERT_TRUE(idx.isOk()) << idx.message();
    auto blob = idx->save();
    ASSERT_TRUE(blob.isOk());
    {
        auto p = store::ProjectStore::create(file);
        ASSERT_TRUE(p.isOk()) << p.message();
        auto none = p->listVectorIndexes();  // before the table exists
        ASSERT_TRUE(none.isOk()) << none.message();
        EXPECT_TRUE(none->empty());
        EXPECT_FALSE(p->loadVectorIndexBlob("items").isOk());
        store::VectorIndexRecord rec;
        rec.name = "items";
        rec.embedder = "tfidf:dim=2";
        rec.spec = idx->spec();
        rec.metric = "cosine";
        rec.count = idx->size();
        ASSERT_TRUE(p->saveVectorIndex(rec, *blob).isOk());
        ASSERT_TRUE(p->saveVectorIndex(rec, *blob).isOk());  // same name replaces
    }
    auto p = store::ProjectStore::open(file, true);
    ASSERT_TRUE(p.isOk());
    auto list = p->listVectorIndexes();
    ASSERT_TRUE(list.isOk());
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(list->front().name, "items");
    EXPECT_EQ(list->front().spec, "HNSW32");
    EXPECT_EQ(list->front().count, 3);
    EXPECT_EQ(list->front().blobBytes, int64_t(blob->size()));
    auto stored = p->loadVectorIndexBlob("items");
    ASSERT_TRUE(stored.isOk());
    auto loaded = index::VectorIndex::load(*stored);
    ASSERT_TRUE(loaded.isOk()) << loaded.message();
    const std::vector<float> q{0.1f, 1.0f};
    auto a = idx->search(q, 3), b = loaded->search(q, 3);
    ASSERT_TRUE(a.isOk() && b.isOk());
    EXPECT_EQ(a->rows, b->rows);
    EXPECT_EQ(loaded->id(b->row(0, 0)), "b");
    auto missing = p->loadVectorIndexBlob("nope");
    ASSERT_FALSE(missing.isOk());
    EXPECT_NE(missing.message().find("nope"), std::string::npos);
}

TEST(VectorStore, EmbeddingCacheKeysByEmbedderAndText) {
    const auto file = test::tempDir() / "c.recscope";
    auto p = store::ProjectStore::create(file);
    ASSERT_TRUE(p.isOk());
    const std::vector<std::string> texts{"Toy Story (1995)", "Heat (1995)"};
    auto empty = p->lookupEmbeddings("m", 3, texts);
    ASSERT_TRUE(empty.isOk());
    EXPECT_TRUE((*empty)[0].empty() && (*empty)[1].empty());
    const std::vector<float> v{1, 2, 3, 4, 5, 6};
    ASSERT_TRUE(p->storeEmbeddings("m", 3, texts, v).isOk());
    const std::vector<std::string> ask{"Heat (1995)", "GoldenEye (1995)", "Toy Story (1995)"};
    auto got = p->lookupEmbeddings("m", 3, ask);
    ASSERT_TRUE(got.isOk());
    EXPECT_EQ((*got)[0], (std::vector<float>{4, 5, 6}));
    EXPECT_TRUE((*got)[1].empty());
    EXPECT_EQ((*got)[2], (std::vector<float>{1, 2, 3}));
    auto other = p->lookupEmbeddings("other-model", 3, ask);
    ASSERT_TRUE(other.isOk());
    EXPECT_TRUE((*other)[0].empty());
    EXPECT_FALSE(p->storeEmbeddings("m", 3, texts, std::vector<float>(5)).isOk());

    const auto h = store::ProjectStore::embeddingTextHash("Toy Story (1995)");
    EXPECT_EQ(h.size(), 32u);
    EXPECT_EQ(h, store::ProjectStore::embeddingTextHash("Toy Story (1995)"));
    EXPECT_NE(h, store::ProjectStore::embeddingTextHash("Toy Story (1996)"));
    EXPECT_NE(store::ProjectStore::embeddingTextHash("ab"), store::ProjectStore::embeddingTextHash("ba"));
}
