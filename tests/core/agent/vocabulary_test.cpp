// Vocabulary snapping, the SQL lexer the sandbox rewrites with, and the table description.
#include <gtest/gtest.h>

#include "agent/sqltokens.h"
#include "agent/tabledescription.h"
#include "agent/tools.h"
#include "agent/vocabulary.h"
#include "catalogfixtures.h"

namespace rs::agent {
namespace {

TEST(Vocabulary, SnapsSpellingVariantsButNotOtherWords) {
    Vocabulary v({{"Sci-Fi", 101}, {"Comedy", 505}, {"Children's", 122}, {"RPG", 5479}, {"Open World", 900}});
    EXPECT_EQ(v.nearest("Sci-Fi")->exact, true);
    EXPECT_EQ(v.nearest("scifi")->value, "Sci-Fi");
    EXPECT_EQ(v.nearest("sci fi")->value, "Sci-Fi");
    EXPECT_EQ(v.nearest("rpg")->value, "RPG");
    EXPECT_EQ(v.nearest("childrens")->value, "Children's");
    EXPECT_EQ(v.nearest("comdy")->value, "Comedy");
    EXPECT_EQ(v.nearest("openworld")->value, "Open World");
    EXPECT_FALSE(v.nearest("drama").has_value());
    EXPECT_FALSE(v.nearest("rts").has_value()) << "a different short word is not a typo";
    EXPECT_FALSE(v.nearest("").has_value());
    EXPECT_EQ(v.findIn("some sci-fi comedies in an open world"),
              (std::vector<std::string>{"Sci-Fi", "Comedy", "Open World"}));
}

TEST(Vocabulary, EditDistanceStopsEarly) {
    EXPECT_EQ(editDistance("comedy", "comdey", 3), 1);  // a transposition is one edit
    EXPECT_EQ(editDistance("abc", "xyz", 1), 2);
    EXPECT_EQ(editDistance("", "abc", 5), 3);
}

TEST(SqlTokens, RoundTripAndValues) {
    const std::string sql = "SELECT \"a\"\"b\", [c] FROM items -- x\nWHERE t = 'it''s' AND n <= 1.5e3 /* c */;";
    const auto tokens = tokenizeSql(sql);
    EXPECT_EQ(joinTokens(tokens), sql);
    std::vector<std::string> names, strings;
    for (const auto& t : tokens) {
        if (t.kind == SqlTokenKind::Quoted) names.push_back(tokenName(t));
        if (t.kind == SqlTokenKind::String) strings.push_back(stringValue(t));
    }
    EXPECT_EQ(names, (std::vector<std::string>{"a\"b", "c"}));
    EXPECT_EQ(strings, std::vector<std::string>{"it's"});
    EXPECT_EQ(quoteSqlString("it's"), "'it''s'");
    EXPECT_TRUE(onlySpaceOrComments(" ; -- done\n /* x */ ;"));
    EXPECT_FALSE(onlySpaceOrComments("; DROP TABLE x"));
    EXPECT_EQ(joinTokens(tokenizeSql("'unterminated")), "'unterminated");
}

TEST(TableDescription, ListsColumnsStatsAndHintsNearTheUsersWords) {
    auto data = test::ml100kTools();
    auto tools = Tools::create(data);
    ASSERT_TRUE(tools.isOk()) << tools.message();
    TableDescriptionOptions o;
    o.userText = "scifi from the nineties, maybe a thriler";
    const std::string d = describeTable(*data, tools->sql().columns(), o);
    EXPECT_NE(d.find("items(item_id TEXT, title TEXT, year INTEGER, genres TEXT"), std::string::npos) << d;
    EXPECT_NE(d.find("1682 movies"), std::string::npos) << d;
    EXPECT_NE(d.find("min 1922, max 1998"), std::string::npos) << d;
    EXPECT_NE(d.find("median"), std::string::npos) << d;
    EXPECT_NE(d.find("near your words: Sci-Fi, Thriller"), std::string::npos) << d;
    EXPECT_NE(d.find("others: Drama, Comedy"), std::string::npos) << d;
    EXPECT_NE(d.find("release_date TEXT: release date, ISO text 'YYYY-MM-DD'; min 19"), std::string::npos) << d;
    EXPECT_LT(d.size(), 1500u) << "compact";
}

}  // namespace
}  // namespace rs::agent
