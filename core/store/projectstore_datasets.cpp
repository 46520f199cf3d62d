// ProjectStore: saving and loading datasets (interactions and item catalogs). The rest of the
// class (opening, schema, models, evaluation runs) is in projectstore.cpp.
#include <cmath>
#include <map>
#include <set>

#include "store/projectstore.h"
#include "store/storeutil.h"

namespace rs::store {

namespace {

using data::ColumnType;

util::Error cancelled() {
    return util::Error{std::string(util::kCancelledMessage)};
}

nlohmann::json reportToJson(const data::ImportReport& r) {
    return {{"lines_read", r.linesRead},
            {"lines_skipped", r.linesSkipped},
            {"skipped_messages", r.skippedMessages},
            {"warnings", r.warnings}};
}

data::ImportReport reportFromJson(const std::string& text) {
    data::ImportReport r;
    // The report is informational: a damaged one must not make the data unreadable.
    try {
        const auto j = nlohmann::json::parse(text);
        r.linesRead = j.value("lines_read", int64_t{0});
        r.linesSkipped = j.value("lines_skipped", int64_t{0});
        r.skippedMessages = j.value("skipped_messages", std::vector<std::string>{});
        r.warnings = j.value("warnings", std::vector<std::string>{});
    } catch (const std::exception& e) {
        r.warnings.push_back(std::string("stored import report unreadable: ") + e.what());
    }
    return r;
}

std::string joinTags(const std::vector<std::string>& tags) {
    std::string out;
    for (size_t i = 0; i < tags.size(); ++i) out += (i ? "|" : "") + tags[i];
    return out;
}

// SQL names for a typed table's columns: sanitized, unique, never the key column.
std::vector<std::string> sqlColumnNames(const data::ItemCatalog& catalog, const std::string& key) {
    std::set<std::string> used{key};
    std::vector<std::string> out;
    for (const auto& c : catalog.columns()) {
        const std::string base = detail::sanitizeIdentifier(c.name());
        std::string name = base;
        for (int k = 2; used.count(name); ++k) name = base + "_" + std::to_string(k);
        used.insert(name);
        out.push_back(name);
    }
    return out;
}

const char* sqlType(ColumnType t) {
    switch (t) {
        case ColumnType::Integer:
            return "INTEGER";
        case ColumnType::Real:
            return "REAL";
        default:
            return "TEXT";  // Text, ISO dates, '|'-joined tags
    }
}

// The two typed tables a dataset may have: the item catalog and the user table. Both are an
// ItemCatalog in memory and are written and read by the same code below.
struct TypedTableSpec {
    const char* prefix;        // table name prefix, followed by the sanitized dataset name
    const char* key;           // the id column
    const char* columnsTable;  // bookkeeping: (dataset_id, position, name, sql_name, type)
    const char* what;          // a row's noun in messages
};
constexpr TypedTableSpec kCatalogTable{"catalog_", "item_id", "catalog_columns", "catalog item"};
constexpr TypedTableSpec kUserTable{"users_", "user_id", "user_columns", "user"};

// Writes cat as the typed SQL table <spec.prefix><sanitized dataset name> (plus "_<dataset id>" when
// that name is taken) with its companion <table>_tags, and records each column's RecScope type
// in spec.columnsTable. Runs inside the caller's transaction; returns the table name.
util::Result<std::string> writeTypedTable(Database& db, const TypedTableSpec& spec, int64_t datasetId,
                                          const std::string& datasetName, const data::ItemCatalog& cat,
                                          detail::Progress& progress) {
    const std::string key = spec.key, what = spec.what;
    std::string table = spec.prefix + detail::sanitizeIdentifier(datasetName);
    for (const auto& candidate : {table, table + "_tags"}) {
        auto exists = detail::tableExists(db, candidate);
        if (!exists) return exists.status();
        if (*exists) {
            table += "_" + std::to_string(datasetId);
            break;
        }
    }
    const std::string tags = table + "_tags";
    const auto sqlNames = sqlColumnNames(cat, key);
    auto colIns = db.prepare("INSERT INTO " + std::string(spec.columnsTable) +
                             "(dataset_id, position, name, sql_name, type) VALUES (?,?,?,?,?)");
    if (!colIns) return colIns.status();
    std::string ddl = "CREATE TABLE " + quoteIdentifier(table) + "(" + key + " TEXT PRIMARY KEY";
    std::string insert = "INSERT INTO " + quoteIdentifier(table) + "(" + key;
    std::string values = "?";
    for (size_t c = 0; c < cat.columns().size(); ++c) {
        const auto& col = cat.columns()[c];
        colIns->bind(1, datasetId).bind(2, static_cast<int64_t>(c)).bind(3, col.name()).bind(4, sqlNames[c]);
        colIns->bind(5, data::columnTypeName(col.type()));
        if (auto s = colIns->run(); !s) return s;
        ddl += ", " + quoteIdentifier(sqlNames[c]) + " " + sqlType(col.type());
        insert += ", " + quoteIdentifier(sqlNames[c]);
        values += ",?";
    }
    if (auto s = db.exec(ddl + ")"); !s) return s;
    if (auto s = db.exec("CREATE TABLE " + quoteIdentifier(tags) + "(" + key +
                         " TEXT NOT NULL, column TEXT NOT NULL, tag TEXT NOT NULL)");
        !s)
        return s;

    auto row = db.prepare(insert + ") VALUES (" + values + ")");
    if (!row) return row.status();
    auto tagIns = db.prepare("INSERT INTO " + quoteIdentifier(tags) + "(" + key + ", column, tag) VALUES (?,?,?)");
    if (!tagIns) return tagIns.status();
    for (size_t r = 0; r < cat.size(); ++r) {
        const std::string& itemId = cat.ids()[r];
        row->bind(1, itemId);
        for (size_t c = 0; c < cat.columns().size(); ++c) {
            const auto& col = cat.columns()[c];
            const int p = static_cast<int>(c) + 2;
            if (!col.present(r)) {
                row->bindNull(p);
                continue;
            }
            switch (col.type()) {
                case ColumnType::Text:
                case ColumnType::Date:
                    row->bind(p, col.text(r));
                    break;
                case ColumnType::Real:
                    row->bind(p, col.number(r));
                    break;
                case ColumnType::Integer: {
                    const double v = col.number(r);
                    // Integers are doubles in memory; keep SQL type INTEGER when the value is whole.
                    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15)
                        row->bind(p, static_cast<int64_t>(v));
                    else
                        row->bind(p, v);
                    break;
                }
                case ColumnType::TagList:
                    row->bind(p, joinTags(col.tags(r)));
                    for (const auto& tag : col.tags(r)) {
                        tagIns->bind(1, itemId).bind(2, sqlNames[c]).bind(3, tag);
                        if (auto s = tagIns->run(); !s) return s;
                    }
                    break;
            }
        }
        if (auto s = row->run(); !s) return util::Error{s.message() + " (" + what + " '" + itemId + "')"};
        if (!progress.step()) return cancelled();
    }
    // Built after the rows: one sort instead of a B-tree insert per tag.
    if (auto s = db.exec("CREATE INDEX " + quoteIdentifier(tags + "_by_tag") + " ON " + quoteIdentifier(tags) +
                         "(column, tag)");
        !s)
        return s;
    return table;
}

// Reads back a table written by writeTypedTable: same columns, types, row order and title column.
util::Result<data::ItemCatalog> readTypedTable(Database& db, const TypedTableSpec& spec, int64_t datasetId,
                                               const std::string& table, const std::string& titleColumn,
                                               const std::string& where, detail::Progress& progress) {
    const std::string key = spec.key, what = spec.what;
    struct ColInfo {
        std::string name, sqlName;
        ColumnType type;
    };
    std::vector<ColInfo> cols;
    auto cst = db.prepare("SELECT name, sql_name, type FROM " + std::string(spec.columnsTable) +
                          " WHERE dataset_id = ? ORDER BY position");
    if (!cst) return cst.status();
    cst->bind(1, datasetId);
    for (;;) {
        auto row = cst->step();
        if (!row) return row.status();
        if (!*row) break;
        auto type = data::columnTypeFromName(cst->text(2));
        if (!type) return util::Error{where + ": " + spec.columnsTable + ": unknown type '" + cst->text(2) + "'"};
        cols.push_back({cst->text(0), cst->text(1), *type});
    }
    data::ItemCatalog cat;
    for (const auto& c : cols)
        if (auto r = cat.addColumn(c.name, c.type); !r) return util::Error{where + ": " + r.message()};
    cat.setTitleColumn(titleColumn);

    std::string select = "SELECT " + key;
    for (const auto& c : cols) select += ", " + quoteIdentifier(c.sqlName);
    auto st = db.prepare(select + " FROM " + quoteIdentifier(table) + " ORDER BY rowid");
    if (!st) return st.status();
    std::vector<data::Column*> targets;
    for (const auto& c : cols) targets.push_back(cat.mutableColumn(c.name));
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        auto r = cat.appendRow(st->text(0));
        if (!r) return util::Error{where + ": table " + table + ": " + r.message()};
        for (size_t c = 0; c < cols.size(); ++c) {
            const int q = static_cast<int>(c) + 1;
            if (st->isNull(q)) continue;  // rows start missing
            switch (cols[c].type) {
                case ColumnType::Text:
                    targets[c]->setText(*r, st->text(q));
                    break;
                case ColumnType::Integer:
                case ColumnType::Real:
                    targets[c]->setNumber(*r, st->real(q));
                    break;
                case ColumnType::Date: {
                    std::string iso = st->text(q);
                    auto days = detail::daysFromIso(iso);
                    if (!days)
                        return util::Error{where + ": table " + table + ": " + what + " '" + st->text(0) + "' column " +
                                           cols[c].sqlName + ": not an ISO date: '" + iso + "'"};
                    targets[c]->setDate(*r, *days, std::move(iso));
                    break;
                }
                case ColumnType::TagList:
                    targets[c]->setTags(*r, {});
                    break;  // filled below
            }
        }
        if (!progress.step()) return cancelled();
    }

    // Tags come from the companion table: exact even when a tag contains '|'.
    std::map<std::string, data::Column*> bySql;
    for (size_t c = 0; c < cols.size(); ++c)
        if (cols[c].type == ColumnType::TagList) bySql[cols[c].sqlName] = targets[c];
    if (!bySql.empty()) {
        auto tst =
            db.prepare("SELECT " + key + ", column, tag FROM " + quoteIdentifier(table + "_tags") + " ORDER BY rowid");
        if (!tst) return tst.status();
        std::vector<std::string> pending;
        for (;;) {
            auto row = tst->step();
            if (!row) return row.status();
            if (!*row) break;
            auto r = cat.rowOf(tst->text(0));
            auto col = bySql.find(tst->text(1));
            if (!r || col == bySql.end())
                return util::Error{where + ": table " + table + "_tags: unknown " + what + " '" + tst->text(0) +
                                   "' or column '" + tst->text(1) + "'"};
            // Copy-append: Column exposes tags(row) read-only, so rebuild the row's list.
            std::vector<std::string> list = col->second->tags(*r);
            list.push_back(tst->text(2));
            col->second->setTags(*r, std::move(list));
        }
    }
    return cat;
}

// A dataset's row in user_tables. Projects written before user tables existed have no
// user_tables table at all: that reads as "no user table".
struct UserTableInfo {
    std::string name, titleColumn;
    int64_t rows = 0;
};
util::Result<std::optional<UserTableInfo>> findUserTable(Database& db, int64_t datasetId) {
    auto exists = detail::tableExists(db, "user_tables");
    if (!exists) return exists.status();
    if (!*exists) return std::optional<UserTableInfo>{};
    auto st =
        db.prepare("SELECT table_name, coalesce(title_column, ''), row_count FROM user_tables WHERE dataset_id = ?");
    if (!st) return st.status();
    st->bind(1, datasetId);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return std::optional<UserTableInfo>{};
    return std::optional<UserTableInfo>{UserTableInfo{st->text(0), st->text(1), st->int64(2)}};
}

}  // namespace

// --- saving ----------------------------------------------------------------------------------

util::Result<int64_t> ProjectStore::saveDataset(const std::string& name, const data::ImportedData& data,
                                                const SaveOptions& options, const util::Task& task) {
    if (name.empty()) return util::Error{path() + ": a dataset needs a name"};
    if (!data.dataset && !data.catalog && !data.userCatalog)
        return util::Error{path() + ": dataset '" + name + "' has no data to save"};

    auto tx = Transaction::begin(db_);
    if (!tx) return tx.status();

    if (auto all = listDatasets(); !all) {
        return all.status();
    } else {
        for (const auto& d : *all) {
            if (d.name != name) continue;
            if (!options.replace)
                return util::Error{path() + ": a dataset named '" + name +
                                   "' already exists (choose another name or replace it)"};
            if (auto s = dropDataset(d); !s) return s;
        }
    }

    const data::Dataset* ds = data.dataset ? &*data.dataset : nullptr;
    const data::ItemCatalog* cat = data.catalog ? &*data.catalog : nullptr;
    const data::ItemCatalog* users = data.userCatalog ? &*data.userCatalog : nullptr;
    auto ins = db_.prepare(
        "INSERT INTO datasets(name, format, created, has_interactions, num_users, num_items, num_interactions, "
        "has_ratings, has_timestamps, catalog_rows, title_column, report_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!ins) return ins.status();
    ins->bind(1, name).bind(2, data.format).bind(3, detail::nowIso()).bind(4, int64_t{ds != nullptr});
    ins->bind(5, int64_t{ds ? ds->numUsers() : 0}).bind(6, int64_t{ds ? ds->numItems() : 0});
    ins->bind(7, ds ? ds->numInteractions() : int64_t{0});
    ins->bind(8, int64_t{ds && ds->hasRatings()}).bind(9, int64_t{ds && ds->hasTimestamps()});
    ins->bind(10, static_cast<int64_t>(cat ? cat->size() : 0));
    if (cat && !cat->titleColumn().empty())
        ins->bind(11, cat->titleColumn());
    else
        ins->bindNull(11);
    ins->bind(12, reportToJson(data.report).dump());
    if (auto s = ins->run(); !s) return s;
    const int64_t id = db_.lastInsertRowid();

    const int64_t total = (ds ? ds->numUsers() + ds->numItems() + ds->numInteractions() : 0) +
                          static_cast<int64_t>(cat ? cat->size() : 0) + static_cast<int64_t>(users ? users->size() : 0);
    detail::Progress progress(task, total, "saving dataset");
    task.report(0.0, "saving dataset");

    if (ds) {
        for (const char* table : {"users", "items"}) {
            auto st =
                db_.prepare(std::string("INSERT INTO ") + table + "(dataset_id, idx, external_id) VALUES (?,?,?)");
            if (!st) return st.status();
            const auto& ids = std::string(table) == "users" ? ds->userIds() : ds->itemIds();
            for (size_t k = 0; k < ids.size(); ++k) {
                st->bind(1, id).bind(2, static_cast<int64_t>(k)).bind(3, ids[k]);
                if (auto s = st->run(); !s) return s;
                if (!progress.step()) return cancelled();
            }
        }
        auto st = db_.prepare(
            "INSERT INTO interactions(dataset_id, pos, user_idx, item_idx, rating, timestamp) VALUES (?,?,?,?,?,?)");
        if (!st) return st.status();
        const auto& items = ds->items();
        const auto& ratings = ds->ratings();
        const auto& times = ds->timestamps();
        for (int32_t u = 0; u < ds->numUsers(); ++u) {
            for (int64_t p = ds->offsets()[u]; p < ds->offsets()[u + 1]; ++p) {
                st->bind(1, id).bind(2, p).bind(3, int64_t{u}).bind(4, int64_t{items[p]});
                st->bind(5, static_cast<double>(ratings[p]));  // NaN -> NULL
                if (ds->hasTimestamps())
                    st->bind(6, times[p]);
                else
                    st->bindNull(6);
                if (auto s = st->run(); !s) return s;
                if (!progress.step()) return cancelled();
            }
        }
    }

    if (cat) {
        auto table = writeTypedTable(db_, kCatalogTable, id, name, *cat, progress);
        if (!table) return table.status();
        if (auto s = db_.exec("UPDATE datasets SET catalog_table = '" + *table + "' WHERE id = " + std::to_string(id));
            !s)
            return s;
    }
    if (users) {
        // Files from before user tables lack the bookkeeping table; it is added on first use.
        if (auto s = detail::ensureUserTables(db_); !s) return s;
        auto table = writeTypedTable(db_, kUserTable, id, name, *users, progress);
        if (!table) return table.status();
        auto st =
            db_.prepare("INSERT INTO user_tables(dataset_id, table_name, row_count, title_column) VALUES (?,?,?,?)");
        if (!st) return st.status();
        st->bind(1, id).bind(2, *table).bind(3, static_cast<int64_t>(users->size()));
        if (users->titleColumn().empty())
            st->bindNull(4);
        else
            st->bind(4, users->titleColumn());
        if (auto s = st->run(); !s) return s;
    }

    task.report(1.0, "saving dataset");
    if (task.cancelled()) return cancelled();
    if (auto s = tx->commit(); !s) return s;
    return id;
}

// --- loading ---------------------------------------------------------------------------------

util::Result<data::ImportedData> ProjectStore::loadDataset(const std::string& nameOrId, const util::Task& task) {
    auto info = findDataset(nameOrId);
    if (!info) return info.status();
    return loadDataset(info->id, task);
}

util::Result<data::ImportedData> ProjectStore::loadDataset(int64_t id, const util::Task& task) {
    // One read transaction gives a consistent snapshot even if another process writes meanwhile.
    if (auto s = db_.exec("BEGIN"); !s) return s;
    struct EndRead {
        Database& db;
        ~EndRead() { sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
    } endRead{db_};

    auto head = db_.prepare(
        "SELECT name, format, has_interactions, num_users, num_items, num_interactions, has_ratings, has_timestamps, "
        "catalog_table, catalog_rows, title_column, report_json FROM datasets WHERE id = ?");
    if (!head) return head.status();
    head->bind(1, id);
    auto found = head->step();
    if (!found) return found.status();
    if (!*found) return util::Error{path() + ": no dataset with id " + std::to_string(id)};

    data::ImportedData out;
    out.name = head->text(0);
    out.format = head->text(1);
    const bool hasInteractions = head->int64(2) != 0;
    const int64_t numUsers = head->int64(3), numItems = head->int64(4), numInter = head->int64(5);
    const bool hasRatings = head->int64(6) != 0, hasTimestamps = head->int64(7) != 0;
    const std::string table = head->text(8);
    const int64_t catalogRows = head->int64(9);
    const std::string titleColumn = head->text(10);
    out.report = reportFromJson(head->text(11));
    const std::string where = path() + ": dataset '" + out.name + "'";

    auto userTable = findUserTable(db_, id);
    if (!userTable) return util::Error{where + ": " + userTable.message()};
    detail::Progress progress(
        task,
        (hasInteractions ? numUsers + numItems + numInter : 0) + catalogRows + (*userTable ? (*userTable)->rows : 0),
        "loading dataset");
    task.report(0.0, "loading dataset");

    if (hasInteractions) {
        std::vector<std::string> ids[2];
        const char* tables[2] = {"users", "items"};
        for (int t = 0; t < 2; ++t) {
            auto st = db_.prepare(std::string("SELECT idx, external_id FROM ") + tables[t] +
                                  " WHERE dataset_id = ? ORDER BY idx");
            if (!st) return st.status();
            st->bind(1, id);
            for (;;) {
                auto row = st->step();
                if (!row) return row.status();
                if (!*row) break;
                if (st->int64(0) != static_cast<int64_t>(ids[t].size()))
                    return util::Error{where + ": table " + tables[t] + " has a gap at index " +
                                       std::to_string(ids[t].size())};
                ids[t].push_back(st->text(1));
                if (!progress.step()) return cancelled();
            }
        }
        if (static_cast<int64_t>(ids[0].size()) != numUsers || static_cast<int64_t>(ids[1].size()) != numItems)
            return util::Error{where + ": users/items tables do not match the recorded counts"};

        std::vector<int64_t> offsets(static_cast<size_t>(numUsers) + 1, 0);
        std::vector<int32_t> items;
        std::vector<float> ratings;
        std::vector<int64_t> times;
        items.reserve(static_cast<size_t>(numInter));
        ratings.reserve(static_cast<size_t>(numInter));
        times.reserve(static_cast<size_t>(numInter));
        auto st = db_.prepare(
            "SELECT user_idx, item_idx, rating, timestamp FROM interactions WHERE dataset_id = ? ORDER BY pos");
        if (!st) return st.status();
        st->bind(1, id);
        int64_t lastUser = 0;
        for (;;) {
            auto row = st->step();
            if (!row) return row.status();
            if (!*row) break;
            const int64_t u = st->int64(0);
            // Rows are in CSR order, so users never go backwards; anything else is a damaged file.
            if (u < lastUser || u >= numUsers)
                return util::Error{where + ": interactions out of CSR order at position " +
                                   std::to_string(items.size())};
            lastUser = u;
            ++offsets[static_cast<size_t>(u) + 1];
            items.push_back(static_cast<int32_t>(st->int64(1)));
            ratings.push_back(st->isNull(2) ? data::kNoRating : static_cast<float>(st->real(2)));
            times.push_back(st->isNull(3) ? 0 : st->int64(3));
            if (!progress.step()) return cancelled();
        }
        for (size_t u = 1; u < offsets.size(); ++u) offsets[u] += offsets[u - 1];
        auto ds = data::Dataset::fromCsr(std::move(ids[0]), std::move(ids[1]), std::move(offsets), std::move(items),
                                         std::move(ratings), std::move(times), hasRatings, hasTimestamps);
        if (!ds) return util::Error{where + ": " + ds.message()};
        out.dataset = std::move(*ds);
    }

    if (!table.empty()) {
        auto cat = readTypedTable(db_, kCatalogTable, id, table, titleColumn, where, progress);
        if (!cat) return cat.status();
        out.catalog = std::move(*cat);
    }
    if (*userTable) {
        const UserTableInfo& u = **userTable;
        auto users = readTypedTable(db_, kUserTable, id, u.name, u.titleColumn, where, progress);
        if (!users) return users.status();
        out.userCatalog = std::move(*users);
    }
    task.report(1.0, "loading dataset");
    return out;
}

}  // namespace rs::store
