// SasRec: parameters, scoring and persistence. Training is in sasrectrain.cpp.
#include "sasrec/sasrec.h"

#include <cstring>

#include "models/binaryio.h"
#include "models/params.h"
#include "sasrec/sasrecnet.h"

namespace rs::models {

namespace {

const std::vector<std::string> kLossNames{"bce", "ce", "sampled"};

std::string lossName(SasRec::Loss l) {
    return kLossNames[static_cast<size_t>(l)];
}

}  // namespace

SasRec::SasRec() = default;
SasRec::~SasRec() = default;

util::Result<std::unique_ptr<Recommender>> SasRec::create(const Params& params) {
    auto m = std::make_unique<SasRec>();
    ParamReader r("sasrec", params);
    m->hp_.maxlen = static_cast<int32_t>(r.getInt("maxlen", m->hp_.maxlen, 1, 4096));
    if (r.has("dim") && r.has("hidden")) return util::Error{"sasrec: give 'dim' or its alias 'hidden', not both"};
    m->hp_.dim = static_cast<int32_t>(r.getInt(r.has("hidden") ? "hidden" : "dim", m->hp_.dim, 1, 4096));
    m->hp_.blocks = static_cast<int32_t>(r.getInt("blocks", m->hp_.blocks, 1, 64));
    m->hp_.heads = static_cast<int32_t>(r.getInt("heads", m->hp_.heads, 1, 64));
    m->hp_.dropout = r.getFloat("dropout", m->hp_.dropout, 0.0, 0.95);
    m->hp_.lr = r.getFloat("lr", m->hp_.lr, 1e-9, 10.0);
    m->hp_.batch = static_cast<int32_t>(r.getInt("batch", m->hp_.batch, 1, 1 << 20));
    m->hp_.epochs = static_cast<int32_t>(r.getInt("epochs", m->hp_.epochs, 1, 100000));
    m->hp_.patience = static_cast<int32_t>(r.getInt("patience", m->hp_.patience, 1, 100000));
    const std::string loss = r.getChoice("loss", lossName(m->hp_.loss), kLossNames);
    m->hp_.negatives = static_cast<int32_t>(r.getInt("negatives", m->hp_.negatives, 1, 1 << 20));
    m->hp_.seed = static_cast<uint64_t>(r.getInt("seed", 42, 0, INT64_MAX));
    m->threads_ = static_cast<int>(r.getInt("threads", m->threads_, 0, 1024));
    if (auto st = r.finish(); !st) return st;
    if (m->hp_.dim % m->hp_.heads != 0)
        return util::Error{"sasrec: parameter 'dim' (" + std::to_string(m->hp_.dim) +
                           ") must be divisible by 'heads' (" + std::to_string(m->hp_.heads) + ")"};
    for (size_t i = 0; i < kLossNames.size(); ++i)
        if (loss == kLossNames[i]) m->hp_.loss = static_cast<Loss>(i);
    return std::unique_ptr<Recommender>(std::move(m));
}

nlohmann::json SasRec::params() const {
    nlohmann::json p = {{"maxlen", hp_.maxlen},       {"dim", hp_.dim},         {"blocks", hp_.blocks},
                        {"heads", hp_.heads},         {"dropout", hp_.dropout}, {"lr", hp_.lr},
                        {"batch", hp_.batch},         {"epochs", hp_.epochs},   {"patience", hp_.patience},
                        {"loss", lossName(hp_.loss)}, {"seed", hp_.seed}};
    if (hp_.loss == Loss::Sampled) p["negatives"] = hp_.negatives;
    return p;
}

void SasRec::scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const {
    const auto n = static_cast<int64_t>(numItems_);
    if (n == 0 || queries.empty()) return;
    const auto q = static_cast<int64_t>(queries.size());
    if (!net_) {  // not fitted: no preference
        std::fill(out.begin(), out.begin() + q * n, 0.0f);
        return;
    }
    torch::NoGradGuard noGrad;
    std::vector<std::span<const int32_t>> rows;
    rows.reserve(queries.size());
    for (const auto& query : queries) rows.push_back(query.history);
    auto& net = net_->module;
    const auto seqs = sasrec::packSequences(rows, hp_.maxlen, n);
    const auto last = net->forward(seqs, nullptr).select(1, hp_.maxlen - 1);  // Q × dim
    auto scores = torch::from_blob(out.data(), {q, n}, torch::kFloat32);
    torch::mm_out(scores, last, net->embeddings().narrow(0, 1, n).t());
}

std::vector<float> SasRec::itemVectors() const {
    if (!net_) return {};
    torch::NoGradGuard noGrad;
    auto e = net_->module->embeddings().narrow(0, 1, numItems_).contiguous();
    return {e.data_ptr<float>(), e.data_ptr<float>() + e.numel()};
}

util::Status SasRec::save(std::ostream& out) const {
    if (!net_) return util::Status::error("sasrec: nothing to save, the model is not fitted");
    auto p = params();
    p["items"] = numItems_;
    io::writeHeader(out, name(), p.dump());
    torch::NoGradGuard noGrad;
    const auto named = net_->module->named_parameters();
    io::writePod<uint64_t>(out, named.size());
    for (const auto& item : named) {
        io::writeString(out, item.key());
        const auto t = item.value().contiguous();
        io::writeVec(out, std::vector<float>(t.data_ptr<float>(), t.data_ptr<float>() + t.numel()));
    }
    return out ? util::Status::ok() : util::Status::error("sasrec: write failed");
}

util::Status SasRec::load(std::istream& in) {
    auto header = io::readHeader(in, name());
    if (!header) return header.status();
    const auto p = nlohmann::json::parse(*header, nullptr, false);
    if (p.is_discarded() || !p.is_object()) return util::Status::error("sasrec: model file has bad parameters");
    Params given;
    int64_t items = 0;
    try {
        for (auto& [k, v] : p.items())
            if (k != "items") given[k] = v.is_string() ? v.get<std::string>() : v.dump();
        items = p.at("items").get<int64_t>();
    } catch (const std::exception& e) {
        return util::Status::error(std::string("sasrec: model file has bad parameters: ") + e.what());
    }
    auto fresh = create(given);
    if (!fresh) return util::Status::error("sasrec: model file has bad parameters: " + fresh.message());
    if (items < 0 || items > INT32_MAX) return util::Status::error("sasrec: model file has a bad item count");
    auto& m = static_cast<SasRec&>(**fresh);
    auto net = std::make_unique<Net>();
    net->module =
        sasrec::Net(sasrec::NetConfig{items, m.hp_.maxlen, m.hp_.dim, m.hp_.blocks, m.hp_.heads, m.hp_.dropout});
    torch::NoGradGuard noGrad;
    auto named = net->module->named_parameters();
    uint64_t count = 0;
    if (!io::readPod(in, count) || count != named.size())
        return util::Status::error("sasrec: model file is inconsistent (parameter count)");
    for (auto& item : named) {
        std::string key;
        std::vector<float> values;
        auto& t = item.value();
        if (!io::readString(in, key, 256) || !io::readVec(in, values, static_cast<uint64_t>(t.numel())))
            return util::Status::error("sasrec: model file truncated");
        if (key != item.key() || static_cast<int64_t>(values.size()) != t.numel())
            return util::Status::error("sasrec: model file is inconsistent (parameter '" + key + "')");
        std::memcpy(t.data_ptr<float>(), values.data(), values.size() * sizeof(float));
    }
    hp_ = m.hp_;  // threads_ stays: a run-time choice of this process, not part of the fitted state
    numItems_ = static_cast<int32_t>(items);
    net_ = std::move(net);
    return util::Status::ok();
}

}  // namespace rs::models
