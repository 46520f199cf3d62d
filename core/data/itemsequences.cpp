// Item sequences: one line per user, "user item item ...", items in time order (the layout of
// many session and next-item datasets). UTF-8, whitespace-separated.
#include <string>
#include <unordered_map>

#include "data/importcontext.h"
#include "data/importers.h"
#include "util/csv.h"
#include "util/text.h"

namespace rs::data {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kProgressEvery = 8192;  // lines between progress/cancel checks

// "user item item ...": one user per line, items in time order. Positions become synthetic
// timestamps 0, 1, 2, ... so splits by time take the last items.
class ItemSequences final : public Importer {
public:
    std::string name() const override { return "item-sequences"; }
    std::string description() const override {
        return "one line per user: 'user item item ...' (space-separated, items in time order)";
    }
    bool detect(const fs::path& p) const override {
        if (fs::is_directory(p)) return false;
        const std::string ext = util::toLower(p.extension().string());
        return ext == ".txt" || ext == ".seq";
    }
    util::Result<ImportedData> run(const ImportOptions& o, const util::Task& task) const override {
        ImportedData out;
        out.format = name();
        out.name = o.path.stem().string();
        ImportContext ctx(o, task, out.report);
        auto text = ctx.readText(o.path, Encoding::Utf8);
        if (!text) return text.status();
        const std::string file = o.path.filename().string();
        DatasetBuilder b;
        std::unordered_map<std::string, int64_t> lineOf;
        util::DelimitedReader r(*text, "\n", false);  // whole lines; split on whitespace below
        int64_t n = 0;
        while (r.next()) {
            if (++n % kProgressEvery == 0)
                if (auto s = ctx.step(r.position(), text->size(), 0.0, 1.0, "reading " + file); !s) return s;
            ctx.lineRead();
            std::string problem, field;
            auto tokens = util::splitWhitespace(r.raw());
            if (auto p = ImportContext::utf8Problem(r.raw()); !p.empty())
                problem = p;
            else if (tokens.size() < 2)
                problem = "a line needs a user followed by at least one item", field = "item";
            else if (auto [it, inserted] = lineOf.try_emplace(std::string(tokens[0]), r.line()); !inserted)
                problem = "user '" + std::string(tokens[0]) + "' already has a sequence on line " +
                          std::to_string(it->second),
                field = "user";
            if (!problem.empty()) {
                if (auto s = ctx.bad(file, r.line(), field, problem); !s) return s;
                continue;
            }
            for (size_t k = 1; k < tokens.size(); ++k)
                b.add(tokens[0], tokens[k], kNoRating, static_cast<int64_t>(k - 1));
        }
        if (b.size() == 0) return util::Error{file + ": no interactions"};
        b.setHasTimestamps(true);
        out.dataset = std::move(b).build();
        task.report(1.0, "done");
        return out;
    }
};

}  // namespace

std::unique_ptr<Importer> makeItemSequencesImporter() {
    return std::make_unique<ItemSequences>();
}

}  // namespace rs::data
