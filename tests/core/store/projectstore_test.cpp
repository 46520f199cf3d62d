#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "data/importer.h"
#include "store/projectstore.h"
#include "storetesthelpers.h"
#include "testenv.h"

namespace fs = std::filesystem;
using rs::store::ProjectStore;
using namespace rs::test;

TEST(ProjectStore, SmallDataRoundTripsExactly) {
    const fs::path file = tempDir("store") / "p.recscope";
    const auto in = smallData();
    int64_t id = 0;
    {
        auto store = ProjectStore::create(file);
        ASSERT_TRUE(store) << store.message();
        auto saved = store->saveDataset("small", in);
        ASSERT_TRUE(saved) << saved.message();
        id = *saved;
    }
    auto store = ProjectStore::open(file, /*readOnly=*/true);
    ASSERT_TRUE(store) << store.message();
    auto list = store->listDatasets();
    ASSERT_TRUE(list) << list.message();
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].id, id);
    EXPECT_EQ((*list)[0].numInteractions, in.dataset->numInteractions());
    EXPECT_EQ((*list)[0].catalogTable, "catalog_small");

    for (const std::string& key : {std::string("small"), std::to_string(id)}) {
        auto out = store->loadDataset(key);
        ASSERT_TRUE(out) << out.message();
        EXPECT_EQ(out->name, "small");
        EXPECT_EQ(out->format, "hand-built");
        ASSERT_TRUE(out->dataset && out->catalog);
        expectSameDataset(*in.dataset, *out->dataset);
        expectSameCatalog(*in.catalog, *out->catalog);
        EXPECT_EQ(out->report.linesRead, in.report.linesRead);
        EXPECT_EQ(out->report.linesSkipped, in.report.linesSkipped);
        EXPECT_EQ(out->report.skippedMessages, in.report.skippedMessages);
        EXPECT_EQ(out->report.warnings, in.report.warnings);
        // Statistics are computable on the restored catalog and agree with the original.
        auto a = in.catalog->column("score")->stats(), b = out->catalog->column("score")->stats();
        EXPECT_EQ(a.count, b.count);
        EXPECT_EQ(a.mean, b.mean);
    }
    auto missing = store->loadDataset("nope");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.message().find("small"), std::string::npos) << "lists known datasets: " << missing.message();
}

TEST(ProjectStore, CatalogColumnsAreTypedInPlainSql) {
    const fs::path file = tempDir("store") / "p.recscope";
    {
        auto store = ProjectStore::create(file);
        ASSERT_TRUE(store) << store.message();
        ASSERT_TRUE(store->saveDataset("Small Set!", smallData()));
    }
    const std::string t = "catalog_small_set";
    EXPECT_EQ(sqlValue(file, "SELECT typeof(year) FROM " + t + " WHERE item_id='i1'"), "integer");
    EXPECT_EQ(sqlValue(file, "SELECT typeof(score) FROM " + t + " WHERE item_id='i1'"), "real");
    EXPECT_EQ(sqlValue(file, "SELECT typeof(release_date) FROM " + t + " WHERE item_id='i1'"), "text");
    EXPECT_EQ(sqlValue(file, "SELECT typeof(title) FROM " + t + " WHERE item_id='i4'"), "null");
    EXPECT_EQ(sqlValue(file, "SELECT group_concat(item_id) FROM (SELECT item_id FROM " + t +
                                 " WHERE release_date >= '1990-01-01' ORDER BY item_id)"),
              "i1,i3,i5");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM " + t + " WHERE year BETWEEN 1990 AND 1999"), "2");
    EXPECT_EQ(sqlValue(file, "SELECT genres FROM " + t + " WHERE item_id='i5'"), "Drama|Comedy");
    EXPECT_EQ(sqlValue(file, "SELECT genres FROM " + t + " WHERE item_id='i3'"), "");
    // The companion table answers exact tag filters, even for a tag containing the separator.
    EXPECT_EQ(sqlValue(file, "SELECT group_concat(item_id) FROM (SELECT item_id FROM " + t +
                                 "_tags WHERE column='genres' AND tag='Comedy' ORDER BY item_id)"),
              "i1,i4,i5");
    EXPECT_EQ(sqlValue(file, "SELECT item_id FROM " + t + "_tags WHERE tag='Sci|Fi'"), "i2");
    EXPECT_EQ(sqlValue(file, "SELECT type FROM catalog_columns WHERE sql_name='release_date'"), "date");
    EXPECT_EQ(sqlValue(file, "SELECT name FROM catalog_columns WHERE sql_name='year'"), "Year");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM interactions WHERE rating IS NULL"), "1");
    EXPECT_EQ(sqlValue(file, "PRAGMA foreign_key_check"), "NO ROW");
}

namespace {
// smallData() plus a user table with every column type, missing values and a user (u9) without
// interactions.
rs::data::ImportedData smallDataWithUsers() {
    using rs::data::ColumnType;
    auto d = smallData();
    rs::data::ItemCatalog u;
    (void)u.addColumn("age", ColumnType::Integer);
    (void)u.addColumn("gender", ColumnType::Text);
    (void)u.addColumn("score", ColumnType::Real);
    (void)u.addColumn("joined", ColumnType::Date);
    (void)u.addColumn("likes", ColumnType::TagList);
    for (const char* id : {"u1", "u2", "u3", "u9"}) (void)u.appendRow(id);
    u.mutableColumn("age")->setNumber(0, 24);
    u.mutableColumn("age")->setNumber(2, 61);
    u.mutableColumn("gender")->setText(0, "F");
    u.mutableColumn("gender")->setText(1, "M");
    u.mutableColumn("gender")->setText(3, "F");
    u.mutableColumn("score")->setNumber(1, 0.25);
    u.mutableColumn("joined")->setDate(0, 9131, "1995-01-01");
    u.mutableColumn("joined")->setDate(3, 7456, "1990-06");
    u.mutableColumn("likes")->setTags(0, {"Drama", "Sci|Fi"});
    u.mutableColumn("likes")->setTags(2, {});
    d.userCatalog = std::move(u);
    return d;
}
}  // namespace

TEST(ProjectStore, UserTableRoundTripsAsTypedSql) {
    const fs::path file = tempDir("store") / "p.recscope";
    const auto in = smallDataWithUsers();
    {
        auto store = ProjectStore::create(file);
        ASSERT_TRUE(store) << store.message();
        ASSERT_TRUE(store->saveDataset("small", in));
        ASSERT_TRUE(store->saveDataset("plain", smallData()));
    }
    auto store = ProjectStore::open(file, /*readOnly=*/true);
    ASSERT_TRUE(store) << store.message();
    auto info = store->findDataset("small");
    ASSERT_TRUE(info) << info.message();
    EXPECT_EQ(info->userTable, "users_small");
    EXPECT_EQ(info->userRows, 4);
    auto out = store->loadDataset("small");
    ASSERT_TRUE(out) << out.message();
    ASSERT_TRUE(out->userCatalog.has_value());
    expectSameCatalog(*in.userCatalog, *out->userCatalog);
    expectSameCatalog(*in.catalog, *out->catalog);
    auto plain = store->loadDataset("plain");
    ASSERT_TRUE(plain) << plain.message();
    EXPECT_FALSE(plain->userCatalog.has_value());
    EXPECT_TRUE(store->findDataset("plain")->userTable.empty());

    const std::string t = "users_small";
    EXPECT_EQ(sqlValue(file, "SELECT typeof(age) FROM " + t + " WHERE user_id='u1'"), "integer");
    EXPECT_EQ(sqlValue(file, "SELECT typeof(score) FROM " + t + " WHERE user_id='u2'"), "real");
    EXPECT_EQ(sqlValue(file, "SELECT typeof(age) FROM " + t + " WHERE user_id='u2'"), "null");
    EXPECT_EQ(sqlValue(file, "SELECT joined FROM " + t + " WHERE user_id='u9'"), "1990-06");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM " + t + " WHERE gender='F'"), "2");
    EXPECT_EQ(sqlValue(file, "SELECT user_id FROM " + t + "_tags WHERE tag='Sci|Fi'"), "u1");
    EXPECT_EQ(sqlValue(file, "SELECT type FROM user_columns WHERE sql_name='joined'"), "date");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM user_columns"), "5");
    EXPECT_EQ(sqlValue(file, "PRAGMA foreign_key_check"), "NO ROW");

    // Removing the dataset removes its user table and bookkeeping.
    {
        auto rw = ProjectStore::open(file);
        ASSERT_TRUE(rw) << rw.message();
        ASSERT_TRUE(rw->removeDataset("small"));
    }
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'users_small%'"), "0");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM user_columns"), "0");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM user_tables"), "0");
}

TEST(ProjectStore, FilesWithoutUserTablesStillOpenAndGainThem) {
    // A project as written before user tables existed: schema version 1 without user_tables and
    // user_columns.
    const fs::path file = tempDir("store") / "old.recscope";
    {
        auto store = ProjectStore::create(file);
        ASSERT_TRUE(store) << store.message();
        ASSERT_TRUE(store->saveDataset("old", smallData()));
        ASSERT_TRUE(store->database().exec("DROP TABLE user_tables; DROP TABLE user_columns"));
    }
    ASSERT_EQ(sqlValue(file, "SELECT count(*) FROM sqlite_master WHERE name IN ('user_tables', 'user_columns')"), "0");
    EXPECT_EQ(sqlValue(file, "SELECT value FROM meta WHERE key='schema_version'"), "1");
    {
        auto store = ProjectStore::open(file, /*readOnly=*/true);
        ASSERT_TRUE(store) << store.message();
        auto list = store->listDatasets();
        ASSERT_TRUE(list) << list.message();
        ASSERT_EQ(list->size(), 1u);
        EXPECT_TRUE((*list)[0].userTable.empty());
        auto out = store->loadDataset("old");
        ASSERT_TRUE(out) << out.message();
        EXPECT_FALSE(out->userCatalog.has_value());
        expectSameCatalog(*smallData().catalog, *out->catalog);
    }
    {
        auto store = ProjectStore::open(file);
        ASSERT_TRUE(store) << store.message();
        auto id = store->saveDataset("new", smallDataWithUsers());
        ASSERT_TRUE(id) << id.message();
        auto out = store->loadDataset("new");
        ASSERT_TRUE(out) << out.message();
        ASSERT_TRUE(out->userCatalog.has_value());
        expectSameCatalog(*smallDataWithUsers().userCatalog, *out->userCatalog);
        ASSERT_TRUE(store->loadDataset("old"));
    }
    EXPECT_EQ(sqlValue(file, "SELECT table_name FROM user_tables"), "users_new");
}

TEST(ProjectStore, Ml100kRoundTripIsFastAndQueryable) {
    rs::data::ImportOptions options;
    options.path = dataDir("ml-100k");
    options.format = "movielens-100k";
    auto imported = rs::data::importData(options);
    ASSERT_TRUE(imported) << imported.message();
    ASSERT_TRUE(imported->dataset && imported->catalog);
    const fs::path file = tempDir("store") / "ml.recscope";

    const auto t0 = std::chrono::steady_clock::now();
    auto store = ProjectStore::create(file);
    ASSERT_TRUE(store) << store.message();
    auto id = store->saveDataset("ml-100k", *imported);
    ASSERT_TRUE(id) << id.message();
    const auto t1 = std::chrono::steady_clock::now();
    auto out = store->loadDataset("ml-100k");
    ASSERT_TRUE(out) << out.message();
    const auto t2 = std::chrono::steady_clock::now();
    const double save = std::chrono::duration<double>(t1 - t0).count();
    const double load = std::chrono::duration<double>(t2 - t1).count();
    std::printf("ml-100k: save %.3f s, load %.3f s, file %.1f MB\n", save, load,
                static_cast<double>(fs::file_size(file)) / 1e6);
    EXPECT_LT(save + load, 1.0) << "save " << save << " s, load " << load << " s";

    expectSameDataset(*imported->dataset, *out->dataset);
    expectSameCatalog(*imported->catalog, *out->catalog);
    EXPECT_EQ(out->dataset->numInteractions(), 100000);
    ASSERT_TRUE(imported->userCatalog && out->userCatalog);
    expectSameCatalog(*imported->userCatalog, *out->userCatalog);
    // 273 women in u.user (counted with awk on the file); the user table answers plain SQL.
    EXPECT_EQ(sqlValue(file, "SELECT COUNT(*) FROM users_ml_100k WHERE gender='F'"), "273");
    EXPECT_EQ(sqlValue(file, "SELECT min(age) || '..' || max(age) FROM users_ml_100k"), "7..73");
    EXPECT_EQ(sqlValue(file, "SELECT typeof(age) FROM users_ml_100k WHERE user_id='1'"), "integer");

    // Plain SQL sees the same numbers as the in-memory catalog.
    int64_t nineties = 0, comedies = 0;
    const auto* year = imported->catalog->column("year");
    const auto* genres = imported->catalog->column("genres");
    ASSERT_TRUE(year && genres);
    for (size_t r = 0; r < imported->catalog->size(); ++r) {
        if (year->present(r) && year->number(r) >= 1990 && year->number(r) <= 1999) ++nineties;
        if (genres->present(r))
            for (const auto& g : genres->tags(r)) comedies += g == "Comedy";
    }
    ASSERT_GT(nineties, 0);
    EXPECT_EQ(sqlValue(file, "SELECT count(title) FROM catalog_ml_100k WHERE year BETWEEN 1990 AND 1999"),
              std::to_string(nineties));
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM catalog_ml_100k_tags WHERE column='genres' AND tag='Comedy'"),
              std::to_string(comedies));
    EXPECT_EQ(sqlValue(file, "SELECT title FROM catalog_ml_100k WHERE item_id='1'"), imported->catalog->title(0));
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM catalog_ml_100k WHERE release_date >= '1990-01-01'"),
              sqlValue(file, "SELECT count(*) FROM catalog_ml_100k WHERE substr(release_date, 1, 4) >= '1990'"));
}

TEST(ProjectStore, RejectsFilesThatAreNotProjects) {
    const fs::path dir = tempDir("store");
    { std::ofstream(dir / "notes.txt") << "just some text, long enough to not be an empty database\n"; }
    auto text = ProjectStore::open(dir / "notes.txt");
    ASSERT_FALSE(text);
    EXPECT_NE(text.message().find("notes.txt"), std::string::npos) << text.message();
    EXPECT_NE(text.message().find("not a RecScope project"), std::string::npos) << text.message();

    {
        auto db = rs::store::Database::open(dir / "other.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("CREATE TABLE t(x)"));
    }
    auto other = ProjectStore::open(dir / "other.db");
    ASSERT_FALSE(other);
    EXPECT_NE(other.message().find("not a RecScope project"), std::string::npos) << other.message();
    EXPECT_TRUE(ProjectStore::looksLikeSqlite(dir / "other.db"));
    EXPECT_FALSE(ProjectStore::looksLikeSqlite(dir / "notes.txt"));

    auto missing = ProjectStore::open(dir / "missing.recscope");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.message().find("missing.recscope"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "missing.recscope")) << "open must not create a file";

    auto exists = ProjectStore::create(dir / "other.db");
    ASSERT_FALSE(exists) << "create must not overwrite an existing file";
}

TEST(ProjectStore, RejectsNewerSchemaVersion) {
    const fs::path file = tempDir("store") / "p.recscope";
    ASSERT_TRUE(ProjectStore::create(file));
    {
        auto db = rs::store::Database::open(file, SQLITE_OPEN_READWRITE);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'"));
    }
    auto store = ProjectStore::open(file);
    ASSERT_FALSE(store);
    EXPECT_NE(store.message().find("schema version 2"), std::string::npos) << store.message();
    EXPECT_NE(store.message().find("newer"), std::string::npos) << store.message();
    EXPECT_NE(store.message().find(file.string()), std::string::npos) << store.message();
}

TEST(ProjectStore, UnwritablePlacesFailWithTheFileName) {
    const fs::path dir = tempDir("store");
    auto nowhere = ProjectStore::create(dir / "no-such-folder" / "p.recscope");
    ASSERT_FALSE(nowhere);
    EXPECT_NE(nowhere.message().find("no-such-folder/p.recscope"), std::string::npos) << nowhere.message();

    auto folder = ProjectStore::openOrCreate(dir);
    ASSERT_FALSE(folder) << "a folder is not a project file";

    const fs::path file = dir / "p.recscope";
    ASSERT_TRUE(ProjectStore::create(file));
    const std::string before = fileBytes(file);
    auto ro = ProjectStore::open(file, /*readOnly=*/true);
    ASSERT_TRUE(ro) << ro.message();
    auto saved = ro->saveDataset("small", smallData());
    ASSERT_FALSE(saved);
    EXPECT_NE(saved.message().find(file.string()), std::string::npos) << saved.message();
    EXPECT_NE(saved.message().find("readonly"), std::string::npos) << saved.message();
    EXPECT_EQ(fileBytes(file), before);
}

TEST(ProjectStore, FailedSaveLeavesTheFileByteIdentical) {
    const fs::path file = tempDir("store") / "p.recscope";
    {
        auto store = ProjectStore::create(file);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->saveDataset("small", smallData()));
    }
    const std::string before = fileBytes(file);
    ASSERT_FALSE(before.empty());
    auto store = ProjectStore::open(file);
    ASSERT_TRUE(store);

    // Same name without replace.
    auto dup = store->saveDataset("small", smallData());
    ASSERT_FALSE(dup);
    EXPECT_NE(dup.message().find("already exists"), std::string::npos) << dup.message();
    EXPECT_EQ(fileBytes(file), before);

    // Cancelled halfway through a bigger save, after rows were written (the page cache is made
    // tiny so they really reach the file before the rollback).
    ASSERT_TRUE(store->database().exec("PRAGMA cache_size = 8"));
    rs::data::DatasetBuilder b;
    for (int k = 0; k < 60000; ++k) b.add("user" + std::to_string(k % 900), "item" + std::to_string(k % 1700), 1.0f, k);
    rs::data::ImportedData big;
    big.format = "hand-built";
    big.dataset = std::move(b).build();
    rs::util::Task task;
    double maxSeen = 0;
    task.progress = [&](double f, std::string_view) {
        maxSeen = std::max(maxSeen, f);
        if (f > 0.5) task.cancel.cancel();
    };
    auto cancelled = store->saveDataset("big", big, {}, task);
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.message(), "cancelled");
    EXPECT_GT(maxSeen, 0.5);
    EXPECT_EQ(fileBytes(file), before);
    EXPECT_FALSE(fs::exists(file.string() + "-journal"));

    // Replacing with a failing save keeps the old dataset too.
    rs::util::Task cancelNow;
    cancelNow.cancel.cancel();
    auto replaced = store->saveDataset("small", big, {.replace = true}, cancelNow);
    ASSERT_FALSE(replaced);
    EXPECT_EQ(fileBytes(file), before);
    auto still = store->loadDataset("small");
    ASSERT_TRUE(still) << still.message();
    EXPECT_EQ(still->dataset->numInteractions(), smallData().dataset->numInteractions());
}

namespace {
// Child process of the crash test: dies (no destructors, no rollback) in the middle of a save.
void saveAndDie(const fs::path& file) {
    auto store = ProjectStore::open(file);
    if (!store) std::_Exit(10);
    (void)store->database().exec("PRAGMA cache_size = 8");
    rs::data::DatasetBuilder b;
    for (int k = 0; k < 60000; ++k) b.add("u" + std::to_string(k % 700), "i" + std::to_string(k % 1500), 2.0f, k);
    rs::data::ImportedData big;
    big.dataset = std::move(b).build();
    rs::util::Task task;
    task.progress = [](double f, std::string_view) {
        if (f > 0.6) std::_Exit(3);
    };
    (void)store->saveDataset("big", big, {}, task);
    std::_Exit(11);
}
}  // namespace

TEST(ProjectStore, CrashDuringSaveRollsBackOnNextOpen) {
    // "fast" (fork) death tests: the child must see the same temp file as the parent.
    GTEST_FLAG_SET(death_test_style, "fast");
    const fs::path file = tempDir("store") / "p.recscope";
    {
        auto store = ProjectStore::create(file);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->saveDataset("small", smallData()));
    }
    const std::string before = fileBytes(file);
    EXPECT_EXIT(saveAndDie(file), ::testing::ExitedWithCode(3), "");
    // The killed writer left a hot journal behind; the next open replays it.
    EXPECT_TRUE(fs::exists(file.string() + "-journal")) << "the crash should happen mid-transaction";
    auto store = ProjectStore::open(file);
    ASSERT_TRUE(store) << store.message();
    auto list = store->listDatasets();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].name, "small");
    EXPECT_EQ(sqlValue(file, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(sqlValue(file, "SELECT count(*) FROM interactions"), "6");
    auto loaded = store->loadDataset("small");
    ASSERT_TRUE(loaded) << loaded.message();
    expectSameDataset(*smallData().dataset, *loaded->dataset);
    EXPECT_EQ(fileBytes(file), before);
}
