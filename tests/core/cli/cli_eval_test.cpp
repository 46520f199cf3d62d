// End-to-end tests of `recscope-cli eval` and `recscope-cli train`: run the real binary on the
// real ml-100k data and check the JSON it writes against the expected quality of each model.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "data/importer.h"
#include "store/projectstore.h"
#include "testenv.h"

using rs::test::runCommand;

namespace {

std::string q(const std::filesystem::path& p) {
    return "'" + p.string() + "'";
}
std::string cli() {
    return q(rs::test::cliPath());
}

nlohmann::json readJson(const std::filesystem::path& p) {
    std::ifstream in(p);
    EXPECT_TRUE(in.good()) << "missing " << p;
    nlohmann::json j;
    try {
        in >> j;
    } catch (const std::exception& e) {
        ADD_FAILURE() << p << ": " << e.what();
    }
    return j;
}

const nlohmann::json* findModel(const nlohmann::json& report, const std::string& name) {
    for (const auto& r : report["results"])
        if (r.value("model", "") == name) return &r;
    return nullptr;
}

}  // namespace

// The target table for ml-100k, leave-one-out by time, full ranking, pessimistic ties.
TEST(CliEval, Ml100kAllModelsMeetTheTargetTable) {
    const auto data = rs::test::dataDir("ml-100k");
    const auto out = rs::test::tempDir("cli-eval") / "out.json";
    const auto r = runCommand(cli() + " eval --data " + q(data) +
                              " --models pop,itemknn,ease,als,bpr --k 10,20 --json " + q(out) + " 2>/dev/null");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto j = readJson(out);
    ASSERT_TRUE(j.contains("protocol") && j.contains("results")) << j.dump(2);

    const auto& p = j["protocol"];
    EXPECT_EQ(p["users"], 943);
    EXPECT_EQ(p["items"], 1682);
    EXPECT_EQ(p["dataset"], "ml-100k");
    EXPECT_EQ(p["k"], nlohmann::json::array({10, 20}));
    EXPECT_EQ(p["tie_rule"], "pessimistic");
    EXPECT_EQ(p["candidates"], "all items, train items excluded");
    EXPECT_EQ(p["split"]["kind"], "leave-one-out");
    EXPECT_EQ(p["split"]["test_interactions"], 943);
    ASSERT_EQ(j["results"].size(), 5u);

    struct Target {
        const char* model;
        double recallMin, recallMax, ndcgMin;
    };
    const Target targets[] = {
        {"pop", 0.080, 0.092, 0.0}, {"itemknn", 0.105, 1.0, 0.053}, {"ease", 0.145, 1.0, 0.072},
        {"als", 0.140, 1.0, 0.070}, {"bpr", 0.110, 1.0, 0.055},
    };
    for (const auto& t : targets) {
        const auto* m = findModel(j, t.model);
        ASSERT_NE(m, nullptr) << "no result for " << t.model;
        const auto& metrics = (*m)["metrics"];
        const double recall = metrics.value("recall@10", -1.0), ndcg = metrics.value("ndcg@10", -1.0);
        EXPECT_GE(recall, t.recallMin) << t.model;
        EXPECT_LE(recall, t.recallMax) << t.model;
        EXPECT_GE(ndcg, t.ndcgMin) << t.model;
        for (const char* key : {"recall@20", "ndcg@20", "hitrate@10", "hitrate@20", "mrr@10", "mrr@20"})
            ASSERT_TRUE(metrics.contains(key)) << t.model << " lacks " << key;
        // Leave-one-out: one held-out item, so hit rate equals recall; a longer list finds more.
        EXPECT_DOUBLE_EQ(metrics["hitrate@10"].get<double>(), recall) << t.model;
        EXPECT_GE(metrics["recall@20"].get<double>(), recall) << t.model;
        EXPECT_LE(metrics["mrr@10"].get<double>(), ndcg) << t.model;
        EXPECT_EQ((*m)["users"], 943) << t.model;
        EXPECT_GE((*m)["fit_seconds"].get<double>(), 0.0) << t.model;
        EXPECT_GT((*m)["eval_seconds"].get<double>(), 0.0) << t.model;
        EXPECT_TRUE((*m)["params"].is_object()) << t.model;
        const auto ci = (*m)["ci95"]["recall@10"];
        ASSERT_EQ(ci.size(), 2u) << t.model;
        EXPECT_LE(ci[0].get<double>(), recall) << t.model;
        EXPECT_GE(ci[1].get<double>(), recall) << t.model;
    }
    // The table on stdout has a header and one row per model.
    EXPECT_NE(r.output.find("recall@10"), std::string::npos) << r.output;
    for (const auto& t : targets)
        EXPECT_NE(r.output.find(std::string("\n") + t.model + " "), std::string::npos) << r.output;
}

TEST(CliEval, TieRuleOptionIsRecordedAndOptimisticIsNeverWorse) {
    const auto data = rs::test::dataDir("ml-100k");
    const auto dir = rs::test::tempDir("cli-eval-ties");
    double recall[2] = {-1, -1};
    int idx = 0;
    for (const char* rule : {"pessimistic", "optimistic"}) {
        const auto out = dir / (std::string(rule) + ".json");
        const auto r = runCommand(cli() + " eval --data " + q(data) + " --models pop --k 10 --tie-rule " + rule +
                                  " --threads 2 --json " + q(out) + " 2>/dev/null");
        ASSERT_EQ(r.exitCode, 0) << r.output;
        const auto j = readJson(out);
        EXPECT_EQ(j["protocol"]["tie_rule"], rule);
        recall[idx++] = j["results"][0]["metrics"]["recall@10"].get<double>();
    }
    EXPECT_GE(recall[1], recall[0]);
}

TEST(CliEval, FiltersAndRatioSplitAreRecordedInTheProtocol) {
    const auto data = rs::test::dataDir("ml-100k");
    const auto out = rs::test::tempDir("cli-eval-filters") / "out.json";
    const auto r =
        runCommand(cli() + " eval --data " + q(data) +
                   " --models pop --k 5 --min-rating 4 --kcore 5 --split ratio:0.8 --json " + q(out) + " 2>/dev/null");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto j = readJson(out);
    const auto& p = j["protocol"];
    ASSERT_EQ(p["filters"].size(), 2u);
    EXPECT_EQ(p["filters"][0]["name"], "min-rating");
    EXPECT_EQ(p["filters"][1]["name"], "kcore");
    EXPECT_LT(p["data"]["interactions"].get<int64_t>(), 100000);
    EXPECT_EQ(p["split"]["kind"], "temporal-ratio");
    EXPECT_GT(p["users"].get<int64_t>(), 0);
    EXPECT_LE(p["users"].get<int64_t>(), 943);
    // A ratio split holds out several items per user, so recall and hit rate now differ.
    const auto& m = j["results"][0]["metrics"];
    EXPECT_GE(m["hitrate@5"].get<double>(), m["recall@5"].get<double>());
}

TEST(CliEval, SteamReviewsWithMappingEvaluate) {
    const auto csv = rs::test::dataDir("steam") / "australian_user_reviews_derived.csv";
    const auto mapping = std::filesystem::path(RECSCOPE_SOURCE_DIR) / "resources/mappings/steam-reviews.json";
    ASSERT_TRUE(std::filesystem::exists(mapping)) << mapping;
    const auto out = rs::test::tempDir("cli-eval-steam") / "out.json";
    const auto r =
        runCommand(cli() + " eval --data " + q(csv) + " --mapping " + q(mapping) +
                   " --min-user-interactions 5 --dedupe --models pop,itemknn --k 10 --json " + q(out) + " 2>&1");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto j = readJson(out);
    EXPECT_GT(j["protocol"]["users"].get<int64_t>(), 100);
    ASSERT_EQ(j["protocol"]["filters"].size(), 2u);
    EXPECT_EQ(j["protocol"]["filters"][0]["name"], "dedupe");
    ASSERT_EQ(j["results"].size(), 2u);
    for (const auto& m : j["results"]) EXPECT_GT(m["metrics"]["recall@10"].get<double>(), 0.0) << m["model"];
}

TEST(CliEval, UsageErrorsExitWithTwo) {
    const auto data = q(rs::test::dataDir("ml-100k"));
    const std::pair<std::string, std::string> cases[] = {
        {"eval --bogus", "unknown option"},
        {"eval --models pop", "--data"},
        {"eval --data " + data + " --split halves", "split"},
        {"eval --data " + data + " --tie-rule average", "tie rule"},
        {"eval --data " + data + " --k 0", "--k"},
        {"eval --data " + data + " --k ten", "--k"},
        {"eval --data " + data + " --models nosuchmodel", "nosuchmodel"},
        {"eval --data " + data + " --threads -1", "--threads"},
        {"train --data " + data, "--model"},
        {"train --data " + data + " --model pop --out", "needs a value"},
    };
    for (const auto& [args, expected] : cases) {
        const auto r = runCommand(cli() + " " + args, true);
        EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.output;
        EXPECT_NE(r.output.find(expected), std::string::npos) << args << "\n" << r.output;
    }
    const auto help = runCommand(cli() + " eval --help");
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.output.find("--tie-rule"), std::string::npos) << help.output;
    EXPECT_EQ(runCommand(cli() + " train --help").exitCode, 0);
}

TEST(CliEval, BadDataExitsWithOneAndNamesTheProblem) {
    const auto missing = runCommand(cli() + " eval --data /nonexistent/recscope --models pop", true);
    EXPECT_EQ(missing.exitCode, 1) << missing.output;
    EXPECT_NE(missing.output.find("/nonexistent/recscope"), std::string::npos) << missing.output;

    // u.data line 4 has rating 'five'.
    const auto bad = runCommand(
        cli() + " eval --data " + q(rs::test::fixture("eval-badml")) + " --format movielens-100k --models pop", true);
    EXPECT_EQ(bad.exitCode, 1) << bad.output;
    EXPECT_NE(bad.output.find("u.data:4"), std::string::npos) << bad.output;
    EXPECT_EQ(bad.output.find("recall@10"), std::string::npos) << "no table on failure\n" << bad.output;
}

TEST(CliTrain, FitsAndSavesAModelFile) {
    const auto data = rs::test::dataDir("ml-100k");
    const auto dir = rs::test::tempDir("cli-train");
    const auto r = runCommand(cli() + " train --data " + q(data) + " --model itemknn --split loo --out " +
                              q(dir / "knn.bin") + " 2>/dev/null");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("fitted itemknn"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("943 users"), std::string::npos) << r.output;
    ASSERT_TRUE(std::filesystem::exists(dir / "knn.bin"));
    EXPECT_GT(std::filesystem::file_size(dir / "knn.bin"), 1682u * 4u);

    const auto p = runCommand(cli() + " train --data " + q(data) + " --model pop --project " + q(dir / "p.recscope") +
                              " 2>/dev/null");
    ASSERT_EQ(p.exitCode, 0) << p.output;
    EXPECT_NE(p.output.find("saved model"), std::string::npos) << p.output;
    EXPECT_TRUE(std::filesystem::exists(dir / "p.recscope"));
}

TEST(CliEval, ReadsADatasetFromAProjectFile) {
    // Build a project with the real ml-100k through the library, then evaluate from it.
    const auto dir = rs::test::tempDir("cli-eval-project");
    const auto project = dir / "ml.recscope";
    {
        rs::data::ImportOptions o;
        o.path = rs::test::dataDir("ml-100k");
        auto imported = rs::data::importData(o);
        ASSERT_TRUE(imported.isOk()) << imported.message();
        auto store = rs::store::ProjectStore::create(project);
        ASSERT_TRUE(store.isOk()) << store.message();
        auto id = store->saveDataset("ml-100k", *imported);
        ASSERT_TRUE(id.isOk()) << id.message();
    }
    const auto out = dir / "out.json";
    const auto r = runCommand(cli() + " eval --data " + q(project) + " --models pop --k 10 --json " + q(out) +
                              " --project " + q(project) + " 2>&1");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const auto j = readJson(out);
    EXPECT_EQ(j["protocol"]["users"], 943);
    EXPECT_EQ(j["protocol"]["dataset"], "ml-100k");
    EXPECT_NEAR(j["results"][0]["metrics"]["recall@10"].get<double>(), 0.0859, 0.0006);  // same as from the folder

    const auto t =
        runCommand(cli() + " train --data " + q(project) + " --model ease --project " + q(project) + " 2>&1");
    ASSERT_EQ(t.exitCode, 0) << t.output;
    auto store = rs::store::ProjectStore::open(project, true);
    ASSERT_TRUE(store.isOk()) << store.message();
    auto runs = store->listEvalRuns();
    ASSERT_TRUE(runs.isOk()) << runs.message();
    ASSERT_EQ(runs->size(), 1u);
    EXPECT_EQ((*runs)[0].protocol["users"], 943);
    auto ranks = store->loadEvalUserRanks((*runs)[0].id, "pop");
    ASSERT_TRUE(ranks.isOk()) << ranks.message();
    EXPECT_EQ(ranks->size(), 943u);
    auto models = store->listModels();
    ASSERT_TRUE(models.isOk()) << models.message();
    ASSERT_EQ(models->size(), 1u);
    EXPECT_EQ((*models)[0].name, "ease");
    EXPECT_GT((*models)[0].datasetId, 0) << "a model trained from a project is tied to its dataset";

    const auto wrong = runCommand(cli() + " eval --data " + q(project) + " --dataset nosuch --models pop", true);
    EXPECT_EQ(wrong.exitCode, 1) << wrong.output;
    EXPECT_NE(wrong.output.find("nosuch"), std::string::npos) << wrong.output;
}

// Ctrl-C cancels the running fit through the Task's cancel token: the command ends by itself,
// well before the 5000 epochs it was asked for, and says why.
TEST(CliEval, InterruptCancelsCleanly) {
    const auto data = rs::test::dataDir("ml-100k");
    const std::string script = cli() + " eval --data " + q(data) +
                               " --models bpr:epochs=5000 --k 10 --bootstrap 0 2>&1 & pid=$!; sleep 1.5; "
                               "kill -INT $pid; wait $pid; echo \"exit=$?\"";
    const auto scriptFile = rs::test::tempDir("recscope-interrupt") / "run.sh";
    std::ofstream(scriptFile) << script << "\n";
    const auto r = runCommand("sh " + q(scriptFile));
    EXPECT_NE(r.output.find("cancelled"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("exit=1"), std::string::npos) << r.output;
}
