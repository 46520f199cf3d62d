// Project store: replacing datasets, table-name collisions, catalog-only data, models and
// evaluation runs.
#include <gtest/gtest.h>

#include "store/projectstore.h"
#include "storetesthelpers.h"
#include "testenv.h"

namespace fs = std::filesystem;
using rs::store::ProjectStore;
using namespace rs::test;

TEST(ProjectStoreRecords, ReplaceSwapsTheDatasetAndDropsItsModels) {
    const fs::path file = tempDir("store") / "p.recscope";
    auto store = ProjectStore::create(file);
    ASSERT_TRUE(store);
    auto first = store->saveDataset("small", smallData());
    ASSERT_TRUE(first);
    ASSERT_TRUE(store->saveModel(*first, "pop", {{"k", 1}}, 0.5, "abc"));

    auto data = smallData();
    data.catalog.reset();
    data.dataset = rs::data::DatasetBuilder{}.build();
    rs::data::DatasetBuilder b;
    b.add("x", "y", 1.0f, 0);
    data.dataset = std::move(b).build();
    auto second = store->saveDataset("small", data, {.replace = true});
    ASSERT_TRUE(second) << second.message();
    EXPECT_NE(*first, *second);
    auto list = store->listDatasets();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].numInteractions, 1);
    EXPECT_TRUE((*list)[0].catalogTable.empty());
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'catalog_small%'"), "0");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM models"), "0");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM interactions"), "1");
}

TEST(ProjectStoreRecords, CollidingTableNamesGetTheDatasetId) {
    const fs::path file = tempDir("store") / "p.recscope";
    auto store = ProjectStore::create(file);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->saveDataset("ml-100k", smallData()));
    auto second = store->saveDataset("ML 100k", smallData());
    ASSERT_TRUE(second) << second.message();
    // A dataset called "columns" must not clash with the catalog_columns table.
    auto third = store->saveDataset("columns", smallData());
    ASSERT_TRUE(third) << third.message();
    auto list = store->listDatasets();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[0].catalogTable, "catalog_ml_100k");
    EXPECT_EQ((*list)[1].catalogTable, "catalog_ml_100k_" + std::to_string(*second));
    EXPECT_EQ((*list)[2].catalogTable, "catalog_columns_" + std::to_string(*third));
    for (const auto& d : *list) {
        auto out = store->loadDataset(d.name);
        ASSERT_TRUE(out) << out.message();
        expectSameCatalog(*smallData().catalog, *out->catalog);
    }
    ASSERT_TRUE(store->removeDataset("ML 100k"));
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM sqlite_master WHERE name GLOB 'catalog_ml_100k_[0-9]*'"), "0");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM catalog_ml_100k"), "5");
}

TEST(ProjectStoreRecords, CatalogOnlyDatasetRoundTrips) {
    const fs::path file = tempDir("store") / "p.recscope";
    auto store = ProjectStore::create(file);
    ASSERT_TRUE(store);
    auto data = smallData();
    data.dataset.reset();
    ASSERT_TRUE(store->saveDataset("games", data));
    auto out = store->loadDataset("games");
    ASSERT_TRUE(out) << out.message();
    EXPECT_FALSE(out->dataset.has_value());
    ASSERT_TRUE(out->catalog.has_value());
    expectSameCatalog(*data.catalog, *out->catalog);

    rs::data::ImportedData empty;
    EXPECT_FALSE(store->saveDataset("empty", empty));
    EXPECT_FALSE(store->saveDataset("", data));
}

TEST(ProjectStoreRecords, ModelsKeepTheirBlobAndParams) {
    const fs::path file = tempDir("store") / "p.recscope";
    auto store = ProjectStore::create(file);
    ASSERT_TRUE(store);
    auto ds = store->saveDataset("small", smallData());
    ASSERT_TRUE(ds);
    const std::string blob("\0\1binary\0data\xff", 14);
    auto m1 = store->saveModel(*ds, "ease", {{"lambda", 300.0}}, 1.25, blob);
    auto m2 = store->saveModel(0, "pop", nlohmann::json::object(), 0.0, "");
    ASSERT_TRUE(m1 && m2) << m1.message() << m2.message();
    auto all = store->listModels();
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].name, "ease");
    EXPECT_EQ((*all)[0].datasetId, *ds);
    EXPECT_EQ((*all)[0].params["lambda"], 300.0);
    EXPECT_EQ((*all)[0].fitSeconds, 1.25);
    EXPECT_EQ((*all)[0].blobBytes, 14);
    EXPECT_EQ((*all)[1].datasetId, 0);
    auto onlyDs = store->listModels(*ds);
    ASSERT_TRUE(onlyDs);
    EXPECT_EQ(onlyDs->size(), 1u);
    auto back = store->loadModelBlob(*m1);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, blob);
    auto empty = store->loadModelBlob(*m2);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
    EXPECT_FALSE(store->loadModelBlob(999));
    EXPECT_FALSE(store->saveModel(999, "x", {}, 0, "")) << "foreign key to datasets is enforced";
}

TEST(ProjectStoreRecords, EvalRunsKeepProtocolResultsAndRanks) {
    const fs::path file = tempDir("store") / "p.recscope";
    auto store = ProjectStore::create(file);
    ASSERT_TRUE(store);
    const nlohmann::json protocol = {{"split", "leave-one-out"}, {"cutoffs", {10, 20}}};
    const nlohmann::json results = {{"pop", {{"Recall@10", 0.12}}}, {"ease", {{"Recall@10", 0.2}}}};
    std::vector<rs::store::UserRank> ranks;
    for (int u = 0; u < 1000; ++u) {
        ranks.push_back({"pop", u, u % 37 + 1});
        ranks.push_back({"ease", u, u % 11 + 1});
    }
    auto run = store->saveEvalRun(protocol, results, ranks);
    ASSERT_TRUE(run) << run.message();
    ASSERT_TRUE(store->saveEvalRun(protocol, nlohmann::json::object()));
    auto runs = store->listEvalRuns();
    ASSERT_TRUE(runs);
    ASSERT_EQ(runs->size(), 2u);
    EXPECT_EQ((*runs)[0].protocol, protocol);
    EXPECT_EQ((*runs)[0].results, results);
    EXPECT_FALSE((*runs)[0].created.empty());
    auto all = store->loadEvalUserRanks(*run);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), ranks.size());
    for (size_t k = 0; k < ranks.size(); ++k) {
        EXPECT_EQ((*all)[k].model, ranks[k].model);
        EXPECT_EQ((*all)[k].userIdx, ranks[k].userIdx);
        EXPECT_EQ((*all)[k].rank, ranks[k].rank);
    }
    auto ease = store->loadEvalUserRanks(*run, "ease");
    ASSERT_TRUE(ease);
    ASSERT_EQ(ease->size(), 1000u);
    EXPECT_EQ((*ease)[12].rank, 12 % 11 + 1);

    rs::util::Task cancelled;
    cancelled.cancel.cancel();
    const std::string before = fileBytes(file);
    auto failed = store->saveEvalRun(protocol, results, ranks, cancelled);
    ASSERT_FALSE(failed);
    EXPECT_EQ(fileBytes(file), before);
}
