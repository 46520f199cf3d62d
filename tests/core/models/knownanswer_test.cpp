// Each model on a tiny dataset whose answer is known independently of the implementation.
#include <gtest/gtest.h>

#include <cmath>

#include "models/ease.h"
#include "models/itemknn.h"
#include "models/pop.h"
#include "modeltesthelpers.h"

using namespace rs;

TEST(Pop, CountsDistinctUsersPerItem) {
    // Item 0: 4 users (u3 twice: counts once); item 1: 2; item 2: 1; item 3: none.
    auto d = test::makeDataset(4, {{1, 0}, {1, 1}, {1, 2}, {2, 0}, {2, 1}, {3, 0}, {3, 0}, {4, 0}});
    auto m = test::makeModel("pop");
    ASSERT_TRUE(m->fit(d, {}).isOk());
    const std::vector<int32_t> none;
    std::vector<models::UserQuery> q{{-1, none}, {0, d.userItems(0)}};
    std::vector<float> s(2 * 4);
    m->scoreBatch(q, s);
    EXPECT_EQ(std::vector<float>(s.begin(), s.begin() + 4), (std::vector<float>{4, 2, 1, 0}));
    EXPECT_EQ(std::vector<float>(s.begin() + 4, s.end()), (std::vector<float>{4, 2, 1, 0}));
}

TEST(ItemKnn, CosineWithShrinkageMatchesHandComputation) {
    // Users of item 0: {u0,u1,u2}, item 1: {u0,u1,u3}, item 2: {u1,u2}; co-counts 0·1 = 2, 0·2 = 2, 1·2 = 1.
    auto d = test::makeDataset(3, {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {2, 0}, {2, 2}, {3, 1}});
    auto m = test::makeModel("itemknn", {{"k", "5"}, {"shrink", "1"}});
    ASSERT_TRUE(m->fit(d, {}).isOk());
    const auto& knn = dynamic_cast<const models::ItemKnn&>(*m);
    const double s01 = 2.0 / (3.0 + 1.0);                   // sqrt3·sqrt3 + 1
    const double s02 = 2.0 / (std::sqrt(3.0 * 2.0) + 1.0);  // sqrt3·sqrt2 + 1
    const double s12 = 1.0 / (std::sqrt(3.0 * 2.0) + 1.0);
    ASSERT_EQ(knn.neighbours(0).size(), 2u);
    EXPECT_EQ(knn.neighbours(0)[0], 2);  // s02 > s01
    EXPECT_NEAR(knn.similarities(0)[0], s02, 1e-6);
    EXPECT_EQ(knn.neighbours(0)[1], 1);
    EXPECT_NEAR(knn.similarities(0)[1], s01, 1e-6);
    ASSERT_EQ(knn.neighbours(2).size(), 2u);
    EXPECT_NEAR(knn.similarities(2)[1], s12, 1e-6);

    // Score of history {1, 2}: item 0 gets s01 + s02, item 1 gets s12 (from 2), item 2 gets s12.
    const std::vector<int32_t> h{1, 2};
    std::vector<models::UserQuery> q{{-1, h}};
    std::vector<float> s(3);
    m->scoreBatch(q, s);
    EXPECT_NEAR(s[0], s01 + s02, 1e-6);
    EXPECT_NEAR(s[1], s12, 1e-6);
    EXPECT_NEAR(s[2], s12, 1e-6);

    // k = 1 keeps only the best neighbour of each item.
    auto k1 = test::makeModel("itemknn", {{"k", "1"}, {"shrink", "1"}});
    ASSERT_TRUE(k1->fit(d, {}).isOk());
    EXPECT_EQ(dynamic_cast<const models::ItemKnn&>(*k1).neighbours(0).size(), 1u);
    EXPECT_EQ(dynamic_cast<const models::ItemKnn&>(*k1).neighbours(0)[0], 2);
}

namespace {
// Straightforward Gauss-Jordan inverse with partial pivoting, in double.
std::vector<double> invert(std::vector<double> a, int n) {
    std::vector<double> inv(static_cast<size_t>(n) * n, 0.0);
    for (int i = 0; i < n; ++i) inv[i * n + i] = 1.0;
    for (int c = 0; c < n; ++c) {
        int p = c;
        for (int r = c + 1; r < n; ++r)
            if (std::abs(a[r * n + c]) > std::abs(a[p * n + c])) p = r;
        for (int k = 0; k < n; ++k) {
            std::swap(a[c * n + k], a[p * n + k]);
            std::swap(inv[c * n + k], inv[p * n + k]);
        }
        const double d = a[c * n + c];
        for (int k = 0; k < n; ++k) {
            a[c * n + k] /= d;
            inv[c * n + k] /= d;
        }
        for (int r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r * n + c];
            for (int k = 0; k < n; ++k) {
                a[r * n + k] -= f * a[c * n + k];
                inv[r * n + k] -= f * inv[c * n + k];
            }
        }
    }
    return inv;
}
}  // namespace

TEST(Ease, MatchesClosedFormComputedInDouble) {
    const int n = 12;
    auto d = test::randomDataset(40, n, 5);
    const double lambda = 3.0;
    auto m = test::makeModel("ease", {{"lambda", "3"}});
    ASSERT_TRUE(m->fit(d, {}).isOk());

    // Reference: G = XᵀX + λI from the binary matrix, P = G⁻¹, B_ij = −P_ij / P_jj, B_ii = 0.
    std::vector<double> x(static_cast<size_t>(d.numUsers()) * n, 0.0);
    for (int u = 0; u < d.numUsers(); ++u)
        for (int32_t i : d.userItems(u)) x[u * n + i] = 1.0;
    std::vector<double> g(n * n, 0.0);
    for (int u = 0; u < d.numUsers(); ++u)
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) g[i * n + j] += x[u * n + i] * x[u * n + j];
    for (int i = 0; i < n; ++i) g[i * n + i] += lambda;
    const auto p = invert(g, n);
    std::vector<double> b(n * n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) b[i * n + j] = i == j ? 0.0 : -p[i * n + j] / p[j * n + j];

    const auto& w = dynamic_cast<const models::Ease&>(*m).weights();
    ASSERT_EQ(w.size(), static_cast<size_t>(n * n));
    for (int k = 0; k < n * n; ++k) EXPECT_NEAR(w[k], b[k], 1e-5) << "B[" << k / n << "][" << k % n << "]";

    const auto scores = test::scoreAll(*m, d);
    for (int u = 0; u < d.numUsers(); ++u)
        for (int j = 0; j < n; ++j) {
            double ref = 0;
            for (int i = 0; i < n; ++i) ref += x[u * n + i] * b[i * n + j];
            EXPECT_NEAR(scores[u * n + j], ref, 1e-4) << "user " << u << " item " << j;
        }
}

// Short histories take the row-sum path, long ones the sgemm path; both must equal x_u B, with a
// repeated history item counted once (the history is a binary row).
TEST(Ease, SparseAndDenseScoringAgreeWithTheWeights) {
    const int n = 200;
    auto d = test::randomDataset(300, n, 4);
    auto m = test::makeModel("ease", {{"lambda", "5"}});
    ASSERT_TRUE(m->fit(d, {}).isOk());
    const auto& w = dynamic_cast<const models::Ease&>(*m).weights();

    std::vector<int32_t> shortHistory{3, 17, 3, 150};  // 3 twice
    std::vector<int32_t> longHistory;
    for (int i = 0; i < n; i += 2) longHistory.push_back(i);
    for (const auto* h : {&shortHistory, &longHistory}) {
        std::vector<models::UserQuery> q{{-1, *h}};
        std::vector<float> out(n);
        m->scoreBatch(q, out);
        std::vector<uint8_t> x(n, 0);
        for (int32_t i : *h) x[i] = 1;
        for (int j = 0; j < n; ++j) {
            double ref = 0;
            for (int i = 0; i < n; ++i) ref += x[i] * w[static_cast<size_t>(i) * n + j];
            EXPECT_NEAR(out[j], ref, 1e-4) << "history of " << h->size() << " items, item " << j;
        }
    }
}

class FactorModel : public ::testing::TestWithParam<std::string> {};

TEST_P(FactorModel, RanksThePlantedCoOccurrenceFirst) {
    auto d = test::plantedDataset();
    models::Params p{{"seed", "3"}};
    if (GetParam() == "bpr") p["epochs"] = "60";
    auto m = test::makeModel(GetParam(), p);
    ASSERT_TRUE(m->fit(d, {}).isOk());
    EXPECT_EQ(m->vectorDim(), m->params()["factors"].get<int32_t>());
    EXPECT_EQ(m->itemVectors().size(), static_cast<size_t>(m->vectorDim()) * 10);

    // Known probe user holding {0,1,2}: item 3 completes its group.
    const int32_t probe = *d.userIndex("u99");
    const std::vector<int32_t> hA{0, 1, 2}, hB{5, 6};
    std::vector<models::UserQuery> q{{probe, d.userItems(probe)}, {-1, hA}, {-1, hB}};
    std::vector<float> s(3 * 10);
    m->scoreBatch(q, s);
    EXPECT_EQ(test::topUnseen(std::span(s).subspan(0, 10), hA), 3);
    // Unknown users are folded in from their history.
    EXPECT_EQ(test::topUnseen(std::span(s).subspan(10, 10), hA), 3);
    const int32_t topB = test::topUnseen(std::span(s).subspan(20, 10), hB);
    EXPECT_TRUE(topB == 7 || topB == 8) << topB;
}

INSTANTIATE_TEST_SUITE_P(Models, FactorModel, ::testing::Values("als", "bpr"));
