// RecBole atomic files (https://recbole.io/docs/user_guide/data/atomic_files.html): a folder
// with <name>.inter and optionally <name>.item and <name>.user, tab-separated, each header cell
// "field:type" with type token, token_seq, float or float_seq. The well-known fields user_id,
// item_id, rating and timestamp map to the Dataset; every other .item field becomes a catalog
// column and every other .user field a user-table column (same type mapping).
#include <unordered_map>

#include "data/importcontext.h"
#include "data/importers.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/text.h"

namespace rs::data {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kProgressEvery = 8192;

struct Field {
    std::string name, type;
};

util::Result<std::vector<Field>> parseHeader(const std::vector<std::string>& cells, const std::string& file) {
    std::vector<Field> out;
    for (const auto& c : cells) {
        const auto colon = c.rfind(':');
        if (colon == std::string::npos)
            return util::Error{
                ImportContext::format(file, 1, c, "header cells must read 'name:type' (e.g. item_id:token)")};
        Field f{std::string(util::trim(std::string_view(c).substr(0, colon))),
                std::string(util::trim(std::string_view(c).substr(colon + 1)))};
        if (f.type != "token" && f.type != "token_seq" && f.type != "float" && f.type != "float_seq")
            return util::Error{ImportContext::format(
                file, 1, f.name, "unknown type '" + f.type + "' (token, token_seq, float, float_seq)")};
        out.push_back(std::move(f));
    }
    return out;
}

// A token_seq of a category-like field is a tag list; other token_seqs (titles) are text.
bool isTagField(const std::string& name) {
    const std::string n = util::toLower(name);
    for (const char* key : {"genre", "class", "categor", "tag", "label", "keyword"})
        if (n.find(key) != std::string::npos) return true;
    return false;
}

bool isTitleField(const std::string& name) {
    const std::string n = util::toLower(name);
    return n.find("title") != std::string::npos || n == "name" || n.find("_name") != std::string::npos;
}

ColumnType columnTypeFor(const Field& f) {
    if (f.type == "float") return ColumnType::Real;
    if (f.type == "token_seq" && isTagField(f.name)) return ColumnType::TagList;
    return ColumnType::Text;
}

int findField(const std::vector<Field>& fields, std::string_view name) {
    for (size_t k = 0; k < fields.size(); ++k)
        if (fields[k].name == name) return static_cast<int>(k);
    return -1;
}

fs::path interFile(const fs::path& p) {
    if (!fs::is_directory(p)) return p.extension() == ".inter" ? p : fs::path();
    fs::path found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(p, ec))
        if (e.path().extension() == ".inter") {
            // Prefer <folder>.inter when a folder holds several (RecBole's own convention).
            if (e.path().stem() == p.filename() || found.empty()) found = e.path();
        }
    return found;
}

class RecBole final : public Importer {
public:
    std::string name() const override { return "recbole"; }
    std::string description() const override {
        return "RecBole atomic files: <name>.inter (+ .item) with typed headers such as item_id:token";
    }
    bool detect(const fs::path& p) const override { return !interFile(p).empty(); }

    util::Result<ImportedData> run(const ImportOptions& o, const util::Task& task) const override {
        ImportedData out;
        out.format = name();
        ImportContext ctx(o, task, out.report);
        const fs::path inter = interFile(o.path);
        if (inter.empty()) return util::Error{o.path.string() + ": no .inter file found"};
        out.name = inter.stem().string();
        DatasetBuilder b;
        std::optional<ItemCatalog> catalog;
        const fs::path itemPath = fs::path(inter).replace_extension(".item");
        if (fs::exists(itemPath)) {
            catalog.emplace();
            if (auto s = readTable(ctx, itemPath, "item_id", *catalog, &b, 0.0, 0.2); !s) return s;
        }
        bool hasTime = false;
        if (auto s = readInter(ctx, inter, b, catalog ? &*catalog : nullptr, hasTime); !s) return s;
        b.setHasTimestamps(hasTime);
        out.dataset = std::move(b).build();
        out.catalog = std::move(catalog);
        if (const fs::path userPath = fs::path(inter).replace_extension(".user"); fs::exists(userPath)) {
            ItemCatalog users;
            if (auto s = readTable(ctx, userPath, "user_id", users, nullptr, 1.0, 1.0); !s) return s;
            ctx.warnUsersWithoutRow(*out.dataset, users, userPath.filename().string());
            out.userCatalog = std::move(users);
        }
        task.report(1.0, "done");
        return out;
    }

private:
    // Reads a .item (idName "item_id") or .user (idName "user_id") file into c, one row per id in
    // file order. With b, each item id is declared there so Dataset item ids follow the file.
    // Progress is reported in [from, to].
    static util::Status readTable(ImportContext& ctx, const fs::path& path, std::string_view idName, ItemCatalog& c,
                                  DatasetBuilder* b, double from, double to) {
        auto text = ctx.readText(path, Encoding::Utf8);
        if (!text) return text.status();
        const std::string file = path.filename().string();
        util::DelimitedReader r(*text, "\t", false);
        if (!r.next()) return util::Status::error(file + ": no header line");
        auto fields = parseHeader(r.fields(), file);
        if (!fields) return fields.status();
        const int idField = findField(*fields, idName);
        if (idField < 0)
            return util::Status::error(file + ":1: field '" + std::string(idName) + "': missing from the header");
        for (size_t k = 0; k < fields->size(); ++k) {
            if (static_cast<int>(k) == idField) continue;
            const Field& f = (*fields)[k];
            if (auto col = c.addColumn(f.name, columnTypeFor(f)); !col) return col.status();
            if (c.titleColumn().empty() && f.type != "float" && isTitleField(f.name)) c.setTitleColumn(f.name);
        }
        std::unordered_map<std::string, int64_t> lineOf;
        int64_t n = 0;
        while (r.next()) {
            if (++n % kProgressEvery == 0)
                if (auto s = ctx.step(r.position(), text->size(), from, to, "reading " + file); !s) return s;
            ctx.lineRead();
            const auto& f = r.fields();
            std::string problem, field;
            if (auto p = ImportContext::utf8Problem(r.raw()); !p.empty())
                problem = p;
            else if (f.size() != fields->size())
                problem = "expected " + std::to_string(fields->size()) + " tab-separated fields, found " +
                          std::to_string(f.size()),
                field = f.size() < fields->size() ? (*fields)[f.size()].name : std::string();
            std::string id = problem.empty() ? std::string(util::trim(f[static_cast<size_t>(idField)])) : std::string();
            if (problem.empty() && id.empty())
                problem = idName == "user_id" ? "missing user id" : "missing item id", field = std::string(idName);
            if (problem.empty()) {
                auto [it, inserted] = lineOf.try_emplace(id, r.line());
                if (!inserted)
                    problem = "duplicate id '" + id + "' (first on line " + std::to_string(it->second) + ")",
                    field = std::string(idName);
            }
            if (!problem.empty()) {
                if (auto s = ctx.bad(file, r.line(), field, problem); !s) return s;
                continue;
            }
            auto row = c.appendRow(id);
            if (!row) return row.status();
            if (b) b->addItem(id);
            for (size_t k = 0; k < fields->size(); ++k) {
                if (static_cast<int>(k) == idField) continue;
                const std::string_view v = util::trim(f[k]);
                if (v.empty()) continue;
                Column* col = c.mutableColumn((*fields)[k].name);
                if (col->type() == ColumnType::Real) {
                    auto x = util::parseDouble(v);
                    if (!x) {
                        if (auto s =
                                ctx.bad(file, r.line(), col->name(), "expected a number, got '" + std::string(v) + "'");
                            !s)
                            return s;
                        continue;
                    }
                    col->setNumber(*row, *x);
                } else if (col->type() == ColumnType::TagList) {
                    std::vector<std::string> tags;
                    for (auto t : util::splitWhitespace(v)) tags.emplace_back(t);
                    col->setTags(*row, std::move(tags));
                } else {
                    col->setText(*row, std::string(v));
                }
            }
        }
        return util::Status::ok();
    }

    static util::Status readInter(ImportContext& ctx, const fs::path& path, DatasetBuilder& b,
                                  const ItemCatalog* catalog, bool& hasTime) {
        auto text = ctx.readText(path, Encoding::Utf8);
        if (!text) return text.status();
        const std::string file = path.filename().string();
        util::DelimitedReader r(*text, "\t", false);
        if (!r.next()) return util::Status::error(file + ": no header line");
        auto fields = parseHeader(r.fields(), file);
        if (!fields) return fields.status();
        const int uf = findField(*fields, "user_id"), itf = findField(*fields, "item_id");
        const int rf = findField(*fields, "rating"), tf = findField(*fields, "timestamp");
        if (uf < 0 || itf < 0)
            return util::Status::error(file + ":1: field '" + std::string(uf < 0 ? "user_id" : "item_id") +
                                       "': missing from the header");
        hasTime = tf >= 0;
        int64_t n = 0, unknown = 0;
        while (r.next()) {
            if (++n % kProgressEvery == 0)
                if (auto s = ctx.step(r.position(), text->size(), 0.2, 1.0, "reading " + file); !s) return s;
            ctx.lineRead();
            const auto& f = r.fields();
            std::string problem, field;
            std::optional<double> rating;
            std::optional<int64_t> ts;
            if (auto p = ImportContext::utf8Problem(r.raw()); !p.empty())
                problem = p;
            else if (f.size() != fields->size())
                problem = "expected " + std::to_string(fields->size()) + " tab-separated fields, found " +
                          std::to_string(f.size()),
                field = f.size() < fields->size() ? (*fields)[f.size()].name : std::string();
            else if (util::trim(f[static_cast<size_t>(uf)]).empty())
                problem = "missing user id", field = "user_id";
            else if (util::trim(f[static_cast<size_t>(itf)]).empty())
                problem = "missing item id", field = "item_id";
            if (problem.empty() && rf >= 0 && !(rating = util::parseDouble(f[static_cast<size_t>(rf)])))
                problem = "expected a number, got '" + f[static_cast<size_t>(rf)] + "'", field = "rating";
            if (problem.empty() && tf >= 0 && !(ts = util::parseTimestamp(f[static_cast<size_t>(tf)])))
                problem = "expected seconds since 1970, got '" + f[static_cast<size_t>(tf)] + "'", field = "timestamp";
            if (!problem.empty()) {
                if (auto s = ctx.bad(file, r.line(), field, problem); !s) return s;
                continue;
            }
            const std::string_view item = util::trim(f[static_cast<size_t>(itf)]);
            if (catalog && !catalog->rowOf(item)) ++unknown;
            b.add(util::trim(f[static_cast<size_t>(uf)]), item, rating ? static_cast<float>(*rating) : kNoRating,
                  ts.value_or(0));
        }
        if (unknown)
            ctx.warn(file + ": " + std::to_string(unknown) +
                     " interaction(s) refer to items missing from the .item file");
        if (b.size() == 0) return util::Status::error(file + ": no interactions");
        return util::Status::ok();
    }
};

}  // namespace

std::unique_ptr<Importer> makeRecBoleImporter() {
    return std::make_unique<RecBole>();
}

}  // namespace rs::data
