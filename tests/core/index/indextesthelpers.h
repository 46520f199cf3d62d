#pragma once
// Shared fixtures for the index tests: the real ml-100k catalog, its item texts (title, year,
// genres) and a fitted TF-IDF embedder, loaded once per test executable.
#include <gtest/gtest.h>

#include "data/importer.h"
#include "index/itemtext.h"
#include "index/tfidfembedder.h"
#include "testenv.h"

namespace rs::test {

struct Ml100kTexts {
    data::ImportedData imported;
    std::vector<std::string> texts;  // one per catalog row
};

inline const Ml100kTexts& ml100kTexts() {
    static const Ml100kTexts data = [] {
        Ml100kTexts d;
        data::ImportOptions o;
        o.path = dataDir("ml-100k");
        o.format = "movielens-100k";
        auto r = data::importData(o);
        EXPECT_TRUE(r.isOk()) << r.message();
        if (r) d.imported = std::move(*r);
        if (d.imported.catalog) d.texts = index::itemTexts(*d.imported.catalog);
        return d;
    }();
    EXPECT_EQ(data.texts.size(), 1682u) << "ml-100k catalog missing or incomplete";
    return data;
}

inline index::TfidfEmbedder fittedTfidf(index::TfidfOptions o = {}) {
    index::TfidfEmbedder e(o);
    auto s = e.fit(ml100kTexts().texts, {});
    EXPECT_TRUE(s.isOk()) << s.message();
    return e;
}

inline float dot(std::span<const float> a, std::span<const float> b) {
    float s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

}  // namespace rs::test
