#include "project_or_data.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "store/projectstore.h"

namespace rs::cli {

namespace fs = std::filesystem;

bool isProjectFile(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || !store::ProjectStore::looksLikeSqlite(path)) return false;
    return store::ProjectStore::open(path, /*readOnly=*/true).isOk();
}

util::Result<data::ColumnMapping> loadMappingFile(const fs::path& mappingFile, const fs::path& dataPath) {
    std::ifstream in(mappingFile);
    if (!in) return util::Error{mappingFile.string() + ": cannot open mapping file"};
    nlohmann::json j;
    try {
        in >> j;
    } catch (const std::exception& e) {
        return util::Error{mappingFile.string() + ": invalid JSON: " + e.what()};
    }
    std::error_code ec;
    const fs::path base = fs::is_directory(dataPath, ec) ? dataPath : dataPath.parent_path();
    auto m = data::ColumnMapping::fromJson(j, base);
    if (!m) return util::Error{mappingFile.string() + ": " + m.message()};
    return m;
}

util::Result<data::ImportedData> openData(const std::string& path, const std::string& format,
                                          const std::string& mapping, bool skipBadLines, const util::Task& task,
                                          const std::string& dataset) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return util::Error{path + ": no such file or folder"};
    // Any SQLite file goes to the store, so a non-project database gets the store's clear message
    // instead of an importer's "unknown format".
    if (fs::is_regular_file(path, ec) && store::ProjectStore::looksLikeSqlite(path)) {
        auto project = store::ProjectStore::open(path, /*readOnly=*/true);
        if (!project) return project.status();
        if (!dataset.empty()) return project->loadDataset(dataset, task);
        auto list = project->listDatasets();
        if (!list) return list.status();
        if (list->empty()) return util::Error{path + ": the project holds no dataset yet (run recscope-cli import)"};
        return project->loadDataset(list->front().id, task);
    }
    data::ImportOptions options;
    options.path = path;
    options.format = format;
    options.skipBadLines = skipBadLines;
    if (!mapping.empty()) {
        auto m = loadMappingFile(mapping, path);
        if (!m) return m.status();
        options.mapping = std::move(*m);
        // Detection looks at the folder's file names, which a mapping makes irrelevant: every part
        // then names its file and the generic importer picks csv/tsv/jsonl per file by extension.
        if (options.format.empty() && fs::is_directory(path, ec)) options.format = "csv";
    }
    return data::importData(options, task);
}

std::vector<OptionSpec> dataOptions(const std::string& dataHelp) {
    return {
        {"data", true, dataHelp, ""},
        {"format", true, "importer name", "detect"},
        {"mapping", true, "column mapping JSON for csv/tsv/jsonl files (docs/import-mapping.md)", ""},
        {"dataset", true, "with a project file as --data: which stored dataset", "the first"},
        {"skip-bad-lines", false, "count and skip malformed lines instead of failing", ""},
    };
}

util::Result<data::ImportedData> openDataFromArgs(const Args& args, const util::Task& task) {
    return openData(args.get("data"), args.get("format"), args.get("mapping"), args.has("skip-bad-lines"), task,
                    args.get("dataset"));
}

}  // namespace rs::cli
