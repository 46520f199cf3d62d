#include "models/pop.h"

#include <algorithm>

#include "models/binaryinteractions.h"
#include "models/binaryio.h"
#include "models/params.h"

namespace rs::models {

util::Result<std::unique_ptr<Recommender>> Pop::create(const Params& params) {
    ParamReader r("pop", params);
    r.getInt("threads", 0, 0, 1024);
    if (auto st = r.finish(); !st) return st;
    return std::unique_ptr<Recommender>(std::make_unique<Pop>());
}

util::Status Pop::fit(const data::Dataset& train, const util::Task& task) {
    task.report(0.0, "counting");
    if (task.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));
    const auto m = BinaryInteractions::build(train);
    numItems_ = m.numItems;
    counts_.assign(static_cast<size_t>(numItems_), 0.0f);
    for (int32_t i = 0; i < numItems_; ++i) counts_[i] = static_cast<float>(m.itemOffsets[i + 1] - m.itemOffsets[i]);
    task.report(1.0, "done");
    return util::Status::ok();
}

void Pop::scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const {
    for (size_t q = 0; q < queries.size(); ++q)
        std::copy(counts_.begin(), counts_.end(), out.begin() + static_cast<std::ptrdiff_t>(q * counts_.size()));
}

util::Status Pop::save(std::ostream& out) const {
    io::writeHeader(out, name(), params().dump());
    io::writeVec(out, counts_);
    return out ? util::Status::ok() : util::Status::error("pop: write failed");
}

util::Status Pop::load(std::istream& in) {
    auto header = io::readHeader(in, name());
    if (!header) return header.status();
    std::vector<float> counts;
    if (!io::readVec(in, counts, uint64_t{1} << 31)) return util::Status::error("pop: model file truncated");
    counts_ = std::move(counts);
    numItems_ = static_cast<int32_t>(counts_.size());
    return util::Status::ok();
}

}  // namespace rs::models
