// Protocol/report serialisation, the text table, split specs and data preparation.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "eval/experiment.h"
#include "eval/report.h"

using namespace rs;

namespace {
eval::EvalReport sampleReport() {
    eval::EvalReport r;
    r.protocol.dataset = "tiny";
    r.protocol.ks = {5, 10};
    r.protocol.users = 2;
    r.protocol.items = 7;
    r.protocol.tieRule = eval::TieRule::Random;
    r.protocol.seed = 9;
    r.protocol.split = {{"kind", "leave-one-out"}, {"spec", "loo"}};
    eval::ModelResult m;
    m.model = "pop";
    m.params = nlohmann::json::object();
    m.metrics = eval::meanMetrics({{0, {1}}, {1, {7}}}, {5, 10});
    m.ci95["recall@5"] = {0.0, 1.0};
    m.fitSeconds = 0.25;
    m.evalSeconds = 0.5;
    m.users = 2;
    m.perUser = {{0, {1}}, {1, {7}}};
    r.results.push_back(m);
    m.model = "a-much-longer-model-name";
    r.results.push_back(m);
    return r;
}
}  // namespace

TEST(EvalReport, JsonHasTheDocumentedShapeAndRoundTrips) {
    const auto report = sampleReport();
    const auto j = report.toJson(true);
    ASSERT_TRUE(j.contains("protocol"));
    ASSERT_TRUE(j["results"].is_array());
    EXPECT_EQ(j["protocol"]["tie_rule"], "random");
    EXPECT_EQ(j["protocol"]["candidates"], "all items, train items excluded");
    EXPECT_EQ(j["protocol"]["k"], nlohmann::json::array({5, 10}));
    EXPECT_NE(j["protocol"]["rank_rule"].get<std::string>().find("seeded"), std::string::npos);
    const auto& row = j["results"][0];
    for (const char* key : {"model", "params", "metrics", "fit_seconds", "eval_seconds", "users"})
        EXPECT_TRUE(row.contains(key)) << key;
    EXPECT_DOUBLE_EQ(row["metrics"]["recall@5"].get<double>(), 0.5);
    EXPECT_DOUBLE_EQ(row["metrics"]["recall@10"].get<double>(), 1.0);
    EXPECT_FALSE(report.toJson(false)["results"][0].contains("per_user_ranks"));

    auto back = eval::EvalReport::fromJson(nlohmann::json::parse(j.dump()));
    ASSERT_TRUE(back.isOk()) << back.message();
    EXPECT_EQ(back->protocol.dataset, "tiny");
    EXPECT_EQ(back->protocol.tieRule, eval::TieRule::Random);
    EXPECT_EQ(back->protocol.ks, (std::vector<int>{5, 10}));
    ASSERT_EQ(back->results.size(), 2u);
    EXPECT_EQ(back->results[0].metrics, report.results[0].metrics);
    EXPECT_EQ(back->results[0].ci95, report.results[0].ci95);
    ASSERT_EQ(back->results[0].perUser.size(), 2u);
    EXPECT_EQ(back->results[0].perUser[1].ranks, std::vector<int64_t>{7});

    EXPECT_FALSE(eval::EvalReport::fromJson(nlohmann::json::array()).isOk());
    auto broken = j;
    broken["protocol"]["tie_rule"] = "sideways";
    auto bad = eval::EvalReport::fromJson(broken);
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("sideways"), std::string::npos) << bad.message();
}

TEST(EvalReport, TableColumnsAreAligned) {
    const std::string table = sampleReport().toTable();
    std::istringstream in(table);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    ASSERT_EQ(lines.size(), 3u) << table;
    EXPECT_EQ(lines[0].rfind("model", 0), 0u);
    EXPECT_NE(lines[0].find("ndcg@10"), std::string::npos);
    // Numbers are right-aligned, so every line ends at the same column.
    EXPECT_EQ(lines[0].size(), lines[1].size()) << table;
    EXPECT_EQ(lines[1].size(), lines[2].size()) << table;
    EXPECT_EQ(lines[1].rfind("pop ", 0), 0u) << table;
    EXPECT_NE(lines[1].find("0.5000"), std::string::npos) << table;
}

TEST(SplitSpec, ParsesKnownFormsAndRejectsOthers) {
    auto loo = eval::parseSplitSpec("loo");
    ASSERT_TRUE(loo.isOk());
    EXPECT_EQ(loo->kind, eval::SplitSpec::Kind::LeaveOneOut);
    EXPECT_FALSE(loo->validation);
    auto val = eval::parseSplitSpec("loo-val");
    ASSERT_TRUE(val.isOk());
    EXPECT_TRUE(val->validation);
    auto ratio = eval::parseSplitSpec("ratio:0.7:0.1");
    ASSERT_TRUE(ratio.isOk()) << ratio.message();
    EXPECT_EQ(ratio->kind, eval::SplitSpec::Kind::TemporalRatio);
    EXPECT_DOUBLE_EQ(ratio->trainRatio, 0.7);
    EXPECT_DOUBLE_EQ(ratio->validationRatio, 0.1);
    for (const char* bad : {"", "ratio:", "ratio:1.5", "ratio:0", "ratio:0.8:0.3", "ratio:abc", "halves"})
        EXPECT_FALSE(eval::parseSplitSpec(bad).isOk()) << bad;
}

namespace {
// Three users; user "c" has a repeated item and only two interactions.
data::Dataset smallData() {
    data::DatasetBuilder b;
    b.setHasTimestamps(true);
    int64_t t = 100;
    for (const char* item : {"1", "2", "3", "4", "5"}) b.add("a", item, 5.0f, t++);
    for (const char* item : {"2", "3", "1", "6"}) b.add("b", item, 2.0f, t++);
    b.add("c", "1", 4.0f, t++);
    b.add("c", "1", 4.0f, t++);
    return std::move(b).build();
}
}  // namespace

TEST(Experiment, FiltersRunInOrderAndAreRecorded) {
    eval::ExperimentConfig c;
    c.dedupe = true;
    c.minRating = 3.0f;
    c.minUserInteractions = 2;
    nlohmann::json applied = nlohmann::json::array();
    const auto d = eval::applyFilters(smallData(), c, &applied);
    ASSERT_EQ(applied.size(), 3u);
    EXPECT_EQ(applied[0]["name"], "dedupe");
    EXPECT_EQ(applied[0]["interactions"], 10);  // c's repeat removed
    EXPECT_EQ(applied[1]["name"], "min-rating");
    EXPECT_EQ(applied[1]["interactions"], 6);  // b's 2.0 ratings removed
    EXPECT_EQ(applied[2]["name"], "min-user-interactions");
    EXPECT_EQ(d.numInteractions(), 5);  // only a has >= 2 left
    EXPECT_EQ(d.numUsers(), 1);
}

TEST(Experiment, LeaveOneOutWithValidationMasksTheValidationItemToo) {
    eval::ExperimentConfig c;
    c.split = *eval::parseSplitSpec("loo-val");
    auto p = eval::prepareData(smallData(), c, {});
    ASSERT_TRUE(p.isOk()) << p.message();
    const int32_t a = *p->split.train.userIndex("a");
    EXPECT_EQ(p->split.train.userCount(a), 3);
    EXPECT_EQ(p->split.validation.userCount(a), 1);
    EXPECT_EQ(p->split.test.userCount(a), 1);
    EXPECT_EQ(p->known.userCount(a), 4);  // train + validation
    EXPECT_EQ(p->known.itemId(p->known.userItems(a).back()), "4");
    EXPECT_EQ(p->protocol.split["spec"], "loo-val");
    EXPECT_EQ(p->protocol.data["interactions"], 11);

    c.split = *eval::parseSplitSpec("loo");
    auto plain = eval::prepareData(smallData(), c, {});
    ASSERT_TRUE(plain.isOk());
    EXPECT_EQ(plain->known.numInteractions(), plain->split.train.numInteractions());
}

TEST(Experiment, EmptyResultsAreErrors) {
    eval::ExperimentConfig c;
    c.minRating = 10.0f;  // removes everything
    auto p = eval::prepareData(smallData(), c, {});
    ASSERT_FALSE(p.isOk());
    EXPECT_NE(p.message().find("no interactions"), std::string::npos) << p.message();

    util::Task cancelled;
    cancelled.cancel.cancel();
    eval::ExperimentConfig ok;
    auto r = eval::prepareData(smallData(), ok, cancelled);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "cancelled");

    ok.models.clear();
    EXPECT_FALSE(eval::runExperiment(smallData(), ok, {}).isOk());
}
