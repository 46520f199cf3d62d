#pragma once
// Shared fixtures for the agent-core tests: the real ml-100k and Steam games catalogs, each
// imported once per test executable and saved in a real project file (so the SQL sandbox runs
// against the same SQLite tables the product uses).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "agent/toolsdata.h"
#include "data/importer.h"
#include "store/projectstore.h"
#include "testenv.h"

namespace rs::test {

struct CatalogProject {
    data::ImportedData imported;
    std::filesystem::path project;  // a project file holding the dataset under `name`
    std::string name;
};

inline void saveProject(CatalogProject& p) {
    p.project = tempDir("recscope-agent") / (p.name + ".recscope");
    auto store = store::ProjectStore::create(p.project);
    ASSERT_TRUE(store.isOk()) << store.message();
    auto id = store->saveDataset(p.name, p.imported);
    ASSERT_TRUE(id.isOk()) << id.message();
}

// Imports with options and saves the result under name in a fresh project file.
inline std::unique_ptr<CatalogProject> importProject(const std::string& name, const data::ImportOptions& o) {
    auto out = std::make_unique<CatalogProject>();
    out->name = name;
    auto r = data::importData(o);
    EXPECT_TRUE(r.isOk()) << r.message();
    if (!r) return out;
    out->imported = std::move(*r);
    saveProject(*out);
    return out;
}

inline const CatalogProject& ml100kProject() {
    static const std::unique_ptr<CatalogProject> p = [] {
        data::ImportOptions o;
        o.path = dataDir("ml-100k");
        o.format = "movielens-100k";
        return importProject("ml-100k", o);
    }();
    EXPECT_TRUE(p->imported.catalog && p->imported.catalog->size() == 1682) << "ml-100k missing or incomplete";
    return *p;
}

// The Steam games catalog (~32k items) via resources/mappings/steam-games.json; no interactions.
inline const CatalogProject& steamProject() {
    static const std::unique_ptr<CatalogProject> p = [] {
        const auto dir = dataDir("steam");
        std::ifstream f(std::string(RECSCOPE_SOURCE_DIR) + "/resources/mappings/steam-games.json");
        nlohmann::json j = nlohmann::json::parse(f, nullptr, false);
        EXPECT_FALSE(j.is_discarded());
        auto mapping = data::ColumnMapping::fromJson(j, dir);
        EXPECT_TRUE(mapping.isOk()) << mapping.message();
        data::ImportOptions o;
        o.path = dir / "steam_games.jsonl";
        o.format = "jsonl";
        if (mapping) o.mapping = *mapping;
        o.skipBadLines = true;
        return importProject("steam-games", o);
    }();
    EXPECT_TRUE(p->imported.catalog && p->imported.catalog->size() > 30000) << "Steam games missing or incomplete";
    return *p;
}

inline std::shared_ptr<const agent::ToolsData> buildTools(const CatalogProject& p) {
    auto r = agent::ToolsData::build(p.imported, p.project, p.name);
    EXPECT_TRUE(r.isOk()) << r.message();
    return r ? *r : nullptr;
}

// ToolsData over the fixtures above (EASE fitted on ml-100k; Steam has no interactions), built once.
inline std::shared_ptr<const agent::ToolsData> ml100kTools() {
    static const std::shared_ptr<const agent::ToolsData> t = buildTools(ml100kProject());
    return t;
}

inline std::shared_ptr<const agent::ToolsData> steamTools() {
    static const std::shared_ptr<const agent::ToolsData> t = buildTools(steamProject());
    return t;
}

inline std::string fileBytes(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

}  // namespace rs::test
