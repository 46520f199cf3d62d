// recscope-cli import: reads a dataset (any importer, or a project file), prints what was read
// and optionally stores it in a project file. The report goes to stdout, progress and errors to
// stderr, so `recscope-cli import … > report.txt` keeps a clean record.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "args.h"
#include "commands.h"
#include "data/importer.h"
#include "evalcli.h"  // ProgressPrinter
#include "project_or_data.h"
#include "store/projectstore.h"

namespace rs::cli {

namespace {

namespace fs = std::filesystem;

const std::vector<OptionSpec> kSpecs = {
    {"data", true, "folder or file to import (or a project file to inspect)", ""},
    {"format", true,
     "importer name; one of: " +
         [] {
             std::string s;
             for (const auto& n : data::importerNames()) s += (s.empty() ? "" : ", ") + n;
             return s;
         }(),
     "detect"},
    {"mapping", true, "column mapping JSON for csv/tsv/jsonl files (docs/import-mapping.md)", ""},
    {"project", true, "project file to create or add the dataset to", ""},
    {"name", true, "dataset name in the project", "folder or file stem"},
    {"replace", false, "replace a dataset of the same name in the project", ""},
    {"dataset", true, "with a project file as --data: which stored dataset to show", "the first"},
    {"skip-bad-lines", false, "count and skip malformed lines instead of failing", ""},
    {"help", false, "show this help", ""},
};

std::string fmtNumber(double v) {
    char buf[64];
    if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// The ISO text of the row holding `days`: dates keep their source precision, so show that.
std::string isoOf(const data::Column& c, double days) {
    for (size_t r = 0; r < c.size(); ++r)
        if (c.present(r) && c.number(r) == days) return c.text(r);
    return fmtNumber(days);
}

void printDataset(const data::Dataset& d) {
    std::printf("interactions\n");
    std::printf("  users         %d\n", d.numUsers());
    std::printf("  items         %d\n", d.numItems());
    const double cells = static_cast<double>(d.numUsers()) * static_cast<double>(d.numItems());
    std::printf("  interactions  %lld (density %.4f%%)\n", static_cast<long long>(d.numInteractions()),
                cells > 0 ? 100.0 * static_cast<double>(d.numInteractions()) / cells : 0.0);
    if (d.hasRatings()) {
        double lo = INFINITY, hi = -INFINITY, sum = 0;
        int64_t n = 0;
        for (float r : d.ratings())
            if (!std::isnan(r)) {
                lo = std::min(lo, double(r));
                hi = std::max(hi, double(r));
                sum += r;
                ++n;
            }
        std::printf("  ratings       %lld rated, %s .. %s, mean %.3f\n", static_cast<long long>(n),
                    fmtNumber(lo).c_str(), fmtNumber(hi).c_str(), n ? sum / double(n) : 0.0);
    } else {
        std::printf("  ratings       none (implicit feedback)\n");
    }
    if (d.hasTimestamps() && d.numInteractions() > 0) {
        const auto [mn, mx] = std::minmax_element(d.timestamps().begin(), d.timestamps().end());
        std::printf("  timestamps    %lld .. %lld (Unix seconds)\n", static_cast<long long>(*mn),
                    static_cast<long long>(*mx));
    } else {
        std::printf("  timestamps    none\n");
    }
}

// The item catalog ("catalog", rows "items") or the user table ("user table", rows "users").
// textTop also lists the most frequent values of text columns (gender, occupation); catalog text
// is mostly titles, where that says nothing.
void printTable(const char* label, const char* rows, const data::ItemCatalog& c, bool textTop) {
    std::printf("%s: %zu %s, %zu columns%s\n", label, c.size(), rows, c.columns().size(),
                c.titleColumn().empty() ? "" : (" (title column: " + c.titleColumn() + ")").c_str());
    for (const auto& col : c.columns()) {
        const auto s = col.stats(3);
        std::string line = std::to_string(s.count) + " values, " + std::to_string(s.missing) + " missing";
        switch (col.type()) {
            case data::ColumnType::Integer:
            case data::ColumnType::Real:
                if (s.min)
                    line += ", min " + fmtNumber(*s.min) + ", max " + fmtNumber(*s.max) + ", mean " +
                            fmtNumber(*s.mean) + ", median " + fmtNumber(*s.median);
                break;
            case data::ColumnType::Date:
                if (s.min) line += ", from " + isoOf(col, *s.min) + " to " + isoOf(col, *s.max);
                break;
            case data::ColumnType::Text:
            case data::ColumnType::TagList: {
                line += ", " + std::to_string(s.distinctCount) + " distinct";
                const bool showTop = col.type() == data::ColumnType::TagList ||
                                     (textTop && !s.topValues.empty() && s.topValues.front().second > 1);
                if (showTop && !s.topValues.empty()) {
                    line += "; top:";
                    for (size_t k = 0; k < s.topValues.size(); ++k)
                        line += (k ? ", " : " ") + s.topValues[k].first + " (" + std::to_string(s.topValues[k].second) +
                                ")";
                }
                break;
            }
        }
        std::printf("  %-16s %-8s %s\n", col.name().c_str(), std::string(data::columnTypeName(col.type())).c_str(),
                    line.c_str());
    }
}

void printReport(const data::ImportReport& r) {
    std::printf("lines read %lld, skipped %lld\n", static_cast<long long>(r.linesRead),
                static_cast<long long>(r.linesSkipped));
    for (const auto& m : r.skippedMessages) std::printf("  skipped: %s\n", m.c_str());
    for (const auto& w : r.warnings) std::printf("  warning: %s\n", w.c_str());
}

}  // namespace

int runImport(int argc, char** argv) {
    Args args(kSpecs, argc, argv, 2);
    if (!args.error().empty()) {
        std::fprintf(stderr, "recscope-cli import: %s\n", args.error().c_str());
        return 2;
    }
    if (args.has("help")) {
        printHelp("import", "--data PATH [--project FILE] [options]",
                  "Reads a dataset folder or file, prints what was read (users, items, interactions, catalog "
                  "and user-table columns with their types and statistics, skipped lines, warnings) and, with "
                  "--project, stores it "
                  "in a project file.",
                  kSpecs);
        return 0;
    }
    if (!args.positional().empty()) {
        std::fprintf(stderr, "recscope-cli import: unexpected argument '%s' (see --help)\n",
                     args.positional()[0].c_str());
        return 2;
    }
    if (!args.has("data") || args.get("data").empty()) {
        std::fprintf(stderr, "recscope-cli import: --data PATH is required (see --help)\n");
        return 2;
    }
    const std::string dataPath = args.get("data");
    const std::string projectPath = args.get("project");

    // Open an existing project before the (possibly long) import, so a wrong --project fails fast
    // and a taken name is reported before any work. A new project file is only created once the
    // import has succeeded: a failed import never leaves a file behind.
    std::optional<store::ProjectStore> project;
    std::error_code ec;
    if (!projectPath.empty() && fs::exists(projectPath, ec) && fs::file_size(projectPath, ec) != 0) {
        auto p = store::ProjectStore::open(projectPath);
        if (!p) {
            std::fprintf(stderr, "recscope-cli import: %s\n", p.message().c_str());
            return 1;
        }
        project = std::move(*p);
        if (args.has("name") && !args.has("replace")) {
            if (auto known = project->findDataset(args.get("name"))) {
                std::fprintf(stderr, "recscope-cli import: %s: a dataset named '%s' already exists (use --replace)\n",
                             projectPath.c_str(), known->name.c_str());
                return 1;
            }
        }
    }

    ProgressPrinter printer;
    auto imported = openData(dataPath, args.get("format"), args.get("mapping"), args.has("skip-bad-lines"),
                             printer.task(), args.get("dataset"));
    printer.finish();
    if (!imported) {
        std::fprintf(stderr, "recscope-cli import: %s\n", imported.message().c_str());
        return 1;
    }
    std::string name = args.get("name");
    if (name.empty()) name = imported->name;
    if (name.empty()) name = fs::path(dataPath).stem().string();

    std::printf("read %s (format %s) as dataset '%s'\n", dataPath.c_str(), imported->format.c_str(), name.c_str());
    if (imported->dataset) printDataset(*imported->dataset);
    if (imported->catalog) printTable("catalog", "items", *imported->catalog, false);
    if (imported->userCatalog) printTable("user table", "users", *imported->userCatalog, true);
    printReport(imported->report);
    std::fflush(stdout);

    if (projectPath.empty()) return 0;
    if (!project) {
        auto p = store::ProjectStore::create(projectPath);
        if (!p) {
            std::fprintf(stderr, "recscope-cli import: %s\n", p.message().c_str());
            return 1;
        }
        project = std::move(*p);
    }
    store::SaveOptions options;
    options.replace = args.has("replace");
    auto id = project->saveDataset(name, *imported, options, printer.task());
    printer.finish();
    if (!id) {
        std::fprintf(stderr, "recscope-cli import: %s\n", id.message().c_str());
        return 1;
    }
    auto info = project->findDataset(std::to_string(*id));
    std::string tables;
    if (info && !info->catalogTable.empty()) tables += ", catalog table " + info->catalogTable;
    if (info && !info->userTable.empty()) tables += ", user table " + info->userTable;
    std::printf("saved to %s as dataset '%s' (id %lld%s)\n", projectPath.c_str(), name.c_str(),
                static_cast<long long>(*id), tables.c_str());
    return 0;
}

}  // namespace rs::cli
