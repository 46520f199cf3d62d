#include "data/importer.h"

#include <nlohmann/json.hpp>

#include "data/importers.h"

namespace rs::data {

namespace fs = std::filesystem;

const std::vector<std::pair<std::string, ImporterFactory>>& importerRegistry() {
    // Detection order: folder layouts with fixed file names first, then the typed RecBole files,
    // then the generic table formats that only look at an extension.
    static const std::vector<std::pair<std::string, ImporterFactory>> registry{
        {"movielens-100k", makeMovieLens100kImporter},      {"movielens-1m", makeMovieLens1mImporter},
        {"movielens-csv", makeMovieLensCsvImporter},        {"recbole", makeRecBoleImporter},
        {"item-sequences", makeItemSequencesImporter},      {"csv", [] { return makeGenericImporter("csv"); }},
        {"tsv", [] { return makeGenericImporter("tsv"); }}, {"jsonl", [] { return makeGenericImporter("jsonl"); }},
    };
    return registry;
}

std::unique_ptr<Importer> createImporter(const std::string& name) {
    for (const auto& [n, factory] : importerRegistry())
        if (n == name) return factory();
    return nullptr;
}

std::vector<std::string> importerNames() {
    std::vector<std::string> names;
    for (const auto& entry : importerRegistry()) names.push_back(entry.first);
    return names;
}

namespace {
std::string knownNames() {
    std::string s;
    for (const auto& n : importerNames()) s += (s.empty() ? "" : ", ") + n;
    return s;
}
}  // namespace

util::Result<ImportedData> importData(const ImportOptions& options, const util::Task& task) {
    std::unique_ptr<Importer> importer;
    if (!options.format.empty()) {
        importer = createImporter(options.format);
        if (!importer)
            return util::Error{"unknown import format '" + options.format + "' (known: " + knownNames() + ")"};
    } else {
        std::error_code ec;
        if (options.path.empty() || !fs::exists(options.path, ec)) {
            // A mapping can name its own files; without one there is nothing to detect from.
            if (options.mapping) return createImporter("csv")->run(options, task);
            return util::Error{options.path.string() + ": no such file or folder"};
        }
        for (const auto& [n, factory] : importerRegistry()) {
            auto candidate = factory();
            if (candidate->detect(options.path)) {
                importer = std::move(candidate);
                break;
            }
        }
        if (!importer)
            return util::Error{options.path.string() + ": cannot detect the format; choose one of: " + knownNames()};
    }
    try {
        return importer->run(options, task);
    } catch (const std::exception& e) {  // e.g. bad_alloc; importers return errors for bad input
        return util::Error{importer->name() + " import of " + options.path.string() + " failed: " + e.what()};
    }
}

// ---------------------------------------------------------------------------------------------
namespace {

util::Result<std::string> stringField(const nlohmann::json& obj, const char* key, const std::string& where) {
    if (!obj.contains(key) || obj[key].is_null()) return std::string();
    if (!obj[key].is_string()) return util::Error{"mapping: " + where + "'" + key + "' must be a string"};
    return obj[key].get<std::string>();
}

util::Result<std::optional<FileMapping>> fileMapping(const nlohmann::json& part, const fs::path& baseDir,
                                                     const std::string& where) {
    FileMapping fm;
    auto file = stringField(part, "file", where);
    if (!file) return file.status();
    auto format = stringField(part, "format", where);
    if (!format) return format.status();
    auto encoding = stringField(part, "encoding", where);
    if (!encoding) return encoding.status();
    if (!file->empty()) {
        fm.file = fs::path(*file);
        if (fm.file.is_relative() && !baseDir.empty()) fm.file = baseDir / fm.file;
    }
    fm.format = *format;
    if (!fm.format.empty() && fm.format != "csv" && fm.format != "tsv" && fm.format != "jsonl")
        return util::Error{"mapping: " + where + "'format' must be csv, tsv or jsonl, got '" + fm.format + "'"};
    if (!encoding->empty()) fm.encoding = *encoding;
    if (fm.encoding != "utf-8" && fm.encoding != "latin-1")
        return util::Error{"mapping: " + where + "'encoding' must be utf-8 or latin-1, got '" + fm.encoding + "'"};
    return std::optional<FileMapping>{fm};
}

util::Status readAttributes(const nlohmann::json& list, ColumnMapping& m) {
    auto add = [&](const std::string& name, const nlohmann::json& type) -> util::Status {
        if (!type.is_string())
            return util::Status::error("mapping: items.attributes: type of '" + name + "' must be a string");
        auto t = columnTypeFromName(type.get<std::string>());
        if (!t)
            return util::Status::error("mapping: items.attributes: unknown type '" + type.get<std::string>() +
                                       "' for '" + name + "' (text, integer, real, date, tags)");
        m.attributes.emplace_back(name, *t);
        return util::Status::ok();
    };
    if (list.is_object()) {
        for (auto it = list.begin(); it != list.end(); ++it)
            if (auto s = add(it.key(), it.value()); !s) return s;
        return util::Status::ok();
    }
    if (!list.is_array()) return util::Status::error("mapping: items.attributes must be an array or an object");
    for (const auto& a : list) {
        if (!a.is_object() || !a.contains("name") || !a["name"].is_string())
            return util::Status::error("mapping: items.attributes entries need a string 'name' and a 'type'");
        if (auto s = add(a["name"].get<std::string>(), a.value("type", nlohmann::json("text"))); !s) return s;
    }
    return util::Status::ok();
}

}  // namespace

util::Result<ColumnMapping> ColumnMapping::fromJson(const nlohmann::json& j, const fs::path& baseDir) {
    if (!j.is_object()) return util::Error{"mapping: expected a JSON object"};
    ColumnMapping m;
    try {
        if (j.contains("tagSeparator")) {
            if (!j["tagSeparator"].is_string() || j["tagSeparator"].get<std::string>().empty())
                return util::Error{"mapping: 'tagSeparator' must be a non-empty string"};
            m.tagSeparator = j["tagSeparator"].get<std::string>();
        }
        if (j.contains("items")) {
            const auto& it = j["items"];
            if (!it.is_object()) return util::Error{"mapping: 'items' must be an object"};
            auto fm = fileMapping(it, baseDir, "items.");
            if (!fm) return fm.status();
            m.items = *fm;
            for (auto [key, target] : {std::pair{"id", &m.itemId}, std::pair{"title", &m.title}}) {
                auto v = stringField(it, key, "items.");
                if (!v) return v.status();
                *target = *v;
            }
            if (m.itemId.empty()) return util::Error{"mapping: 'items.id' (the item id column) is required"};
            if (it.contains("attributes"))
                if (auto s = readAttributes(it["attributes"], m); !s) return s;
        }
        if (j.contains("interactions")) {
            const auto& in = j["interactions"];
            if (!in.is_object()) return util::Error{"mapping: 'interactions' must be an object"};
            auto fm = fileMapping(in, baseDir, "interactions.");
            if (!fm) return fm.status();
            m.interactions = *fm;
            for (auto [key, target] : {std::pair{"user", &m.user}, std::pair{"item", &m.item},
                                       std::pair{"rating", &m.rating}, std::pair{"time", &m.time}}) {
                auto v = stringField(in, key, "interactions.");
                if (!v) return v.status();
                *target = *v;
            }
            if (m.user.empty() || m.item.empty())
                return util::Error{"mapping: 'interactions.user' and 'interactions.item' are required"};
        }
        if (!m.items && !m.interactions) return util::Error{"mapping: needs 'items', 'interactions' or both"};
    } catch (const nlohmann::json::exception& e) {
        return util::Error{std::string("mapping: ") + e.what()};
    }
    return m;
}

}  // namespace rs::data
