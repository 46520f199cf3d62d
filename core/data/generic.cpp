// Generic table importers ("csv", "tsv", "jsonl") driven by a ColumnMapping (docs/import-mapping.md).
// CSV and TSV files have a header row naming the columns; JSONL files hold one JSON object per
// line, keyed by column name. The same typed conversion applies to both so a TSV export and the
// JSONL original of a table give the same catalog.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "data/importcontext.h"
#include "data/importers.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/text.h"

namespace rs::data {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int64_t kProgressEvery = 4096;

// One cell of a record: absent, text (CSV/TSV, or a JSON string), or a non-string JSON value.
struct Cell {
    bool present = false;
    std::string_view text;
    const json* value = nullptr;  // set for JSON numbers, booleans, arrays, objects
};

// Walks the records of one file, CSV/TSV or JSONL, and looks cells up by column name.
// Not copyable or movable: the reader and the cells point into text_.
class RecordSource {
public:
    RecordSource(const RecordSource&) = delete;
    RecordSource& operator=(const RecordSource&) = delete;
    RecordSource(std::string text, std::string format, std::string file)
        : text_(std::move(text)),
          format_(std::move(format)),
          file_(std::move(file)),
          reader_(text_, format_ == "tsv" ? "\t" : ",", format_ == "csv") {}

    // Reads the header of a table file. Errors name the file.
    util::Status open() {
        if (format_ == "jsonl") return util::Status::ok();
        if (!reader_.next()) return util::Status::error(file_ + ": no header line");
        for (size_t k = 0; k < reader_.fields().size(); ++k) {
            std::string name(util::trim(reader_.fields()[k]));
            columns_.emplace(name, k);
            header_.push_back(std::move(name));
        }
        return util::Status::ok();
    }

    // Advances; false at the end. A record that cannot be parsed sets problem (and field).
    bool next(std::string& problem, std::string& field) {
        problem.clear();
        field.clear();
        if (format_ == "jsonl") {
            while (pos_ < text_.size()) {
                size_t end = text_.find('\n', pos_);
                if (end == std::string::npos) end = text_.size();
                std::string_view line(text_.data() + pos_, end - pos_);
                pos_ = end + 1;
                line_ = nextLine_++;
                if (util::trim(line).empty()) continue;
                raw_ = line;
                if (std::string p = ImportContext::utf8Problem(line); !p.empty()) {
                    problem = p;
                    return true;
                }
                object_ = json::parse(line.begin(), line.end(), nullptr, false);
                if (object_.is_discarded())
                    problem = "not a valid JSON object";
                else if (!object_.is_object())
                    problem = "expected a JSON object per line";
                return true;
            }
            return false;
        }
        if (!reader_.next()) {
            if (!reader_.error().empty()) {
                problem = reader_.error();
                line_ = reader_.line();
                return true;  // reported once; the reader is at the end afterwards
            }
            return false;
        }
        line_ = reader_.line();
        raw_ = reader_.raw();
        size_t off = 0;
        if (!util::isValidUtf8(raw_, &off)) {
            // Name the column holding the bad byte: count separators before it.
            const char sep = format_ == "tsv" ? '\t' : ',';
            const size_t k = static_cast<size_t>(std::count(raw_.begin(), raw_.begin() + static_cast<long>(off), sep));
            field = k < header_.size() ? header_[k] : std::string();
            problem = ImportContext::utf8Problem(raw_);
            return true;
        }
        if (reader_.fields().size() != header_.size()) {
            const auto found = reader_.fields().size();
            field = found < header_.size() ? header_[found] : "#" + std::to_string(header_.size() + 1);
            problem = "expected " + std::to_string(header_.size()) + " " + (format_ == "tsv" ? "tab" : "comma") +
                      "-separated fields as in the header, found " + std::to_string(found);
        }
        return true;
    }

    Cell cell(const std::string& name) const {
        Cell c;
        if (format_ == "jsonl") {
            auto it = object_.find(name);
            if (it == object_.end() || it->is_null()) return c;
            c.present = true;
            if (it->is_string())
                c.text = it->get_ref<const std::string&>();
            else
                c.value = &*it;
            return c;
        }
        auto it = columns_.find(name);
        if (it == columns_.end() || it->second >= reader_.fields().size()) return c;
        c.text = reader_.fields()[it->second];
        c.present = !util::trim(c.text).empty();
        return c;
    }

    bool hasColumn(const std::string& name) const { return format_ == "jsonl" || columns_.count(name) > 0; }
    std::vector<std::string> columnNames() const {
        if (format_ != "jsonl") return header_;
        std::vector<std::string> keys;
        for (auto it = object_.begin(); it != object_.end(); ++it) keys.push_back(it.key());
        return keys;
    }
    int64_t line() const { return line_; }
    size_t position() const { return format_ == "jsonl" ? std::min(pos_, text_.size()) : reader_.position(); }
    size_t size() const { return text_.size(); }
    const std::string& file() const { return file_; }
    const std::string& format() const { return format_; }

private:
    std::string text_;
    std::string format_, file_;
    util::DelimitedReader reader_;
    std::vector<std::string> header_;
    std::map<std::string, size_t> columns_;
    json object_;
    size_t pos_ = 0;
    int64_t line_ = 0, nextLine_ = 1;
    std::string_view raw_;
};

std::string cellText(const Cell& c) {
    if (!c.value) return std::string(c.text);
    if (c.value->is_boolean()) return c.value->get<bool>() ? "true" : "false";
    return c.value->dump();
}

// Per-column count of values that could not be converted; reported once as a warning.
struct Unreadable {
    int64_t count = 0;
    int64_t firstLine = 0;
    std::string firstValue;
};

std::string formatOf(const FileMapping& fm, const std::string& fallback) {
    if (!fm.format.empty()) return fm.format;
    const std::string ext = util::toLower(fm.file.extension().string());
    if (ext == ".csv") return "csv";
    if (ext == ".tsv" || ext == ".tab") return "tsv";
    if (ext == ".jsonl" || ext == ".ndjson") return "jsonl";
    return fallback;
}

class GenericImporter final : public Importer {
public:
    explicit GenericImporter(std::string format) : format_(std::move(format)) {}
    std::string name() const override { return format_; }
    std::string description() const override {
        if (format_ == "jsonl") return "JSON Lines (one object per line) mapped by a column mapping";
        return (format_ == "csv" ? std::string("CSV (quoted, header row)") : std::string("TSV (header row)")) +
               " mapped by a column mapping; without one, user/item/rating/time columns are guessed from the header";
    }
    bool detect(const fs::path& p) const override {
        if (fs::is_directory(p)) return false;
        return formatOf(FileMapping{p, {}, {}}, "") == format_;
    }
    util::Result<ImportedData> run(const ImportOptions& o, const util::Task& task) const override;

private:
    util::Status readItems(ImportContext& ctx, const ColumnMapping& m, RecordSource& src, ItemCatalog& catalog,
                           DatasetBuilder& b) const;
    util::Status readInteractions(ImportContext& ctx, const ColumnMapping& m, RecordSource& src, DatasetBuilder& b,
                                  const ItemCatalog* catalog, double from) const;
    util::Result<std::unique_ptr<RecordSource>> openSource(ImportContext& ctx, const FileMapping& fm) const {
        auto text = ctx.readText(fm.file, fm.encoding == "latin-1" ? Encoding::Latin1 : Encoding::Utf8);
        if (!text) return text.status();
        auto src = std::make_unique<RecordSource>(std::move(*text), formatOf(fm, format_), fm.file.filename().string());
        if (auto s = src->open(); !s) return s;
        return src;
    }

    std::string format_;
};

// Guesses an interactions mapping from column names (user_id, movieId, Rating, timestamp, ...).
std::optional<ColumnMapping> guessMapping(const std::vector<std::string>& columns) {
    auto norm = [](std::string s) {
        s = util::toLower(s);
        std::erase_if(s, [](char c) { return c == '_' || c == ' ' || c == '-'; });
        return s;
    };
    auto pick = [&](std::initializer_list<const char*> names) -> std::string {
        for (const char* n : names)
            for (const auto& c : columns)
                if (norm(c) == n) return c;
        return {};
    };
    ColumnMapping m;
    m.user = pick({"userid", "user", "uid", "reviewerid", "customerid"});
    m.item = pick({"itemid", "item", "iid", "movieid", "productid", "asin", "appid", "gameid", "bookid"});
    if (m.user.empty() || m.item.empty()) return std::nullopt;
    m.rating = pick({"rating", "score", "stars", "recommend"});
    m.time = pick({"timestamp", "time", "date", "datetime", "unixreviewtime", "ts"});
    m.interactions = FileMapping{};
    return m;
}

util::Result<ImportedData> GenericImporter::run(const ImportOptions& o, const util::Task& task) const {
    ImportedData out;
    out.format = format_;
    ImportContext ctx(o, task, out.report);
    ColumnMapping m;
    if (o.mapping) {
        m = *o.mapping;
    } else {
        // No mapping: read the header (or first object) and guess the interaction columns.
        auto src = openSource(ctx, FileMapping{o.path, {}, "utf-8"});
        if (!src) return src.status();
        std::string problem, field;
        if ((*src)->format() == "jsonl") (*src)->next(problem, field);
        auto guessed = guessMapping((*src)->columnNames());
        if (!guessed) {
            std::string cols;
            for (const auto& c : (*src)->columnNames()) cols += (cols.empty() ? "" : ", ") + c;
            return util::Error{(*src)->file() + ": no mapping given and no user and item columns recognised among (" +
                               cols + "); describe the columns in a mapping file (docs/import-mapping.md)"};
        }
        m = *guessed;
        ctx.warn("no mapping given: using user='" + m.user + "', item='" + m.item + "'" +
                 (m.rating.empty() ? "" : ", rating='" + m.rating + "'") +
                 (m.time.empty() ? "" : ", time='" + m.time + "'"));
    }
    // A part without a file reads options.path; only one part may do so.
    if (m.items && m.items->file.empty() && m.interactions && m.interactions->file.empty())
        return util::Error{"mapping: give 'file' for items or interactions (only one can be the import path)"};
    if (m.items && m.items->file.empty()) m.items->file = o.path;
    if (m.interactions && m.interactions->file.empty()) m.interactions->file = o.path;
    const fs::path& namePath = m.items ? m.items->file : m.interactions->file;
    out.name = namePath.stem().string();

    DatasetBuilder b;
    std::optional<ItemCatalog> catalog;
    if (m.items) {
        auto src = openSource(ctx, *m.items);
        if (!src) return src.status();
        catalog.emplace();
        if (auto s = readItems(ctx, m, **src, *catalog, b); !s) return s;
    }
    if (m.interactions) {
        auto src = openSource(ctx, *m.interactions);
        if (!src) return src.status();
        if (auto s = readInteractions(ctx, m, **src, b, catalog ? &*catalog : nullptr, m.items ? 0.5 : 0.0); !s)
            return s;
        b.setHasTimestamps(!m.time.empty());
        out.dataset = std::move(b).build();
    }
    out.catalog = std::move(catalog);
    task.report(1.0, "done");
    return out;
}

util::Status GenericImporter::readItems(ImportContext& ctx, const ColumnMapping& m, RecordSource& src,
                                        ItemCatalog& catalog, DatasetBuilder& b) const {
    const std::string& file = src.file();
    if (!src.hasColumn(m.itemId))
        return util::Status::error(file + ": mapping names id column '" + m.itemId + "', which the header lacks");
    std::vector<std::pair<std::string, ColumnType>> cols;  // (source name, type); catalog name = source name
    if (!m.title.empty()) {
        if (auto r = catalog.addColumn("title", ColumnType::Text); !r) return r.status();
        catalog.setTitleColumn("title");
    }
    for (const auto& [name, type] : m.attributes) {
        if (!src.hasColumn(name))
            return util::Status::error(file + ": mapping names column '" + name + "', which the header lacks");
        if (auto r = catalog.addColumn(name, type); !r)
            return util::Status::error("mapping: column '" + name + "' is listed twice (or is the title)");
        cols.emplace_back(name, type);
    }
    std::vector<Unreadable> unreadable(cols.size());
    std::unordered_map<std::string, int64_t> lineOf;
    std::string problem, field;
    int64_t n = 0;
    while (src.next(problem, field)) {
        if (++n % kProgressEvery == 0)
            if (auto s = ctx.step(src.position(), src.size(), 0.0, m.interactions ? 0.5 : 1.0, "reading " + file); !s)
                return s;
        ctx.lineRead();
        if (!problem.empty()) {
            if (auto s = ctx.bad(file, src.line(), field, problem); !s) return s;
            continue;
        }
        const Cell idCell = src.cell(m.itemId);
        std::string id(util::trim(cellText(idCell)));
        if (!idCell.present || id.empty()) {
            if (auto s = ctx.bad(file, src.line(), m.itemId, "missing item id"); !s) return s;
            continue;
        }
        auto [it, inserted] = lineOf.try_emplace(id, src.line());
        if (!inserted) {
            if (auto s = ctx.bad(file, src.line(), m.itemId,
                                 "duplicate id '" + id + "' (first on line " + std::to_string(it->second) + ")");
                !s)
                return s;
            continue;
        }
        auto row = catalog.appendRow(id);
        if (!row) return util::Status::error(ImportContext::format(file, src.line(), m.itemId, row.message()));
        b.addItem(id);
        if (!m.title.empty()) {
            const Cell t = src.cell(m.title);
            std::string title = util::decodeHtmlEntities(util::trim(cellText(t)));
            if (t.present && !title.empty()) catalog.mutableColumn("title")->setText(*row, std::move(title));
        }
        for (size_t k = 0; k < cols.size(); ++k) {
            const auto& [name, type] = cols[k];
            const Cell c = src.cell(name);
            if (!c.present) continue;
            Column* col = catalog.mutableColumn(name);
            bool ok = true;
            switch (type) {
                case ColumnType::Text: {
                    std::string v = util::decodeHtmlEntities(util::trim(cellText(c)));
                    if (!v.empty()) col->setText(*row, std::move(v));
                    break;
                }
                case ColumnType::Integer:
                case ColumnType::Real: {
                    std::optional<double> v;
                    if (c.value && c.value->is_number())
                        v = c.value->get<double>();
                    else if (c.value && c.value->is_boolean())
                        v = c.value->get<bool>() ? 1.0 : 0.0;
                    else if (!c.value && util::isMissingToken(c.text))
                        break;  // "NA": missing, not an error
                    else if (!c.value) {
                        v = util::parseDouble(c.text);
                        if (!v)
                            if (auto bv = util::parseBool(c.text)) v = *bv ? 1.0 : 0.0;
                    }
                    if (v && type == ColumnType::Integer && *v != std::floor(*v)) v.reset();
                    if (v)
                        col->setNumber(*row, *v);
                    else
                        ok = false;
                    break;
                }
                case ColumnType::Date: {
                    if (!c.value && util::isMissingToken(c.text)) break;
                    std::optional<util::CalendarDate> d;
                    if (c.value && c.value->is_number_integer())
                        d = util::parseDate(c.value->dump());
                    else if (!c.value)
                        d = util::parseDate(c.text);
                    if (d)
                        col->setDate(*row, util::daysSinceEpoch(*d), util::isoString(*d));
                    else
                        ok = false;
                    break;
                }
                case ColumnType::TagList: {
                    std::vector<std::string> tags;
                    auto addTag = [&](std::string_view t) {
                        std::string v = util::decodeHtmlEntities(util::trim(t));
                        if (!v.empty()) tags.push_back(std::move(v));
                    };
                    if (c.value && c.value->is_array()) {
                        for (const auto& e : *c.value) addTag(e.is_string() ? e.get<std::string>() : e.dump());
                    } else {
                        const std::string text = cellText(c);
                        for (auto t : util::split(text, std::string_view(m.tagSeparator))) addTag(t);
                    }
                    col->setTags(*row, std::move(tags));
                    break;
                }
            }
            if (!ok) {
                // Keep what the source said next to the typed column (e.g. price "Free to Play").
                Unreadable& u = unreadable[k];
                if (u.count++ == 0) u.firstLine = src.line(), u.firstValue = cellText(c);
                if (type == ColumnType::Integer || type == ColumnType::Real) {
                    const std::string textName = name + "_text";
                    Column* tc = catalog.mutableColumn(textName);
                    if (!tc) tc = catalog.addColumn(textName, ColumnType::Text).value();
                    if (tc->type() == ColumnType::Text && !tc->present(*row)) tc->setText(*row, cellText(c));
                }
            }
        }
    }
    for (size_t k = 0; k < cols.size(); ++k)
        if (unreadable[k].count)
            ctx.warn(file + ": field '" + cols[k].first + "': " + std::to_string(unreadable[k].count) +
                     " value(s) not readable as " + std::string(columnTypeName(cols[k].second)) + " were left missing" +
                     (cols[k].second == ColumnType::Integer || cols[k].second == ColumnType::Real
                          ? " (text kept in '" + cols[k].first + "_text')"
                          : "") +
                     "; first on line " + std::to_string(unreadable[k].firstLine) + ": '" + unreadable[k].firstValue +
                     "'");
    if (catalog.size() == 0) return util::Status::error(file + ": no items");
    return util::Status::ok();
}

util::Status GenericImporter::readInteractions(ImportContext& ctx, const ColumnMapping& m, RecordSource& src,
                                               DatasetBuilder& b, const ItemCatalog* catalog, double from) const {
    const std::string& file = src.file();
    for (const std::string* c : {&m.user, &m.item, &m.rating, &m.time})
        if (!c->empty() && !src.hasColumn(*c))
            return util::Status::error(file + ": mapping names column '" + *c + "', which the header lacks");
    std::string problem, field;
    int64_t n = 0, unknownItems = 0;
    while (src.next(problem, field)) {
        if (++n % kProgressEvery == 0)
            if (auto s = ctx.step(src.position(), src.size(), from, 1.0, "reading " + file); !s) return s;
        ctx.lineRead();
        std::string user, item;
        float rating = kNoRating;
        int64_t ts = 0;
        if (problem.empty()) {
            user = util::trim(cellText(src.cell(m.user)));
            item = util::trim(cellText(src.cell(m.item)));
            if (user.empty())
                problem = "missing user id", field = m.user;
            else if (item.empty())
                problem = "missing item id", field = m.item;
        }
        if (problem.empty() && !m.rating.empty()) {
            const Cell c = src.cell(m.rating);
            std::optional<double> v;
            if (c.value && c.value->is_number())
                v = c.value->get<double>();
            else if (c.value && c.value->is_boolean())
                v = c.value->get<bool>() ? 1.0 : 0.0;
            else if (c.present) {
                v = util::parseDouble(c.text);
                if (!v)
                    if (auto bv = util::parseBool(c.text)) v = *bv ? 1.0 : 0.0;
            }
            if (c.present && !v)
                problem = "expected a number or True/False, got '" + cellText(c) + "'", field = m.rating;
            if (v) rating = static_cast<float>(*v);
        }
        if (problem.empty() && !m.time.empty()) {
            const Cell c = src.cell(m.time);
            std::optional<int64_t> t;
            if (c.value && c.value->is_number())
                t = static_cast<int64_t>(c.value->get<double>());
            else if (c.present) {
                t = util::parseTimestamp(c.text);
                if (!t)
                    if (auto d = util::parseDate(c.text)) t = util::daysSinceEpoch(*d) * 86400;
            }
            if (!t)
                problem = "expected epoch seconds or a date, got '" + cellText(c) + "'", field = m.time;
            else
                ts = *t;
        }
        if (!problem.empty()) {
            if (auto s = ctx.bad(file, src.line(), field, problem); !s) return s;
            continue;
        }
        if (catalog && !catalog->rowOf(item)) ++unknownItems;
        b.add(user, item, rating, ts);
    }
    if (unknownItems)
        ctx.warn(file + ": " + std::to_string(unknownItems) +
                 " interaction(s) refer to items missing from the catalog");
    if (b.size() == 0) return util::Status::error(file + ": no interactions");
    return util::Status::ok();
}

}  // namespace

std::unique_ptr<Importer> makeGenericImporter(const std::string& format) {
    return std::make_unique<GenericImporter>(format);
}

}  // namespace rs::data
