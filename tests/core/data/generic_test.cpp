#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "data/importer.h"
#include "testenv.h"

using namespace rs::data;
namespace fs = std::filesystem;

namespace {

ColumnMapping mappingFile(const std::string& name, const fs::path& baseDir) {
    std::ifstream in(fs::path(RECSCOPE_SOURCE_DIR) / "resources" / "mappings" / name);
    EXPECT_TRUE(in.good()) << name;
    auto j = nlohmann::json::parse(in, nullptr, false);
    auto m = ColumnMapping::fromJson(j, baseDir);
    EXPECT_TRUE(m.isOk()) << m.message();
    return m.isOk() ? *m : ColumnMapping{};
}

// The mini steam files use other names than the real ones; point the mapping at them.
ColumnMapping miniGames(const std::string& ext) {
    ColumnMapping m = mappingFile(ext == "tsv" ? "steam-games-tsv.json" : "steam-games.json", {});
    m.items->file = rs::test::fixture("steam-mini/games." + ext);
    return m;
}

rs::util::Result<ImportedData> runMapping(const ColumnMapping& m, bool skip, const std::string& format = "csv") {
    ImportOptions o;
    o.format = format;
    o.mapping = m;
    o.skipBadLines = skip;
    return importData(o);
}

void writeFile(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

}  // namespace

TEST(GenericImport, MissingIdIsAnErrorNamingLineAndField) {
    auto r = runMapping(miniGames("jsonl"), false);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "games.jsonl:3: field 'id': missing item id");
}

TEST(GenericImport, DuplicateIdNamesBothLines) {
    ColumnMapping m = miniGames("jsonl");
    fs::path dir = rs::test::tempDir("dup");
    std::ifstream in(m.items->file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text.erase(text.find("{\"app_name\": \"No Id Game\""),
               text.find('\n', text.find("No Id Game")) - text.find("{\"app_name\": \"No Id Game\"") + 1);
    writeFile(dir / "g.jsonl", text);
    m.items->file = dir / "g.jsonl";
    auto r = runMapping(m, false);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "g.jsonl:4: field 'id': duplicate id '761140' (first on line 1)");
}

TEST(GenericImport, JsonlAndTsvGiveTheSameTypedCatalog) {
    for (const std::string ext : {"jsonl", "tsv"}) {
        SCOPED_TRACE(ext);
        auto r = runMapping(miniGames(ext), true);
        ASSERT_TRUE(r.isOk()) << r.message();
        EXPECT_EQ(r->report.linesSkipped, 2);  // the row without id and the duplicate
        EXPECT_EQ(r->report.linesRead, 5);
        EXPECT_FALSE(r->dataset.has_value());
        const ItemCatalog& c = *r->catalog;
        ASSERT_EQ(c.size(), 3u);
        EXPECT_EQ(c.ids(), (std::vector<std::string>{"761140", "643980", "670290"}));
        EXPECT_EQ(c.title(0), "Lost Summoner Kitty");  // the first of the duplicates is kept
        EXPECT_EQ(c.title(2), "Caf\xC3\xA9 Racer");
        const Column* price = c.column("price");
        ASSERT_NE(price, nullptr);
        EXPECT_EQ(price->type(), ColumnType::Real);
        EXPECT_DOUBLE_EQ(price->number(0), 4.99);
        EXPECT_FALSE(price->present(1));  // "Free To Play"
        ASSERT_NE(c.column("price_text"), nullptr);
        EXPECT_EQ(c.column("price_text")->text(1), "Free To Play");
        const Column* date = c.column("release_date");
        EXPECT_EQ(date->text(0), "2018-01-04");
        EXPECT_EQ(date->text(1), "2009-06");  // "Jun 2009" keeps month precision
        EXPECT_FALSE(date->present(2));       // "Soon.." -> missing + warning
        bool warned = false;
        for (const auto& w : r->report.warnings)
            warned = warned || (w.find("release_date") != std::string::npos && w.find("Soon..") != std::string::npos);
        EXPECT_TRUE(warned);
        EXPECT_EQ(c.column("genres")->tags(1), (std::vector<std::string>{"Free to Play", "Design & Illustration"}));
        EXPECT_FALSE(c.column("metascore")->present(1));  // "NA"
        EXPECT_DOUBLE_EQ(c.column("metascore")->number(2), 81);
        EXPECT_DOUBLE_EQ(c.column("early_access")->number(2), 1);
        EXPECT_DOUBLE_EQ(c.column("early_access")->number(0), 0);
        EXPECT_EQ(c.column("publisher")->text(1), "Making Fun, Inc.");
        EXPECT_EQ(c.column("sentiment")->text(1), "Mostly Positive");
    }
}

TEST(GenericImport, InteractionsWithBooleanRatingAndDates) {
    ColumnMapping m = mappingFile("steam-reviews.json", rs::test::fixture("steam-mini"));
    m.interactions->file = rs::test::fixture("steam-mini/reviews.csv");
    auto r = runMapping(m, false);
    ASSERT_TRUE(r.isOk()) << r.message();
    const Dataset& d = *r->dataset;
    EXPECT_EQ(d.numUsers(), 3);
    EXPECT_EQ(d.numInteractions(), 4);
    EXPECT_TRUE(d.hasTimestamps());
    auto alice = *d.userIndex("alice");
    EXPECT_EQ(d.itemId(d.userItems(alice)[0]), "643980");  // 2011-07-15 before 2011-11-05
    EXPECT_FLOAT_EQ(d.userRatings(alice)[0], 0.0f);
    EXPECT_FLOAT_EQ(d.userRatings(alice)[1], 1.0f);
    EXPECT_EQ(d.userTimestamps(alice)[1], 1320451200);   // 2011-11-05T00:00:00Z
    EXPECT_TRUE(d.userIndex("carol, jr.").has_value());  // quoted CSV field
}

TEST(GenericImport, CombinedMappingDeclaresCatalogItemsFirst) {
    ColumnMapping m = miniGames("jsonl");
    ColumnMapping reviews = mappingFile("steam-reviews.json", {});
    m.interactions = reviews.interactions;
    m.interactions->file = rs::test::fixture("steam-mini/reviews.csv");
    m.user = reviews.user, m.item = reviews.item, m.rating = reviews.rating, m.time = reviews.time;
    auto r = runMapping(m, true);
    ASSERT_TRUE(r.isOk()) << r.message();
    const Dataset& d = *r->dataset;
    EXPECT_EQ(d.itemId(0), "761140");
    EXPECT_EQ(d.itemId(2), "670290");
    EXPECT_EQ(d.numItems(), 4);  // 3 catalog items + item 999 only seen in reviews
    bool warned = false;
    for (const auto& w : r->report.warnings) warned = warned || w.find("missing from the catalog") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(GenericImport, GuessesColumnsWithoutMapping) {
    ImportOptions o;
    o.path = rs::test::fixture("steam-mini/reviews.csv");
    auto r = importData(o);
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->format, "csv");
    EXPECT_EQ(r->dataset->numInteractions(), 4);
    EXPECT_TRUE(r->dataset->hasTimestamps());
    EXPECT_FALSE(r->report.warnings.empty());  // says which columns it used
}

TEST(GenericImport, BadUtf8AndWrongSeparator) {
    fs::path dir = rs::test::tempDir("generic-bad");
    writeFile(dir / "a.csv", "user,item\nu1,i1\nu2,caf\xE9\n");
    ImportOptions o;
    o.path = dir / "a.csv";
    auto r = importData(o);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("a.csv:3: field 'item': invalid UTF-8"), std::string::npos) << r.message();

    writeFile(dir / "b.tsv", "user\titem\nu1,i1\n");
    o.path = dir / "b.tsv";
    ColumnMapping m;
    m.interactions = FileMapping{};
    m.user = "user", m.item = "item";
    o.mapping = m;
    auto s = importData(o);
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("b.tsv:2: field 'item': expected 2 tab-separated fields as in the header, found 1"),
              std::string::npos)
        << s.message();

    writeFile(dir / "c.csv", "user,item,rating\nu1,i1,good\n");
    o.path = dir / "c.csv";
    m.rating = "rating";
    o.mapping = m;
    auto t = importData(o);
    ASSERT_FALSE(t.isOk());
    EXPECT_EQ(t.message(), "c.csv:2: field 'rating': expected a number or True/False, got 'good'");
}

TEST(ColumnMapping, FromJsonValidatesAndResolvesPaths) {
    auto j = nlohmann::json::parse(R"({"items": {"file": "g.jsonl", "id": "id", "title": "name",
        "attributes": [{"name": "price", "type": "real"}, {"name": "genres", "type": "tags"}]},
        "tagSeparator": ";"})");
    auto m = ColumnMapping::fromJson(j, "/data/steam");
    ASSERT_TRUE(m.isOk()) << m.message();
    EXPECT_EQ(m->items->file, fs::path("/data/steam/g.jsonl"));
    EXPECT_EQ(m->itemId, "id");
    EXPECT_EQ(m->title, "name");
    ASSERT_EQ(m->attributes.size(), 2u);
    EXPECT_EQ(m->attributes[1].second, ColumnType::TagList);
    EXPECT_EQ(m->tagSeparator, ";");
    EXPECT_FALSE(m->interactions.has_value());

    auto bad =
        ColumnMapping::fromJson(nlohmann::json::parse(R"({"items": {"id": "id", "attributes": {"x": "money"}}})"), {});
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("unknown type 'money'"), std::string::npos) << bad.message();
    EXPECT_FALSE(ColumnMapping::fromJson(nlohmann::json::parse(R"({"interactions": {"user": "u"}})"), {}).isOk());
    EXPECT_FALSE(ColumnMapping::fromJson(nlohmann::json::parse("[]"), {}).isOk());
}

TEST(SteamReal, GamesJsonlAndTsv) {
    const fs::path steam = rs::test::dataDir("steam");
    for (const char* file : {"steam-games.json", "steam-games-tsv.json"}) {
        SCOPED_TRACE(file);
        ColumnMapping m = mappingFile(file, steam);
        const auto start = std::chrono::steady_clock::now();
        auto strict = runMapping(m, false);
        ASSERT_FALSE(strict.isOk());
        EXPECT_NE(strict.message().find("field 'id': missing item id"), std::string::npos) << strict.message();
        auto r = runMapping(m, true);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ASSERT_TRUE(r.isOk()) << r.message();
        EXPECT_LT(seconds, 6.0);  // target < 3 s per import in Release; this covers two imports
        const ItemCatalog& c = *r->catalog;
        EXPECT_EQ(c.size(), 32132u);
        EXPECT_EQ(r->report.linesSkipped, 3);  // 2 rows without an id + the second 612880
        bool dupReported = false;
        for (const auto& msg : r->report.skippedMessages)
            dupReported = dupReported || msg.find("612880") != std::string::npos;
        EXPECT_TRUE(dupReported);
        auto kitty = c.rowOf("761140");
        ASSERT_TRUE(kitty.has_value());
        EXPECT_EQ(c.title(*kitty), "Lost Summoner Kitty");
        EXPECT_DOUBLE_EQ(c.column("price")->number(*kitty), 4.99);
        auto ironbound = c.rowOf("643980");
        ASSERT_TRUE(ironbound.has_value());
        EXPECT_EQ(c.column("price_text")->text(*ironbound), "Free To Play");
        auto stats = c.column("release_date")->stats();
        EXPECT_GT(stats.count, 29000);
        EXPECT_GT(stats.missing, 2000);
        // HTML entities decoded in the genre tags.
        auto genres = c.column("genres")->stats(50);
        bool decoded = false, raw = false;
        for (const auto& [v, n] : genres.topValues) {
            decoded = decoded || v == "Design & Illustration";
            raw = raw || v.find("&amp;") != std::string::npos;
        }
        EXPECT_TRUE(decoded);
        EXPECT_FALSE(raw);
        // 2607 integer metascores in the file, minus the row without an id and the dropped duplicate.
        EXPECT_EQ(c.column("metascore")->stats().count, 2605);
    }
}

TEST(SteamReal, Reviews) {
    ColumnMapping m = mappingFile("steam-reviews.json", rs::test::dataDir("steam"));
    auto r = runMapping(m, false);
    ASSERT_TRUE(r.isOk()) << r.message();
    const Dataset& d = *r->dataset;
    EXPECT_EQ(d.numUsers(), 25458);
    EXPECT_EQ(d.numItems(), 3682);
    EXPECT_EQ(d.numInteractions(), 59305);
    int64_t positives = 0;
    for (float x : d.ratings()) positives += x == 1.0f;
    EXPECT_EQ(positives, 52473);
}
