// VectorIndex over FAISS: every documented spec builds, searches and survives save/load with
// identical results; ids map back to the catalog; cosine vs inner product; errors are values.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "index/vectorindex.h"
#include "indextesthelpers.h"

using namespace rs;

namespace {

// The ml-100k catalog embedded at 64 dims (PQ16 needs dim divisible by 16), ids = catalog ids.
struct Corpus {
    std::vector<std::string> ids;
    std::vector<float> vectors;
    int32_t dim = 64;
};

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus c;
        const auto e = test::fittedTfidf({.dim = 64});
        auto v = e.embed(test::ml100kTexts().texts);
        EXPECT_TRUE(v.isOk());
        if (v) c.vectors = std::move(*v);
        if (test::ml100kTexts().imported.catalog) c.ids = test::ml100kTexts().imported.catalog->ids();
        return c;
    }();
    return c;
}

index::VectorIndex buildOrFail(const std::string& spec, index::Metric metric = index::Metric::Cosine) {
    index::IndexOptions o;
    o.spec = spec;
    o.metric = metric;
    o.threads = 2;
    auto r = index::VectorIndex::build(corpus().vectors, corpus().dim, corpus().ids, o);
    EXPECT_TRUE(r.isOk()) << spec << ": " << r.message();
    return r ? std::move(*r) : index::VectorIndex{};
}

}  // namespace

class EverySpec : public ::testing::TestWithParam<const char*> {};

TEST_P(EverySpec, BuildsSearchesAndRoundTripsIdentically) {
    const std::string spec = GetParam();
    const auto idx = buildOrFail(spec);
    ASSERT_EQ(idx.size(), int64_t(corpus().ids.size()));
    const int32_t k = 10;
    // The first 200 items as queries.
    const std::span<const float> queries(corpus().vectors.data(), size_t(200 * corpus().dim));
    auto r = idx.search(queries, k);
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_EQ(r->numQueries, 200);
    int selfFound = 0;
    for (int64_t q = 0; q < r->numQueries; ++q) {
        for (int32_t j = 0; j + 1 < k; ++j) EXPECT_GE(r->score(q, j), r->score(q, j + 1) - 1e-6f) << spec;
        for (int32_t j = 0; j < k; ++j) selfFound += r->row(q, j) == q;
    }
    // Compressed (PQ) indexes are approximate; the rest find the query item itself nearly always.
    EXPECT_GE(selfFound, spec.find("PQ") != std::string::npos ? 120 : 190) << spec;

    auto blob = idx.save();
    ASSERT_TRUE(blob.isOk()) << blob.message();
    auto loaded = index::VectorIndex::load(*blob);
    ASSERT_TRUE(loaded.isOk()) << loaded.message();
    EXPECT_EQ(loaded->spec(), spec);
    EXPECT_EQ(loaded->metric(), index::Metric::Cosine);
    EXPECT_EQ(loaded->ids(), idx.ids());
    auto r2 = loaded->search(queries, k);
    ASSERT_TRUE(r2.isOk());
    EXPECT_EQ(r2->rows, r->rows) << spec;
    EXPECT_EQ(r2->scores, r->scores) << spec;
}

INSTANTIATE_TEST_SUITE_P(Specs, EverySpec, ::testing::Values("Flat", "HNSW32", "IVF256,Flat", "IVF1024,PQ16"));

TEST(VectorIndex, FlatCosineIsExactAndIdsMapToTheCatalog) {
    const auto idx = buildOrFail("Flat");
    const auto& texts = test::ml100kTexts().texts;
    const auto& catalog = *test::ml100kTexts().imported.catalog;
    auto r = idx.search(corpus().vectors, 1);
    ASSERT_TRUE(r.isOk());
    for (int64_t q = 0; q < r->numQueries; ++q) {
        const auto row = r->row(q, 0);
        ASSERT_GE(row, 0);
        // Duplicate titles exist in ml-100k; the nearest must be an identical text at score 1.
        EXPECT_EQ(texts[size_t(row)], texts[size_t(q)]);
        EXPECT_NEAR(r->score(q, 0), 1.0f, 1e-4f);
        EXPECT_EQ(*catalog.rowOf(idx.id(row)), size_t(row));
    }
}

TEST(VectorIndex, CosineIgnoresLengthInnerProductDoesNot) {
    const int32_t d = corpus().dim;
    auto scaled = corpus().vectors;
    for (size_t r = 0; r * size_t(d) < scaled.size(); ++r)
        for (int32_t j = 0; j < d; ++j) scaled[r * size_t(d) + size_t(j)] *= float(1 + r % 7);
    index::IndexOptions cos{"Flat", index::Metric::Cosine, 1}, ip{"Flat", index::Metric::InnerProduct, 1};
    auto cosIdx = index::VectorIndex::build(scaled, d, corpus().ids, cos);
    auto ipIdx = index::VectorIndex::build(scaled, d, corpus().ids, ip);
    ASSERT_TRUE(cosIdx.isOk() && ipIdx.isOk());
    const std::span<const float> query(corpus().vectors.data() + 5 * size_t(d), size_t(d));
    auto rc = cosIdx->search(query, 5), ri = ipIdx->search(query, 5);
    ASSERT_TRUE(rc.isOk() && ri.isOk());
    EXPECT_EQ(rc->row(0, 0), 5);
    EXPECT_NEAR(rc->score(0, 0), 1.0f, 1e-4f);
    for (int32_t j = 0; j < 5; ++j) {
        const auto row = size_t(ri->row(0, j));
        EXPECT_NEAR(ri->score(0, j), test::dot(query, {scaled.data() + row * size_t(d), size_t(d)}), 1e-4f);
    }
    // Long vectors win under inner product: the top hit is not simply the query item.
    EXPECT_GT(ri->score(0, 0), 1.5f);
}

TEST(VectorIndex, KLargerThanSizeAndEmptyIndex) {
    const int32_t d = 4;
    const std::vector<float> v{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
    auto idx = index::VectorIndex::build(v, d, {"a", "b", "c"}, {});
    ASSERT_TRUE(idx.isOk()) << idx.message();
    const std::vector<float> q{0.9f, 0.1f, 0, 0};
    auto r = idx->search(q, 10);
    ASSERT_TRUE(r.isOk());
    EXPECT_EQ(idx->id(r->row(0, 0)), "a");
    EXPECT_EQ(idx->id(r->row(0, 1)), "b");
    for (int32_t j = 3; j < 10; ++j) {
        EXPECT_EQ(r->row(0, j), -1);
        EXPECT_TRUE(std::isinf(r->score(0, j)));
    }

    auto empty = index::VectorIndex::build({}, d, {}, {});
    ASSERT_TRUE(empty.isOk()) << empty.message();
    EXPECT_EQ(empty->size(), 0);
    auto er = empty->search(q, 3);
    ASSERT_TRUE(er.isOk());
    EXPECT_EQ(er->rows, std::vector<int64_t>(3, -1));
    auto blob = empty->save();
    ASSERT_TRUE(blob.isOk());
    auto reloaded = index::VectorIndex::load(*blob);
    ASSERT_TRUE(reloaded.isOk()) << reloaded.message();
    EXPECT_EQ(reloaded->size(), 0);
}

TEST(VectorIndex, ErrorsAreValuesWithClearMessages) {
    const int32_t d = corpus().dim;
    auto bad =
        index::VectorIndex::build(corpus().vectors, d, corpus().ids, {"NoSuchIndex42", index::Metric::Cosine, 1});
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("NoSuchIndex42"), std::string::npos) << bad.message();

    // 100 vectors cannot train 256 IVF lists.
    std::vector<std::string> few(corpus().ids.begin(), corpus().ids.begin() + 100);
    auto small = index::VectorIndex::build(std::span<const float>(corpus().vectors.data(), 100 * size_t(d)), d, few,
                                           {"IVF256,Flat", index::Metric::Cosine, 1});
    ASSERT_FALSE(small.isOk());
    EXPECT_NE(small.message().find("IVF256,Flat"), std::string::npos) << small.message();
    EXPECT_NE(small.message().find("100 vectors"), std::string::npos) << small.message();

    auto untrained = index::VectorIndex::build({}, d, {}, {"IVF16,Flat", index::Metric::Cosine, 1});
    EXPECT_FALSE(untrained.isOk());

    auto mismatch = index::VectorIndex::build(std::vector<float>(10), d, {"a"}, {});
    EXPECT_FALSE(mismatch.isOk());

    const auto idx = buildOrFail("Flat");
    EXPECT_FALSE(idx.search(std::vector<float>(size_t(d) + 1), 3).isOk());
    EXPECT_FALSE(idx.search(std::vector<float>(size_t(d)), 0).isOk());
    EXPECT_FALSE(index::VectorIndex::load("garbage").isOk());
    auto blob = idx.save();
    ASSERT_TRUE(blob.isOk());
    auto cut = index::VectorIndex::load(std::string_view(*blob).substr(0, blob->size() / 2));
    EXPECT_FALSE(cut.isOk());
}

TEST(VectorIndex, SearchParametersChangeApproximateResultsNotExactOnes) {
    const auto ivf = buildOrFail("IVF256,Flat");
    const auto flat = buildOrFail("Flat");
    const std::span<const float> queries(corpus().vectors.data(), size_t(300 * corpus().dim));
    auto exact = flat.search(queries, 10);
    index::SearchOptions all;
    all.nprobe = 256;  // every list: IVF,Flat becomes exact
    auto full = ivf.search(queries, 10, all);
    ASSERT_TRUE(exact.isOk() && full.isOk());
    for (size_t i = 0; i < exact->scores.size(); ++i) EXPECT_NEAR(full->scores[i], exact->scores[i], 1e-5f);
    index::SearchOptions one;
    one.nprobe = 1;
    auto narrow = ivf.search(queries, 10, one);
    ASSERT_TRUE(narrow.isOk());
    EXPECT_NE(narrow->rows, full->rows);
}
