#include "index/tfidfembedder.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstring>
#include <istream>
#include <ostream>
#include <unordered_set>

#include "models/parallel.h"
#include "models/params.h"

namespace rs::index {

namespace {

constexpr char kMagic[8] = {'R', 'S', 'T', 'F', 'I', 'D', 'F', '1'};

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// splitmix64's finaliser: spreads FNV's weak low bits before taking a bucket and a sign.
uint64_t mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

bool isWordByte(unsigned char c) {
    return std::isalnum(c) || c >= 0x80;  // UTF-8 lead/continuation bytes belong to words
}

// Calls onFeature(hash, isWord) for every word and every character n-gram of every word.
// Word hashes and n-gram hashes use different FNV seeds so "the" the word and "the" the trigram
// are different features.
template <class Fn>
void forEachFeature(std::string_view text, const TfidfOptions& o, Fn&& onFeature) {
    std::string word;
    std::string padded;
    auto flush = [&] {
        if (word.empty()) return;
        onFeature(fnv1a(word), true);
        padded.assign(1, ' ');
        padded += word;
        padded += ' ';
        const int32_t len = static_cast<int32_t>(padded.size());
        for (int32_t n = o.ngramMin; n <= o.ngramMax; ++n)
            for (int32_t i = 0; i + n <= len; ++i)
                onFeature(fnv1a(std::string_view(padded).substr(size_t(i), size_t(n)), 0xcbf29ce484222325ull ^ 0x5a5a),
                          false);
        word.clear();
    };
    for (unsigned char c : text) {
        if (isWordByte(c))
            word += static_cast<char>(std::tolower(c));
        else
            flush();
    }
    flush();
}

}  // namespace

util::Result<TfidfOptions> TfidfOptions::fromParams(const Params& params) {
    models::ParamReader r("tfidf", params);
    TfidfOptions o;
    o.dim = static_cast<int32_t>(r.getInt("dim", o.dim, 8, 1 << 16));
    o.ngramMin = static_cast<int32_t>(r.getInt("nmin", o.ngramMin, 1, 16));
    o.ngramMax = static_cast<int32_t>(r.getInt("nmax", o.ngramMax, 0, 16));
    o.wordWeight = static_cast<float>(r.getFloat("word_weight", o.wordWeight, 0.0, 1e3));
    o.charWeight = static_cast<float>(r.getFloat("char_weight", o.charWeight, 0.0, 1e3));
    o.threads = static_cast<int32_t>(r.getInt("threads", o.threads, 0, 1024));
    if (auto s = r.finish(); !s) return s;
    if (o.ngramMax != 0 && o.ngramMax < o.ngramMin)
        return util::Error{"tfidf: nmax (" + std::to_string(o.ngramMax) + ") is below nmin (" +
                           std::to_string(o.ngramMin) + "); use nmax=0 for no character n-grams"};
    if (o.wordWeight == 0 && (o.charWeight == 0 || o.ngramMax == 0))
        return util::Error{"tfidf: every feature group has weight 0"};
    return o;
}

TfidfEmbedder::TfidfEmbedder(TfidfOptions options) : options_(options) {}

std::string TfidfEmbedder::name() const {
    auto fmt = [](float v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    return "tfidf:dim=" + std::to_string(options_.dim) + ",nmin=" + std::to_string(options_.ngramMin) +
           ",nmax=" + std::to_string(options_.ngramMax) + ",ww=" + fmt(options_.wordWeight) +
           ",cw=" + fmt(options_.charWeight);
}

util::Status TfidfEmbedder::fit(std::span<const std::string> corpus, const util::Task& task) {
    if (corpus.empty()) return util::Status::error("tfidf: cannot fit on an empty corpus");
    std::unordered_map<uint64_t, int64_t> df;
    std::unordered_set<uint64_t> seen;
    for (size_t d = 0; d < corpus.size(); ++d) {
        if (d % 4096 == 0) {
            if (task.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));
            task.report(static_cast<double>(d) / static_cast<double>(corpus.size()), "fitting tf-idf");
        }
        seen.clear();
        forEachFeature(corpus[d], options_, [&](uint64_t h, bool) { seen.insert(h); });
        for (uint64_t h : seen) ++df[h];
    }
    numDocs_ = static_cast<int64_t>(corpus.size());
    idf_.clear();
    idf_.reserve(df.size());
    const double n = static_cast<double>(numDocs_);
    for (const auto& [h, count] : df)
        idf_.emplace(h, static_cast<float>(std::log((1.0 + n) / (1.0 + static_cast<double>(count))) + 1.0));
    task.report(1.0, "fitting tf-idf");
    return util::Status::ok();
}

void TfidfEmbedder::embedOne(const std::string& text, std::span<float> out) const {
    std::fill(out.begin(), out.end(), 0.0f);
    // Counts per feature, kept in two small maps (a title has tens of features, not thousands).
    std::unordered_map<uint64_t, int32_t> words, grams;
    forEachFeature(text, options_, [&](uint64_t h, bool isWord) {
        if (idf_.count(h)) ++(isWord ? words : grams)[h];
    });
    const auto dim = static_cast<uint64_t>(options_.dim);
    auto addGroup = [&](const std::unordered_map<uint64_t, int32_t>& counts, float weight) {
        if (counts.empty() || weight == 0) return;
        double norm2 = 0;
        std::vector<std::pair<uint64_t, float>> w;
        w.reserve(counts.size());
        for (const auto& [h, c] : counts) {
            const float v = (1.0f + std::log(static_cast<float>(c))) * idf_.at(h);
            w.emplace_back(h, v);
            norm2 += double(v) * v;
        }
        const float scale = weight / static_cast<float>(std::sqrt(norm2));
        for (const auto& [h, v] : w) {
            const uint64_t m = mix(h);
            out[m % dim] += (m >> 63 ? -1.0f : 1.0f) * v * scale;
        }
    };
    addGroup(words, options_.wordWeight);
    addGroup(grams, options_.charWeight);
    l2NormalizeRows(out, options_.dim);
}

util::Result<std::vector<float>> TfidfEmbedder::embed(std::span<const std::string> texts,
                                                      const util::Task& task) const {
    if (!fitted()) return util::Error{"tfidf: the embedder is not fitted (call fit() on the catalog texts first)"};
    const auto dim = static_cast<size_t>(options_.dim);
    std::vector<float> out(texts.size() * dim);
    std::atomic<int64_t> done{0};
    const int64_t n = static_cast<int64_t>(texts.size());
    models::parallelFor(n, models::resolveThreads(options_.threads), 256, [&](int64_t b, int64_t e, int) {
        if (task.cancelled()) return false;
        for (int64_t i = b; i < e; ++i) embedOne(texts[size_t(i)], {out.data() + size_t(i) * dim, dim});
        task.report(static_cast<double>(done += e - b) / static_cast<double>(n), "embedding");
        return true;
    });
    if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
    return out;
}

util::Status TfidfEmbedder::save(std::ostream& out) const {
    if (!fitted()) return util::Status::error("tfidf: nothing to save, the embedder is not fitted");
    auto put = [&](const auto& v) { out.write(reinterpret_cast<const char*>(&v), sizeof v); };
    out.write(kMagic, sizeof kMagic);
    put(options_.dim);
    put(options_.ngramMin);
    put(options_.ngramMax);
    put(options_.wordWeight);
    put(options_.charWeight);
    put(numDocs_);
    put(static_cast<uint64_t>(idf_.size()));
    // Sorted so the same fitted state always gives the same bytes.
    std::vector<std::pair<uint64_t, float>> entries(idf_.begin(), idf_.end());
    std::sort(entries.begin(), entries.end());
    for (const auto& [h, v] : entries) {
        put(h);
        put(v);
    }
    if (!out) return util::Status::error("tfidf: writing the fitted state failed");
    return util::Status::ok();
}

util::Status TfidfEmbedder::load(std::istream& in) {
    auto get = [&](auto& v) { return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v)); };
    char magic[sizeof kMagic] = {};
    if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
        return util::Status::error("tfidf: not a saved tf-idf embedder (bad magic)");
    TfidfOptions o = options_;
    int64_t docs = 0;
    uint64_t count = 0;
    if (!get(o.dim) || !get(o.ngramMin) || !get(o.ngramMax) || !get(o.wordWeight) || !get(o.charWeight) || !get(docs) ||
        !get(count))
        return util::Status::error("tfidf: saved state is truncated (header)");
    if (o.dim < 8 || o.dim > (1 << 16) || docs <= 0 || count > (uint64_t(1) << 32))
        return util::Status::error("tfidf: saved state is corrupt (header values out of range)");
    std::unordered_map<uint64_t, float> idf;
    idf.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
        uint64_t h = 0;
        float v = 0;
        if (!get(h) || !get(v)) return util::Status::error("tfidf: saved state is truncated (vocabulary)");
        idf.emplace(h, v);
    }
    options_ = o;
    numDocs_ = docs;
    idf_ = std::move(idf);
    return util::Status::ok();
}

}  // namespace rs::index
