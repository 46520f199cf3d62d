// Placeholder until the real importers land (keeps the registry complete for callers).
#include "data/importers.h"

namespace rs::data {
namespace {
class Pending final : public Importer {
public:
    explicit Pending(std::string n) : name_(std::move(n)) {}
    std::string name() const override { return name_; }
    std::string description() const override { return name_ + " (not implemented yet)"; }
    bool detect(const std::filesystem::path&) const override { return false; }
    util::Result<ImportedData> run(const ImportOptions&, const util::Task&) const override {
        return util::Error{name_ + ": importer not implemented yet"};
    }

private:
    std::string name_;
};
}  // namespace
std::unique_ptr<Importer> makeRecBoleImporter() { return std::make_unique<Pending>("recbole"); }
std::unique_ptr<Importer> makeItemSequencesImporter() { return std::make_unique<Pending>("item-sequences"); }
std::unique_ptr<Importer> makeGenericImporter(const std::string& format) { return std::make_unique<Pending>(format); }
}  // namespace rs::data
