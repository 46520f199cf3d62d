// The three MovieLens layouts from GroupLens: 100K (u.data/u.item/u.genre/u.user, tab and '|'),
// 1M (ratings.dat/movies.dat/users.dat, '::') and the CSV releases (ratings.csv/movies.csv,
// quoted CSV).
// The old releases are latin-1; the CSV releases are UTF-8 — files are read with
// Encoding::Auto so either works and a conversion is reported as a warning.
#include <array>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "data/importcontext.h"
#include "data/importers.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/text.h"

namespace rs::data {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kProgressEvery = 8192;  // records between progress/cancel checks

// GroupLens' genre order for the 19 flags of u.item, used when u.genre is absent.
constexpr std::array<const char*, 19> kDefaultGenres{"unknown",   "Action",   "Adventure",   "Animation", "Children's",
                                                     "Comedy",    "Crime",    "Documentary", "Drama",     "Fantasy",
                                                     "Film-Noir", "Horror",   "Musical",     "Mystery",   "Romance",
                                                     "Sci-Fi",    "Thriller", "War",         "Western"};

std::string describeSep(const std::string& sep) {
    if (sep == "\t") return "tab";
    if (sep == ",") return "comma";
    return "'" + sep + "'";
}

// The message for a record with the wrong number of fields; hints at a wrong separator.
std::string fieldCountProblem(std::string_view raw, size_t found, size_t expected, const std::string& sep) {
    std::string what = "expected " + std::to_string(expected) + " " + describeSep(sep) + "-separated fields, found " +
                       std::to_string(found);
    for (const char* other : {"\t", ",", ";", "|", "::"})
        if (other != sep && raw.find(other) != std::string_view::npos && found < expected) {
            what += " (the line contains " + describeSep(other) + " characters: wrong separator or format?)";
            break;
        }
    return what;
}

// Field name for a field-count error: the first missing field, or the first extra one.
std::string countField(const std::vector<std::string>& names, size_t found) {
    return found < names.size() ? names[found] : "#" + std::to_string(names.size() + 1);
}

// "Toy Story (1995)" -> 1995; 0 when the title has no trailing year.
int yearFromTitle(std::string_view title) {
    title = util::trim(title);
    if (title.size() < 6 || title.back() != ')') return 0;
    const size_t open = title.rfind('(');
    if (open == std::string_view::npos) return 0;
    std::string_view inner = title.substr(open + 1, title.size() - open - 2);
    // "(1995)" or "(1995-1996)" style ranges: take the first year.
    auto v = util::parseInt64(inner.substr(0, 4));
    if (inner.size() < 4 || !v || *v < 1800 || *v > 2100) return 0;
    return static_cast<int>(*v);
}

struct RatingFile {
    fs::path path;
    std::string sep;
    bool quoting = false;
    bool header = false;                   // first record is a header (skipped)
    const ItemCatalog* catalog = nullptr;  // when set, item ids must be catalog rows
    bool integerIds = true;                // MovieLens ids are positive integers
    double from = 0, to = 1;               // progress range
};

// Reads "user item rating timestamp" records into b, in file order.
util::Status readRatings(ImportContext& ctx, const RatingFile& rf, DatasetBuilder& b) {
    auto text = ctx.readText(rf.path, Encoding::Auto);
    if (!text) return text.status();
    const std::string file = rf.path.filename().string();
    static const std::vector<std::string> names{"user", "item", "rating", "timestamp"};
    util::DelimitedReader r(*text, rf.sep, rf.quoting);
    bool first = true;
    int64_t n = 0;
    while (r.next()) {
        if (++n % kProgressEvery == 0)
            if (auto s = ctx.step(r.position(), text->size(), rf.from, rf.to, "reading " + file); !s) return s;
        if (first && rf.header) {
            first = false;
            continue;
        }
        first = false;
        ctx.lineRead();
        const auto& f = r.fields();
        if (f.size() != 4) {
            if (auto s = ctx.bad(file, r.line(), countField(names, f.size()),
                                 fieldCountProblem(r.raw(), f.size(), 4, rf.sep));
                !s)
                return s;
            continue;
        }
        std::string problem, field;
        for (int k = 0; k < 2 && problem.empty() && rf.integerIds; ++k) {
            auto id = util::parseInt64(f[static_cast<size_t>(k)]);
            if (!id || *id <= 0)
                problem = "expected a positive integer id, got '" + f[static_cast<size_t>(k)] + "'",
                field = names[static_cast<size_t>(k)];
        }
        if (problem.empty() && rf.catalog && !rf.catalog->rowOf(util::trim(f[1])))
            problem = "item id '" + f[1] + "' is not in the item file (id out of range)", field = "item";
        auto rating = util::parseDouble(f[2]);
        if (problem.empty() && !rating) problem = "expected a number, got '" + f[2] + "'", field = "rating";
        if (problem.empty() && (*rating < 0 || *rating > 10))
            problem = "rating " + f[2] + " is outside 0..10", field = "rating";
        auto ts = util::parseInt64(f[3]);
        if (problem.empty() && (!ts || *ts < 0))
            problem = "expected a non-negative integer (seconds since 1970), got '" + f[3] + "'", field = "timestamp";
        if (!problem.empty()) {
            if (auto s = ctx.bad(file, r.line(), field, problem); !s) return s;
            continue;
        }
        b.add(util::trim(f[0]), util::trim(f[1]), static_cast<float>(*rating), *ts);
    }
    if (!r.error().empty()) return util::Status::error(ImportContext::format(file, r.line(), {}, r.error()));
    if (b.size() == 0) return util::Status::error(file + ": no interactions");
    return util::Status::ok();
}

// Adds the standard MovieLens movie columns.
util::Status addMovieColumns(ItemCatalog& c, bool withDates) {
    for (auto [name, type] : std::initializer_list<std::pair<const char*, ColumnType>>{
             {"title", ColumnType::Text}, {"year", ColumnType::Integer}, {"genres", ColumnType::TagList}}) {
        if (auto r = c.addColumn(name, type); !r) return r.status();
    }
    if (withDates) {
        if (auto r = c.addColumn("release_date", ColumnType::Date); !r) return r.status();
        if (auto r = c.addColumn("imdb_url", ColumnType::Text); !r) return r.status();
    }
    c.setTitleColumn("title");
    return util::Status::ok();
}

// Appends a movie row; a duplicate id is a bad line naming the first line with that id.
util::Result<std::optional<size_t>> appendMovie(ImportContext& ctx, ItemCatalog& c, const std::string& file,
                                                int64_t line, std::string_view id,
                                                std::unordered_map<std::string, int64_t>& lineOf) {
    auto [it, inserted] = lineOf.try_emplace(std::string(id), line);
    if (!inserted) {
        if (auto s =
                ctx.bad(file, line, "id",
                        "duplicate id '" + std::string(id) + "' (first on line " + std::to_string(it->second) + ")");
            !s)
            return util::Error{s.message()};
        return std::optional<size_t>{};
    }
    auto row = c.appendRow(std::string(id));
    if (!row) return util::Error{ImportContext::format(file, line, "id", row.message())};
    return std::optional<size_t>{*row};
}

void setTitleAndYear(ItemCatalog& c, size_t row, std::string_view title, int fallbackYear) {
    c.mutableColumn("title")->setText(row, std::string(util::trim(title)));
    const int year = yearFromTitle(title) ? yearFromTitle(title) : fallbackYear;
    if (year) c.mutableColumn("year")->setNumber(row, year);
}

fs::path folderOf(const fs::path& p) {
    return fs::is_directory(p) ? p : p.parent_path();
}

// One column of a MovieLens user file after the id: its name and type (Text or Integer).
struct UserField {
    const char* name;
    ColumnType type;
};

// Reads a MovieLens user file ("id<sep>field<sep>…", one user per line) into a user table keyed
// by the external user id. A line with a bad id, a non-integer in an Integer field, a wrong
// field count or a repeated id is a bad line (error, or skipped and counted); empty values are
// missing.
util::Result<ItemCatalog> readUsers(ImportContext& ctx, const fs::path& path, const std::string& sep,
                                    const std::vector<UserField>& fields) {
    ItemCatalog users;
    for (const auto& f : fields)
        if (auto c = users.addColumn(f.name, f.type); !c) return c.status();
    auto text = ctx.readText(path, Encoding::Auto);
    if (!text) return text.status();
    const std::string file = path.filename().string();
    std::vector<std::string> names{"user_id"};
    for (const auto& f : fields) names.emplace_back(f.name);
    std::unordered_map<std::string, int64_t> lineOf;
    util::DelimitedReader r(*text, sep, false);
    while (r.next()) {
        ctx.lineRead();
        const auto& f = r.fields();
        std::string problem, field;
        if (f.size() != names.size()) {
            problem = fieldCountProblem(r.raw(), f.size(), names.size(), sep), field = countField(names, f.size());
        } else if (auto id = util::parseInt64(f[0]); !id || *id <= 0) {
            problem = "expected a positive integer id, got '" + f[0] + "'", field = names[0];
        } else {
            for (size_t k = 0; k < fields.size() && problem.empty(); ++k) {
                const std::string_view v = util::trim(f[k + 1]);
                if (fields[k].type == ColumnType::Integer && !v.empty() && !util::parseInt64(v))
                    problem = "expected an integer, got '" + std::string(v) + "'", field = fields[k].name;
            }
        }
        if (problem.empty()) {
            auto [it, inserted] = lineOf.try_emplace(std::string(util::trim(f[0])), r.line());
            if (!inserted)
                problem = "duplicate id '" + it->first + "' (first on line " + std::to_string(it->second) + ")",
                field = names[0];
        }
        if (!problem.empty()) {
            if (auto s = ctx.bad(file, r.line(), field, problem); !s) return s;
            continue;
        }
        auto row = users.appendRow(std::string(util::trim(f[0])));
        if (!row) return util::Error{ImportContext::format(file, r.line(), names[0], row.message())};
        for (size_t k = 0; k < fields.size(); ++k) {
            const std::string_view v = util::trim(f[k + 1]);
            if (v.empty()) continue;
            Column* col = users.mutableColumn(fields[k].name);
            if (fields[k].type == ColumnType::Integer)
                col->setNumber(*row, static_cast<double>(*util::parseInt64(v)));
            else
                col->setText(*row, std::string(v));
        }
    }
    if (!r.error().empty()) return util::Error{ImportContext::format(file, r.line(), {}, r.error())};
    return users;
}

// ---------------------------------------------------------------------------------------------
class MovieLens100k final : public Importer {
public:
    std::string name() const override { return "movielens-100k"; }
    std::string description() const override {
        return "MovieLens 100K folder: u.data (tab: user item rating timestamp), u.item ('|', latin-1), u.genre";
    }
    bool detect(const fs::path& p) const override {
        const fs::path d = folderOf(p);
        return fs::exists(d / "u.data") && fs::exists(d / "u.item");
    }

    util::Result<ImportedData> run(const ImportOptions& o, const util::Task& task) const override {
        ImportedData out;
        out.format = name();
        const fs::path dir = folderOf(o.path);
        out.name = dir.filename().string();
        ImportContext ctx(o, task, out.report);

        std::vector<std::string> genres(kDefaultGenres.begin(), kDefaultGenres.end());
        if (fs::exists(dir / "u.genre")) {
            auto text = ctx.readText(dir / "u.genre", Encoding::Auto);
            if (!text) return text.status();
            util::DelimitedReader r(*text, "|", false);
            while (r.next()) {
                auto idx = r.fields().size() == 2 ? util::parseInt64(r.fields()[1]) : std::nullopt;
                if (!idx || *idx < 0 || *idx > 100)
                    return util::Error{ImportContext::format("u.genre", r.line(), "index", "expected 'name|index'")};
                if (static_cast<size_t>(*idx) >= genres.size()) genres.resize(static_cast<size_t>(*idx) + 1);
                genres[static_cast<size_t>(*idx)] = r.fields()[0];
            }
        } else {
            ctx.warn("u.genre not found: using the standard MovieLens genre names");
        }

        ItemCatalog catalog;
        if (auto s = addMovieColumns(catalog, true); !s) return s;
        auto text = ctx.readText(dir / "u.item", Encoding::Auto);
        if (!text) return text.status();
        DatasetBuilder b;
        std::unordered_map<std::string, int64_t> lineOf;
        util::DelimitedReader r(*text, "|", false);
        static const std::vector<std::string> names{"id", "title", "release_date", "video_release_date", "imdb_url"};
        const size_t expected = 5 + genres.size();
        while (r.next()) {
            ctx.lineRead();
            const auto& f = r.fields();
            if (f.size() != expected) {
                std::vector<std::string> all = names;
                for (auto& g : genres) all.push_back("genre " + g);
                if (auto s = ctx.bad("u.item", r.line(), countField(all, f.size()),
                                     fieldCountProblem(r.raw(), f.size(), expected, "|"));
                    !s)
                    return s;
                continue;
            }
            auto id = util::parseInt64(f[0]);
            if (!id || *id <= 0) {
                if (auto s = ctx.bad("u.item", r.line(), "id", "expected a positive integer id, got '" + f[0] + "'");
                    !s)
                    return s;
                continue;
            }
            auto row = appendMovie(ctx, catalog, "u.item", r.line(), util::trim(f[0]), lineOf);
            if (!row) return row.status();
            if (!*row) continue;
            const size_t rw = **row;
            b.addItem(util::trim(f[0]));
            auto date = util::parseDate(f[2]);
            setTitleAndYear(catalog, rw, f[1], date ? date->year : 0);
            if (date)
                catalog.mutableColumn("release_date")->setDate(rw, util::daysSinceEpoch(*date), util::isoString(*date));
            if (!util::trim(f[4]).empty())
                catalog.mutableColumn("imdb_url")->setText(rw, std::string(util::trim(f[4])));
            std::vector<std::string> tags;
            for (size_t g = 0; g < genres.size(); ++g)
                if (util::trim(f[5 + g]) == "1") tags.push_back(genres[g]);
            catalog.mutableColumn("genres")->setTags(rw, std::move(tags));
        }
        if (catalog.size() == 0) return util::Error{"u.item: no items"};
        if (auto s = ctx.step(1, 1, 0.0, 0.1, "reading u.item"); !s) return s;

        RatingFile rf{dir / "u.data", "\t", false, false, &catalog, true, 0.1, 1.0};
        if (auto s = readRatings(ctx, rf, b); !s) return s;
        b.setHasTimestamps(true);
        out.dataset = std::move(b).build();
        out.catalog = std::move(catalog);
        if (fs::exists(dir / "u.user")) {
            // u.user: "user id | age | gender | occupation | zip code". Zip codes are text: they
            // keep leading zeros ("01002") and some are not numbers ("T8H1N").
            auto users = readUsers(ctx, dir / "u.user", "|",
                                   {{"age", ColumnType::Integer},
                                    {"gender", ColumnType::Text},
                                    {"occupation", ColumnType::Text},
                                    {"zip_code", ColumnType::Text}});
            if (!users) return users.status();
            ctx.warnUsersWithoutRow(*out.dataset, *users, "u.user");
            out.userCatalog = std::move(*users);
        }
        task.report(1.0, "done");
        return out;
    }
};

// ---------------------------------------------------------------------------------------------
// 1M and the CSV releases share the movies layout "id, title, genres joined by '|'".
class MovieLensMovies : public Importer {
protected:
    // usersFile (may be empty) is read with userFields when it exists.
    util::Result<ImportedData> runWith(const ImportOptions& o, const util::Task& task, const std::string& ratingsFile,
                                       const std::string& moviesFile, const std::string& sep, bool csv,
                                       const std::string& usersFile = {},
                                       const std::vector<UserField>& userFields = {}) const {
        ImportedData out;
        out.format = name();
        const fs::path dir = folderOf(o.path);
        out.name = dir.filename().string();
        ImportContext ctx(o, task, out.report);
        DatasetBuilder b;
        std::optional<ItemCatalog> catalog;
        if (fs::exists(dir / moviesFile)) {
            catalog.emplace();
            if (auto s = addMovieColumns(*catalog, false); !s) return s;
            auto text = ctx.readText(dir / moviesFile, Encoding::Auto);
            if (!text) return text.status();
            std::unordered_map<std::string, int64_t> lineOf;
            util::DelimitedReader r(*text, sep, csv);
            static const std::vector<std::string> names{"movieId", "title", "genres"};
            bool first = true;
            while (r.next()) {
                const auto& f = r.fields();
                if (first && csv && !f.empty() && util::trim(f[0]) == "movieId") {
                    first = false;
                    continue;  // header
                }
                first = false;
                ctx.lineRead();
                if (f.size() != 3) {
                    if (auto s = ctx.bad(moviesFile, r.line(), countField(names, f.size()),
                                         fieldCountProblem(r.raw(), f.size(), 3, sep));
                        !s)
                        return s;
                    continue;
                }
                auto id = util::parseInt64(f[0]);
                if (!id || *id <= 0) {
                    if (auto s = ctx.bad(moviesFile, r.line(), names[0],
                                         "expected a positive integer id, got '" + f[0] + "'");
                        !s)
                        return s;
                    continue;
                }
                auto row = appendMovie(ctx, *catalog, moviesFile, r.line(), util::trim(f[0]), lineOf);
                if (!row) return row.status();
                if (!*row) continue;
                b.addItem(util::trim(f[0]));
                setTitleAndYear(*catalog, **row, f[1], 0);
                std::vector<std::string> tags;
                if (util::trim(f[2]) != "(no genres listed)")
                    for (auto g : util::split(util::trim(f[2]), '|'))
                        if (!util::trim(g).empty()) tags.emplace_back(util::trim(g));
                catalog->mutableColumn("genres")->setTags(**row, std::move(tags));
            }
            if (!r.error().empty()) return util::Error{ImportContext::format(moviesFile, r.line(), {}, r.error())};
        } else {
            ctx.warn(moviesFile + " not found: importing interactions without a catalog");
        }
        RatingFile rf{dir / ratingsFile, sep, csv, csv, catalog ? &*catalog : nullptr, true, 0.1, 1.0};
        if (auto s = readRatings(ctx, rf, b); !s) return s;
        b.setHasTimestamps(true);
        out.dataset = std::move(b).build();
        out.catalog = std::move(catalog);
        if (!usersFile.empty() && fs::exists(dir / usersFile)) {
            auto users = readUsers(ctx, dir / usersFile, sep, userFields);
            if (!users) return users.status();
            ctx.warnUsersWithoutRow(*out.dataset, *users, usersFile);
            out.userCatalog = std::move(*users);
        }
        task.report(1.0, "done");
        return out;
    }
};

class MovieLens1m final : public MovieLensMovies {
public:
    std::string name() const override { return "movielens-1m"; }
    std::string description() const override {
        return "MovieLens 1M/10M folder: ratings.dat and movies.dat ('::'-separated, latin-1)";
    }
    bool detect(const fs::path& p) const override { return fs::exists(folderOf(p) / "ratings.dat"); }
    util::Result<ImportedData> run(const ImportOptions& o, const util::Task& task) const override {
        // users.dat: "UserID::Gender::Age::Occupation::Zip-code". Age and occupation are codes
        // defined in the ML-1M README (age ranges, occupation categories); they are kept as the
        // integers in the file rather than mapped to labels we could not check here.
        return runWith(o, task, "ratings.dat", "movies.dat", "::", false, "users.dat",
                       {{"gender", ColumnType::Text},
                        {"age", ColumnType::Integer},
                        {"occupation", ColumnType::Integer},
                        {"zip_code", ColumnType::Text}});
    }
};

class MovieLensCsv final : public MovieLensMovies {
public:
    std::string name() const override { return "movielens-csv"; }
    std::string description() const override {
        return "MovieLens CSV releases (ml-latest, 20M, 25M): ratings.csv and movies.csv with headers";
    }
    bool detect(const fs::path& p) const override {
        const fs::path d = folderOf(p);
        return fs::exists(d / "ratings.csv") && fs::exists(d / "movies.csv");
    }
    util::Result<ImportedData> run(const ImportOptions& o, const util::Task& task) const override {
        return runWith(o, task, "ratings.csv", "movies.csv", ",", true);
    }
};

}  // namespace

std::unique_ptr<Importer> makeMovieLens100kImporter() {
    return std::make_unique<MovieLens100k>();
}
std::unique_ptr<Importer> makeMovieLens1mImporter() {
    return std::make_unique<MovieLens1m>();
}
std::unique_ptr<Importer> makeMovieLensCsvImporter() {
    return std::make_unique<MovieLensCsv>();
}

}  // namespace rs::data
