// Model registry, spec parsing and parameter validation.
#include <gtest/gtest.h>

#include "models/recommender.h"

using namespace rs;

TEST(ModelRegistry, ListsTheBuiltInModels) {
    const auto names = models::modelNames();
    EXPECT_EQ(names, (std::vector<std::string>{"pop", "itemknn", "ease", "als", "bpr", "sasrec"}));
    for (const auto& n : names) {
        auto m = models::createRecommender(n);
        ASSERT_TRUE(m.isOk()) << n << ": " << m.message();
        EXPECT_EQ((*m)->name(), n);
    }
}

TEST(ModelRegistry, UnknownModelNamesTheKnownOnes) {
    auto m = models::createRecommender("gru4rec");
    ASSERT_FALSE(m.isOk());
    EXPECT_NE(m.message().find("gru4rec"), std::string::npos) << m.message();
    EXPECT_NE(m.message().find("ease"), std::string::npos) << m.message();
}

TEST(ModelParams, DefaultsAreReported) {
    auto m = models::createRecommender("ease");
    ASSERT_TRUE(m.isOk());
    EXPECT_TRUE((*m)->params().contains("lambda"));
    auto knn = models::createRecommender("itemknn", {{"k", "7"}, {"shrink", "2.5"}});
    ASSERT_TRUE(knn.isOk()) << knn.message();
    EXPECT_EQ((*knn)->params()["k"], 7);
    EXPECT_DOUBLE_EQ((*knn)->params()["shrink"].get<double>(), 2.5);
}

TEST(ModelParams, BadValuesNameModelAndKey) {
    struct Case {
        std::string model, key, value;
    };
    for (const auto& c : std::vector<Case>{{"ease", "lambda", "abc"},
                                           {"ease", "lambda", "-1"},
                                           {"itemknn", "k", "2.5"},
                                           {"itemknn", "k", "0"},
                                           {"als", "factors", ""},
                                           {"als", "iterations", "1e3"},
                                           {"bpr", "lr", "nan"},
                                           {"bpr", "epochs", "12x"},
                                           {"pop", "threads", "-2"}}) {
        auto m = models::createRecommender(c.model, {{c.key, c.value}});
        ASSERT_FALSE(m.isOk()) << c.model << " " << c.key << "=" << c.value;
        EXPECT_NE(m.message().find(c.model), std::string::npos) << m.message();
        EXPECT_NE(m.message().find("'" + c.key + "'"), std::string::npos) << m.message();
    }
}

TEST(ModelParams, UnknownKeyIsRejected) {
    auto m = models::createRecommender("ease", {{"lamda", "300"}});
    ASSERT_FALSE(m.isOk());
    EXPECT_NE(m.message().find("unknown parameter 'lamda'"), std::string::npos) << m.message();
    EXPECT_NE(m.message().find("lambda"), std::string::npos) << "lists the known keys: " << m.message();
}

TEST(ModelSpec, ParsesNameAndParameters) {
    auto s = models::parseModelSpec("ease:lambda=300,threads=2");
    ASSERT_TRUE(s.isOk()) << s.message();
    EXPECT_EQ(s->first, "ease");
    EXPECT_EQ(s->second, (models::Params{{"lambda", "300"}, {"threads", "2"}}));
    auto bare = models::parseModelSpec("pop");
    ASSERT_TRUE(bare.isOk());
    EXPECT_EQ(bare->first, "pop");
    EXPECT_TRUE(bare->second.empty());
}

TEST(ModelSpec, RejectsMalformedSpecs) {
    for (const std::string bad :
         {"", ":lambda=3", "ease:", "ease:lambda", "ease:=3", "ease:lambda=1,lambda=2", "ea se"}) {
        auto s = models::parseModelSpec(bad);
        EXPECT_FALSE(s.isOk()) << "'" << bad << "' parsed";
    }
}

TEST(ModelSpec, ListContinuesParametersOfThePreviousModel) {
    auto l = models::parseModelList("pop,ease:lambda=300,threads=2,als, bpr:epochs=5");
    ASSERT_TRUE(l.isOk()) << l.message();
    ASSERT_EQ(l->size(), 4u);
    EXPECT_EQ((*l)[0].first, "pop");
    EXPECT_TRUE((*l)[0].second.empty());
    EXPECT_EQ((*l)[1].first, "ease");
    EXPECT_EQ((*l)[1].second, (models::Params{{"lambda", "300"}, {"threads", "2"}}));
    EXPECT_EQ((*l)[2].first, "als");
    EXPECT_EQ((*l)[3].first, "bpr");
    EXPECT_EQ((*l)[3].second.at("epochs"), "5");
}

TEST(ModelSpec, ListRejectsParametersBeforeAnyModelAndEmptyEntries) {
    EXPECT_FALSE(models::parseModelList("k=3,itemknn").isOk());
    EXPECT_FALSE(models::parseModelList("pop,,ease").isOk());
    EXPECT_FALSE(models::parseModelList("").isOk());
    EXPECT_FALSE(models::parseModelList("ease:lambda=1,lambda=2").isOk());
}
