#include <gtest/gtest.h>

#include "agent/profilememory.h"
#include "agent/profilestore.h"
#include "index/titlematcher.h"
#include "llmagenttesthelpers.h"
#include "store/projectstore.h"

using namespace rs;
using namespace rs::agent;

namespace {
using Strings = std::vector<std::string>;

RuleExtractorOptions movieVocabulary() {
    RuleExtractorOptions o;
    o.attributeVocabulary = {"Action",      "Adventure", "Animation", "Children's", "Comedy", "Crime",
                             "Documentary", "Drama",     "Fantasy",   "Film-Noir",  "Horror", "Musical",
                             "Mystery",     "Romance",   "Sci-Fi",    "Thriller",   "War",    "Western"};
    return o;
}
}  // namespace

TEST(ProfileRules, LikedDislikedAndExpectedItemsAndAttributes) {
    const auto o = movieVocabulary();
    auto p = extractProfileByRules("Sci-fi movies from the 90s like Star Wars but not Alien", o);
    EXPECT_EQ(p.expected.attributes, (Strings{"Sci-Fi", "1990s"}));
    EXPECT_EQ(p.expected.items, (Strings{"Star Wars"}));
    EXPECT_EQ(p.disliked.items, (Strings{"Alien"}));
    EXPECT_TRUE(p.liked.empty());

    p = extractProfileByRules("I loved Toy Story and Babe. I hate horror!", o);
    EXPECT_EQ(p.liked.items, (Strings{"Toy Story", "Babe"}));
    EXPECT_EQ(p.disliked.attributes, (Strings{"Horror"}));

    p = extractProfileByRules("I really enjoyed Heat, recommend something similar to it", o);
    EXPECT_EQ(p.liked.items, (Strings{"Heat"}));

    p = extractProfileByRules("I didn't like Casino. Comedies please, no westerns", o);
    EXPECT_EQ(p.disliked.items, (Strings{"Casino"}));
    EXPECT_EQ(p.expected.attributes, (Strings{"Comedy"}));
    EXPECT_EQ(p.disliked.attributes, (Strings{"Western"}));

    p = extractProfileByRules("I hate Star Wars (1977). Something like (500) Days of Summer", o);
    EXPECT_EQ(p.disliked.items, (Strings{"Star Wars (1977)"})) << "a title's year in parentheses is kept";

    p = extractProfileByRules("roguelikes under $10 like FTL, except Spelunky", {});
    EXPECT_EQ(p.expected.attributes, (Strings{"under $10"}));
    EXPECT_EQ(p.expected.items, (Strings{"FTL"}));
    EXPECT_EQ(p.disliked.items, (Strings{"Spelunky"}));
}

TEST(ProfileRules, KnownTitlesKeepTheirAndAndJunkIsDropped) {
    auto o = movieVocabulary();
    const auto& catalog = *test::ml100kData().catalog;
    auto matcher = index::TitleMatcher::build(catalog);
    ASSERT_TRUE(matcher.isOk());
    o.isKnownTitle = [&](std::string_view t) {
        auto m = matcher->match(t, 1);
        return m.isOk() && !m->empty() && m->front().score >= 0.9;
    };
    auto p = extractProfileByRules("I loved Beauty and the Beast and Aladdin, but not too long please", o);
    EXPECT_EQ(p.liked.items, (Strings{"Beauty and the Beast", "Aladdin"}));
    EXPECT_TRUE(p.disliked.items.empty()) << p.disliked.items.front();
}

TEST(ProfileRules, AnyInputIsHandled) {
    EXPECT_TRUE(extractProfileByRules("").empty());
    EXPECT_TRUE(extractProfileByRules("\xff\xfe\x00 not", {}).liked.empty());
    std::string huge(1 << 20, 'a');
    huge += " I loved X";
    EXPECT_TRUE(extractProfileByRules(huge).liked.empty()) << "only the first 4 KiB is read";
    EXPECT_EQ(extractProfileByRules("top 10 movies").expected.attributes, Strings{}) << "10 is not a decade";
}

TEST(UserProfile, MergeLetsTheNewerStatementWin) {
    UserProfile a;
    a.liked.items = {"Heat"};
    a.disliked.attributes = {"Horror"};
    a.expected.items = {"Star Wars"};
    UserProfile b;
    b.disliked.items = {"heat"};
    b.liked.attributes = {"horror", "Comedy"};
    a.merge(b);
    EXPECT_EQ(a.liked.items, Strings{});
    EXPECT_EQ(a.disliked.items, Strings{"heat"});
    EXPECT_EQ(a.liked.attributes, (Strings{"horror", "Comedy"}));
    EXPECT_EQ(a.disliked.attributes, Strings{});
    EXPECT_EQ(a.expected.items, Strings{"Star Wars"}) << "no new expectation: the old one stays";
    UserProfile c;
    c.expected.attributes = {"1980s"};
    a.merge(c);
    EXPECT_EQ(a.expected.items, Strings{});
    EXPECT_EQ(a.expected.attributes, Strings{"1980s"});
}

TEST(UserProfile, JsonRoundTripAndBadFields) {
    UserProfile p;
    p.liked.items = {"Toy Story (1995)"};
    p.expected.attributes = {"Animation"};
    auto back = UserProfile::fromJson(p.toJson());
    ASSERT_TRUE(back.isOk());
    EXPECT_EQ(back->toJson(), p.toJson());
    EXPECT_EQ(p.toJson().size(), 6u);
    auto bad = UserProfile::fromJson({{"liked_items", "Heat"}});
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("liked_items"), std::string::npos);
    EXPECT_FALSE(UserProfile::fromJson({{"disliked_attributes", {1, 2}}}).isOk());
    EXPECT_TRUE(UserProfile::fromJson({{"comment", "ignored"}})->empty());
    EXPECT_EQ(UserProfile{}.describe(), "Nothing known yet.");
    EXPECT_NE(p.describe().find("Toy Story (1995)"), std::string::npos);
}

TEST(ProfileStore, ShortAndLongTermProfilesPersistInTheProjectFile) {
    const auto path = test::tempDir("profiles") / "p.rsproj";
    {
        auto project = store::ProjectStore::create(path);
        ASSERT_TRUE(project.isOk()) << project.message();
        ProfileStore profiles(project->database());
        EXPECT_TRUE(profiles.loadUser("ann")->empty()) << "a file without the tables reads as empty";
        EXPECT_TRUE(profiles.users()->empty());

        UserProfile turn1;
        turn1.liked.items = {"Toy Story"};
        turn1.expected.attributes = {"Animation"};
        auto conv = profiles.recordTurn("1", "ann", turn1);
        ASSERT_TRUE(conv.isOk()) << conv.message();
        UserProfile turn2;
        turn2.disliked.attributes = {"Horror"};
        conv = profiles.recordTurn("1", "ann", turn2);
        ASSERT_TRUE(conv.isOk());
        EXPECT_EQ(conv->liked.items, Strings{"Toy Story"});
        EXPECT_EQ(conv->disliked.attributes, Strings{"Horror"});
        EXPECT_EQ(conv->expected.attributes, Strings{"Animation"});
        // A second conversation of the same user adds to the long-term profile only.
        UserProfile other;
        other.liked.items = {"Heat"};
        ASSERT_TRUE(profiles.recordTurn("2", "ann", other).isOk());
        ASSERT_TRUE(profiles.recordTurn("3", "", other).isOk()) << "anonymous: short-term only";
    }
    auto project = store::ProjectStore::open(path);
    ASSERT_TRUE(project.isOk());
    ProfileStore profiles(project->database());
    auto ann = profiles.loadUser("ann");
    ASSERT_TRUE(ann.isOk());
    EXPECT_EQ(ann->liked.items, (Strings{"Toy Story", "Heat"}));
    EXPECT_EQ(ann->disliked.attributes, Strings{"Horror"});
    EXPECT_TRUE(ann->expected.empty()) << "expectations are about one request, not kept long-term";
    EXPECT_EQ(profiles.loadConversation("2")->liked.items, Strings{"Heat"});
    EXPECT_EQ(*profiles.users(), Strings{"ann"});
    EXPECT_FALSE(profiles.saveUser("", {}).isOk());
}

TEST(ProfileStore, AFailedWriteLeavesTheFileUnchanged) {
    const auto path = test::tempDir("profiles") / "p.rsproj";
    auto project = store::ProjectStore::create(path);
    ASSERT_TRUE(project.isOk());
    ProfileStore profiles(project->database());
    UserProfile p;
    p.liked.items = {"Heat"};
    ASSERT_TRUE(profiles.saveConversation("9", "bob", p).isOk());
    // A broken long-term row: recordTurn writes the conversation first, then fails on the user,
    // and the conversation write must be rolled back with it.
    ASSERT_TRUE(
        project->database().exec("INSERT INTO user_profiles VALUES ('bob', '{\"liked_items\": 5}', '')").isOk());
    UserProfile more;
    more.liked.items = {"Casino"};
    auto r = profiles.recordTurn("9", "bob", more);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("liked_items"), std::string::npos) << r.message();
    EXPECT_EQ(profiles.loadConversation("9")->liked.items, Strings{"Heat"});
}
