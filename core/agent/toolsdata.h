#pragma once
// ToolsData: what the six agent tools work over for one dataset — its catalog, interactions (if
// any), the title matcher, per-item popularity, item vectors for similarity and diversity, tag
// vocabularies, and fitted recommenders. Built once (seconds on 32k items), then shared read-only
// by any number of conversations.
//
// Popularity is the interaction count per catalog item; a catalog without interactions (the
// Steam games file alone) uses the number of tags an item carries over all tag columns instead,
// since on user-tagged stores richly tagged items are the widely played ones — recorded in
// popularitySource().
// Item vectors: the built-in TF-IDF embedder over the title (without its year) and every tag
// column, dim 256, L2-normalised, one row per catalog row.
// Models: for each name in ToolsDataOptions::models, a model stored in the project for this
// dataset is loaded; otherwise it is fitted on the interactions. Without interactions there are
// no models, and rank "preference" falls back (the tools say so in their output).
//
// Threading: immutable after build(); every const method is thread-safe.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent/vocabulary.h"
#include "data/importer.h"
#include "index/embedder.h"
#include "index/titlematcher.h"
#include "models/recommender.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

struct ToolsDataOptions {
    std::vector<std::string> models = {"ease"};  // specs, "ease:lambda=300"; first = default
    std::string embedder = "tfidf:dim=256";
    std::string domain;  // noun for answers ("movie", "game"); empty = guessed from the data
};

class ToolsData {
public:
    // data must hold a catalog with a title column. projectFile must hold the same dataset under
    // datasetName (the SQL sandbox reads it). Reports progress; cancellable.
    static util::Result<std::shared_ptr<const ToolsData>> build(data::ImportedData data,
                                                                const std::filesystem::path& projectFile,
                                                                const std::string& datasetName,
                                                                const ToolsDataOptions& options = {},
                                                                const util::Task& task = {});

    const data::ItemCatalog& catalog() const { return *imported_.catalog; }
    const data::Dataset* dataset() const { return imported_.dataset ? &*imported_.dataset : nullptr; }
    const index::TitleMatcher& matcher() const { return *matcher_; }
    const std::filesystem::path& projectFile() const { return projectFile_; }
    const std::string& datasetName() const { return datasetName_; }
    const std::string& domain() const { return domain_; }

    const std::vector<double>& popularity() const { return popularity_; }  // per catalog row
    const std::string& popularitySource() const { return popularitySource_; }
    // Catalog row r's unit vector (dim() floats).
    std::span<const float> vector(size_t row) const { return vectors_.row(row); }
    int32_t dim() const { return vectors_.dim; }
    const index::Embedder& embedder() const { return *embedder_; }

    // The model by name (the first of options.models when name is empty); nullptr when absent.
    const models::Recommender* model(const std::string& name = {}) const;
    std::vector<std::string> modelNames() const;
    std::optional<int32_t> datasetItem(size_t row) const;  // dataset item index of a catalog row
    std::optional<size_t> catalogRow(int32_t datasetItem) const;

    // Tag-list columns and their values (with counts), for grounding conditions.
    const std::map<std::string, Vocabulary>& tagVocabularies() const { return tags_; }
    const Vocabulary* tagVocabulary(const std::string& column) const;
    const Vocabulary& columnNames() const { return columnNames_; }
    // The integer "year" column, else the first date column (its year is used); empty if none.
    const std::string& yearColumn() const { return yearColumn_; }
    const std::string& priceColumn() const { return priceColumn_; }  // a real column named like price
    // Year of a row (from yearColumn()), 0 when unknown.
    int year(size_t row) const;

private:
    ToolsData() = default;
    data::ImportedData imported_;
    std::optional<index::TitleMatcher> matcher_;
    std::filesystem::path projectFile_;
    std::string datasetName_, domain_;
    std::vector<double> popularity_;
    std::string popularitySource_;
    std::unique_ptr<index::Embedder> embedder_;
    index::EmbeddingTable vectors_;
    std::vector<std::pair<std::string, std::unique_ptr<models::Recommender>>> models_;
    std::vector<int32_t> rowToItem_;  // -1 when the catalog item has no interactions
    std::vector<int64_t> itemToRow_;  // -1 when the dataset item is not in the catalog
    std::map<std::string, Vocabulary> tags_;
    Vocabulary columnNames_;
    std::string yearColumn_, priceColumn_;
};

}  // namespace rs::agent
