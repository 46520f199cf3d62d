// Accuracy floors of the default models on ml-100k, leave-one-out by time: each user's last
// interaction (ties keep file order) is held out, the rest trains; full ranking over all items
// with training items excluded; rank = 1 + items scoring >= the held-out item (pessimistic ties,
// the strictest rule). The split and ranking are done here directly from u.data so these floors
// guard the models alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "modeltesthelpers.h"
#include "testenv.h"

using namespace rs;

namespace {

struct LooData {
    data::Dataset train;
    std::vector<int32_t> heldOut;  // per internal train user
};

LooData loadMl100kLoo() {
    LooData out;
    std::ifstream f(test::dataDir("ml-100k") / "u.data");
    EXPECT_TRUE(f.good()) << "cannot read ml-100k/u.data";
    struct Row {
        std::string u, i;
        int64_t t;
    };
    std::vector<Row> rows;
    std::string line;
    while (std::getline(f, line)) {
        std::istringstream s(line);
        Row r;
        double rating;
        if (s >> r.u >> r.i >> rating >> r.t) rows.push_back(r);
    }
    std::map<std::string, size_t> last;  // user -> row index of the last interaction in time
    for (size_t k = 0; k < rows.size(); ++k) {
        auto it = last.find(rows[k].u);
        if (it == last.end() || rows[k].t >= rows[it->second].t) last[rows[k].u] = k;
    }
    data::DatasetBuilder b;
    for (int i = 1; i <= 1682; ++i) b.addItem(std::to_string(i));
    for (size_t k = 0; k < rows.size(); ++k)
        if (last[rows[k].u] != k) b.add(rows[k].u, rows[k].i, 1.0f, rows[k].t);
    out.train = std::move(b).build();
    out.heldOut.resize(static_cast<size_t>(out.train.numUsers()), -1);
    for (const auto& [u, k] : last) {
        auto ui = out.train.userIndex(u);
        auto ii = out.train.itemIndex(rows[k].i);
        if (ui && ii) out.heldOut[*ui] = *ii;
    }
    return out;
}

struct Metrics {
    double recall10 = 0, ndcg10 = 0;
    int users = 0;
};

Metrics evaluate(const models::Recommender& m, const LooData& d) {
    const auto scores = test::scoreAll(m, d.train);
    const int32_t n = d.train.numItems();
    Metrics r;
    std::vector<char> seen(static_cast<size_t>(n));
    for (int32_t u = 0; u < d.train.numUsers(); ++u) {
        const int32_t t = d.heldOut[u];
        if (t < 0) continue;
        std::fill(seen.begin(), seen.end(), 0);
        for (int32_t i : d.train.userItems(u)) seen[i] = 1;
        const float* s = scores.data() + static_cast<size_t>(u) * n;
        int64_t rank = 1;
        for (int32_t i = 0; i < n; ++i)
            if (i != t && !seen[i] && s[i] >= s[t]) ++rank;
        ++r.users;
        if (rank <= 10) {
            r.recall10 += 1;
            r.ndcg10 += 1.0 / std::log2(static_cast<double>(rank) + 1.0);
        }
    }
    r.recall10 /= r.users;
    r.ndcg10 /= r.users;
    return r;
}

}  // namespace

TEST(Ml100k, DefaultModelsReachTheAccuracyFloors) {
    const LooData d = loadMl100kLoo();
    ASSERT_EQ(d.train.numUsers(), 943);
    ASSERT_EQ(d.train.numInteractions(), 100000 - 943);
    struct Floor {
        std::string model;
        double recallMin, recallMax, ndcgMin;
    };
    for (const auto& f : std::vector<Floor>{{"pop", 0.080, 0.092, 0.0},
                                            {"itemknn", 0.105, 1.0, 0.053},
                                            {"ease", 0.145, 1.0, 0.072},
                                            {"als", 0.140, 1.0, 0.070},
                                            {"bpr", 0.110, 1.0, 0.055}}) {
        auto m = test::makeModel(f.model);
        ASSERT_TRUE(m->fit(d.train, {}).isOk()) << f.model;
        const Metrics r = evaluate(*m, d);
        EXPECT_EQ(r.users, 943);
        EXPECT_GE(r.recall10, f.recallMin) << f.model;
        EXPECT_LE(r.recall10, f.recallMax) << f.model;
        EXPECT_GE(r.ndcg10, f.ndcgMin) << f.model;
        std::printf("[ml-100k] %-8s Recall@10 %.4f NDCG@10 %.4f\n", f.model.c_str(), r.recall10, r.ndcg10);
    }
}
