#include "agent/toolsdata.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "index/itemtext.h"
#include "index/titlematcher_normalize.h"
#include "store/projectstore.h"
#include "util/text.h"

namespace rs::agent {

namespace {

// A model saved in the project for this dataset, loaded; nullptr when none fits.
std::unique_ptr<models::Recommender> loadStoredModel(store::ProjectStore& store, const std::string& datasetName,
                                                     const std::string& name, int32_t numItems) {
    auto info = store.findDataset(datasetName);
    if (!info) return nullptr;
    auto list = store.listModels(info->id);
    if (!list) return nullptr;
    for (auto it = list->rbegin(); it != list->rend(); ++it) {  // newest first
        if (it->name != name) continue;
        models::Params params;
        for (const auto& [k, v] : it->params.items()) params[k] = v.is_string() ? v.get<std::string>() : v.dump();
        auto model = models::createRecommender(name, params);
        if (!model) model = models::createRecommender(name);
        if (!model) return nullptr;
        auto blob = store.loadModelBlob(it->id);
        if (!blob) return nullptr;
        std::istringstream in(*blob);
        if (!(*model)->load(in) || (*model)->numItems() != numItems) return nullptr;
        return std::move(*model);
    }
    return nullptr;
}

std::string guessDomain(const data::ImportedData& d) {
    const std::string n = util::toLower(d.name) + " " + util::toLower(d.format);
    if (n.find("movie") != std::string::npos || n.find("ml-") != std::string::npos) return "movie";
    if (n.find("steam") != std::string::npos || n.find("game") != std::string::npos) return "game";
    if (n.find("book") != std::string::npos) return "book";
    return "item";
}

}  // namespace

util::Result<std::shared_ptr<const ToolsData>> ToolsData::build(data::ImportedData data,
                                                                const std::filesystem::path& projectFile,
                                                                const std::string& datasetName,
                                                                const ToolsDataOptions& options,
                                                                const util::Task& task) {
    if (!data.catalog || data.catalog->size() == 0) return util::Error{"the dataset has no item catalog"};
    std::shared_ptr<ToolsData> t(new ToolsData());
    t->imported_ = std::move(data);
    t->projectFile_ = projectFile;
    t->datasetName_ = datasetName;
    t->domain_ = options.domain.empty() ? guessDomain(t->imported_) : options.domain;
    const data::ItemCatalog& cat = *t->imported_.catalog;
    const size_t n = cat.size();

    // Columns: names for snapping, tag vocabularies, the year and price columns.
    for (const auto& col : cat.columns()) {
        t->columnNames_.add(col.name());
        if (col.type() == data::ColumnType::TagList) {
            Vocabulary v;
            for (const auto& [value, count] : col.stats(1u << 20).topValues) v.add(value, count);
            t->tags_.emplace(col.name(), std::move(v));
        }
        const std::string lower = util::toLower(col.name());
        if (lower == "year" && col.type() == data::ColumnType::Integer) t->yearColumn_ = col.name();
        if (lower.find("price") != std::string::npos && lower.find("discount") == std::string::npos &&
            (col.type() == data::ColumnType::Real || col.type() == data::ColumnType::Integer) &&
            t->priceColumn_.empty())
            t->priceColumn_ = col.name();
    }
    if (t->yearColumn_.empty())
        for (const auto& col : cat.columns())
            if (col.type() == data::ColumnType::Date) {
                t->yearColumn_ = col.name();
                break;
            }

    // Interactions: the catalog row <-> dataset item maps and popularity.
    t->rowToItem_.assign(n, -1);
    t->popularity_.assign(n, 0.0);
    if (const data::Dataset* d = t->dataset()) {
        t->itemToRow_.assign(size_t(d->numItems()), -1);
        for (size_t r = 0; r < n; ++r)
            if (auto i = d->itemIndex(cat.ids()[r])) {
                t->rowToItem_[r] = *i;
                t->itemToRow_[size_t(*i)] = int64_t(r);
            }
        const auto counts = d->itemCounts();
        for (size_t i = 0; i < counts.size(); ++i)
            if (t->itemToRow_[i] >= 0) t->popularity_[size_t(t->itemToRow_[i])] = double(counts[i]);
        t->popularitySource_ = "interaction count";
    }
    if (t->popularitySource_.empty()) {
        for (const auto& col : cat.columns())
            if (col.type() == data::ColumnType::TagList)
                for (size_t r = 0; r < n; ++r)
                    if (col.present(r)) t->popularity_[r] += double(col.tags(r).size());
        t->popularitySource_ = "number of tags (no interactions)";
    }
    if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
    task.report(0.1, "title matcher");

    index::TitleMatcherOptions mo;
    mo.popularity = t->popularity_;
    auto matcher = index::TitleMatcher::build(cat, mo, task);
    if (!matcher) return util::Error{matcher.message()};
    t->matcher_ = std::move(*matcher);
    task.report(0.3, "item vectors");

    auto embedder = index::createEmbedder(options.embedder);
    if (!embedder) return util::Error{embedder.message()};
    t->embedder_ = std::move(*embedder);
    // Similarity texts: the title without its year, then every tag column. The year is left out
    // on purpose: as a rare token it would make "like Star Wars" mean "from 1977".
    index::ItemTextOptions textOptions;
    for (const auto& col : cat.columns())
        if (col.type() == data::ColumnType::TagList) textOptions.columns.push_back(col.name());
    std::vector<std::string> texts = index::itemTexts(cat, textOptions);
    for (size_t r = 0; r < n; ++r) texts[r] = index::normalizeTitle(cat.title(r)).text + ", " + texts[r];
    if (auto s = t->embedder_->fit(texts, task); !s) return util::Error{s.message()};
    auto vectors = t->embedder_->embed(texts, task);
    if (!vectors) return util::Error{vectors.message()};
    t->vectors_.dim = t->embedder_->dim();
    t->vectors_.ids = cat.ids();
    t->vectors_.vectors = std::move(*vectors);
    index::l2NormalizeRows(t->vectors_.vectors, t->vectors_.dim);
    task.report(0.6, "models");

    if (const data::Dataset* d = t->dataset(); d && d->numInteractions() > 0) {
        std::optional<store::ProjectStore> store;
        if (auto s = store::ProjectStore::open(projectFile, /*readOnly=*/true)) store = std::move(*s);
        for (const auto& spec : options.models) {
            auto parsed = models::parseModelSpec(spec);
            if (!parsed) return util::Error{parsed.message()};
            std::unique_ptr<models::Recommender> model;
            if (store) model = loadStoredModel(*store, datasetName, parsed->first, d->numItems());
            if (!model) {
                auto created = models::createRecommender(parsed->first, parsed->second);
                if (!created) return util::Error{created.message()};
                if (auto s = (*created)->fit(*d, task); !s) return util::Error{s.message()};
                model = std::move(*created);
            }
            t->models_.emplace_back(parsed->first, std::move(model));
        }
    }
    task.report(1.0, "ready");
    return std::shared_ptr<const ToolsData>(std::move(t));
}

const models::Recommender* ToolsData::model(const std::string& name) const {
    if (models_.empty()) return nullptr;
    if (name.empty()) return models_.front().second.get();
    for (const auto& [n, m] : models_)
        if (util::iequals(n, name)) return m.get();
    return nullptr;
}

std::vector<std::string> ToolsData::modelNames() const {
    std::vector<std::string> out;
    for (const auto& [n, m] : models_) out.push_back(n);
    return out;
}

std::optional<int32_t> ToolsData::datasetItem(size_t row) const {
    if (row >= rowToItem_.size() || rowToItem_[row] < 0) return std::nullopt;
    return rowToItem_[row];
}

std::optional<size_t> ToolsData::catalogRow(int32_t item) const {
    if (item < 0 || size_t(item) >= itemToRow_.size() || itemToRow_[size_t(item)] < 0) return std::nullopt;
    return size_t(itemToRow_[size_t(item)]);
}

const Vocabulary* ToolsData::tagVocabulary(const std::string& column) const {
    auto it = tags_.find(column);
    return it == tags_.end() ? nullptr : &it->second;
}

int ToolsData::year(size_t row) const {
    const data::Column* col = catalog().column(yearColumn_);
    if (!col || !col->present(row)) return 0;
    if (col->type() == data::ColumnType::Date) {
        const std::string& iso = col->text(row);
        return iso.size() >= 4 ? std::atoi(iso.substr(0, 4).c_str()) : 0;
    }
    return int(col->number(row));
}

}  // namespace rs::agent
