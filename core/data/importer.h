#pragma once
// Importers turn files on disk into a Dataset (interactions) and/or an ItemCatalog (metadata),
// and, where the source has one, a user table (demographics or user features).
// They are registered by format name ("movielens-100k", "movielens-1m", "movielens-csv",
// "recbole", "item-sequences", "csv", "tsv", "jsonl") and can be chosen by name or detected from
// a folder or file.
//
// Errors name the file, the 1-based line and the field: "u.data:17: field 'timestamp': expected
// an integer, got 'abc'". With skipBadLines, a malformed line is counted in the report (with the
// first few messages kept) instead of failing the import; it is never dropped silently.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/dataset.h"
#include "data/itemcatalog.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::data {

// How generic csv/tsv/jsonl files map onto RecScope's fields. Each part is optional; a file can
// be given for items (catalog), interactions, or both. Column types for catalog attributes are
// "text", "integer", "real", "date" or "tags" (tags split on tagSeparator, or a JSON array).
struct FileMapping {
    std::filesystem::path file;
    std::string format;              // "csv", "tsv", "jsonl"; empty = by file extension
    std::string encoding = "utf-8";  // or "latin-1" (converted to UTF-8)
};
struct ColumnMapping {
    std::optional<FileMapping> items;
    std::string itemId;                                          // catalog id column
    std::string title;                                           // catalog title column
    std::vector<std::pair<std::string, ColumnType>> attributes;  // catalog columns to keep, typed

    std::optional<FileMapping> interactions;
    std::string user, item;  // interaction columns
    std::string rating;      // optional; "True"/"False" map to 1/0
    std::string time;        // optional; integer epoch seconds or a date/time text
    std::string tagSeparator = "|";

    // Reads the JSON form (documented in docs/import-mapping.md); relative file paths are
    // resolved against baseDir.
    static util::Result<ColumnMapping> fromJson(const nlohmann::json& j, const std::filesystem::path& baseDir);
};

struct ImportOptions {
    std::filesystem::path path;            // folder or file
    std::string format;                    // empty = detect
    std::optional<ColumnMapping> mapping;  // for csv/tsv/jsonl
    bool skipBadLines = false;
};

struct ImportReport {
    int64_t linesRead = 0;
    int64_t linesSkipped = 0;
    std::vector<std::string> skippedMessages;  // first 20 reasons, each with file:line: field
    std::vector<std::string> warnings;         // e.g. duplicate ids kept/merged, latin-1 converted
};

struct ImportedData {
    std::string format;  // the importer that produced it
    std::string name;    // dataset name, e.g. "ml-100k" (folder or file stem)
    std::optional<Dataset> dataset;
    std::optional<ItemCatalog> catalog;
    // User metadata (MovieLens u.user / users.dat, RecBole <name>.user). The same typed table as
    // the item catalog, but its ids() are external user ids (as in Dataset::userIds()), one row
    // per user in file order. It may hold users without interactions, and dataset users may lack
    // a row (the importer warns). Unset when the source has no user file.
    std::optional<ItemCatalog> userCatalog;
    ImportReport report;
};

class Importer {
public:
    virtual ~Importer() = default;
    virtual std::string name() const = 0;
    virtual std::string description() const = 0;
    // Cheap check (file names, a header line) whether path looks like this format.
    virtual bool detect(const std::filesystem::path& path) const = 0;
    virtual util::Result<ImportedData> run(const ImportOptions& options, const util::Task& task) const = 0;
};

using ImporterFactory = std::function<std::unique_ptr<Importer>()>;

// Every built-in importer, in detection order (most specific first).
const std::vector<std::pair<std::string, ImporterFactory>>& importerRegistry();
std::unique_ptr<Importer> createImporter(const std::string& name);  // nullptr when unknown
std::vector<std::string> importerNames();

// Chooses the importer (options.format, or detection) and runs it. The error for an unknown or
// undetectable format lists the known names.
util::Result<ImportedData> importData(const ImportOptions& options, const util::Task& task = {});

}  // namespace rs::data
