#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "agent/prompttemplates.h"
#include "testenv.h"

using namespace rs::agent;

namespace {
std::filesystem::path promptsDir() {
    return std::filesystem::path(RECSCOPE_SOURCE_DIR) / "resources" / "prompts";
}
}  // namespace

TEST(PromptTemplate, ReplacesPlaceholdersVerbatimWithoutRescanning) {
    auto t = PromptTemplate::parse("Hello {{name}}, {{ what }}!\n{{name}}", "<inline>");
    ASSERT_TRUE(t.isOk()) << t.message();
    EXPECT_EQ(t->variables(), (std::vector<std::string>{"name", "what"}));
    auto r = t->render({{"name", "{{what}}"}, {"what", "bye"}, {"unused", "x"}});
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(*r, "Hello {{what}}, bye!\n{{what}}");
}

TEST(PromptTemplate, KeepsSingleBracesOfJsonExamples) {
    auto t =
        PromptTemplate::parse(R"js({"intent": "recommend", "plan": [{"tool": "map", "input": {"n": 10}}]})js", "x");
    ASSERT_TRUE(t.isOk()) << t.message();
    EXPECT_TRUE(t->variables().empty());
    EXPECT_EQ(*t->render({}), t->text());
}

TEST(PromptTemplate, MissingVariableNamesFileAndLine) {
    auto t = PromptTemplate::parse("line one\nline two {{table}}\n", "planner.md");
    ASSERT_TRUE(t.isOk());
    auto r = t->render({{"tables", "x"}});
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "planner.md:2: no value for {{table}}");
}

TEST(PromptTemplate, MalformedPlaceholdersFailWithTheLine) {
    auto unclosed = PromptTemplate::parse("a\nb {{name\n", "t.md");
    ASSERT_FALSE(unclosed.isOk());
    EXPECT_NE(unclosed.message().find("t.md:2:"), std::string::npos) << unclosed.message();
    auto nested = PromptTemplate::parse("{{a {{b}}", "t.md");
    EXPECT_FALSE(nested.isOk());
    auto bad = PromptTemplate::parse("x {{two words}} y", "t.md");
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("{{two words}}"), std::string::npos) << bad.message();
    auto empty = PromptTemplate::parse("{{}}", "t.md");
    EXPECT_FALSE(empty.isOk());
}

TEST(PromptTemplate, MissingFileIsNamed) {
    auto t = PromptTemplate::load("/nonexistent/planner.md");
    ASSERT_FALSE(t.isOk());
    EXPECT_NE(t.message().find("/nonexistent/planner.md"), std::string::npos);
}

TEST(PromptLibrary, ShipsEveryKindForMoviesAndGames) {
    EXPECT_EQ(promptDomains(promptsDir()), (std::vector<std::string>{"game", "movie"}));
    for (const std::string domain : {"movie", "game"}) {
        auto lib = PromptLibrary::load(promptsDir(), domain);
        ASSERT_TRUE(lib.isOk()) << lib.message();
        // The planner must get the table description, demonstrations and profile.
        auto planner = lib->get("planner");
        ASSERT_TRUE(planner.isOk());
        const auto vars = (*planner)->variables();
        for (const char* v : {"table", "demonstrations", "profile", "candidates", "history"})
            EXPECT_NE(std::find(vars.begin(), vars.end(), v), vars.end()) << domain << " planner lacks {{" << v << "}}";
        // Every tool of the plan format is described.
        for (const char* tool : {"store_candidates", "lookup", "hard_filter", "soft_filter", "rank", "map"})
            EXPECT_NE((*planner)->text().find(std::string("\"") + tool + "\""), std::string::npos) << tool;
        // Each kind renders once every variable it uses has a value.
        for (auto kind : kPromptKinds) {
            auto t = lib->get(kind);
            ASSERT_TRUE(t.isOk()) << kind;
            PromptVars vars;
            for (const auto& v : (*t)->variables()) vars[v] = "<" + v + ">";
            auto r = (*t)->render(vars);
            ASSERT_TRUE(r.isOk()) << r.message();
            EXPECT_EQ(r->find("{{"), std::string::npos) << domain << "/" << kind;
            EXPECT_NE(r->find(domain), std::string::npos) << domain << "/" << kind << " never names its domain";
        }
    }
}

TEST(PromptLibrary, UnknownDomainAndKindAreClearErrors) {
    auto lib = PromptLibrary::load(promptsDir(), "book");
    ASSERT_FALSE(lib.isOk());
    EXPECT_NE(lib.message().find("book"), std::string::npos);
    EXPECT_NE(lib.message().find("movie"), std::string::npos) << "should list the known domains: " << lib.message();
    EXPECT_FALSE(PromptLibrary::load(promptsDir(), "../movie").isOk());
    auto movie = PromptLibrary::load(promptsDir(), "movie");
    ASSERT_TRUE(movie.isOk());
    EXPECT_FALSE(movie->get("poem").isOk());
}

TEST(PromptLibrary, AMissingKindFileFailsNamingIt) {
    const auto dir = rs::test::tempDir("prompts");
    std::filesystem::create_directories(dir / "movie");
    for (auto kind : kPromptKinds)
        if (kind != "critic") std::ofstream(dir / "movie" / (std::string(kind) + ".md")) << "x";
    auto lib = PromptLibrary::load(dir, "movie");
    ASSERT_FALSE(lib.isOk());
    EXPECT_NE(lib.message().find("critic.md"), std::string::npos) << lib.message();
}

TEST(PromptLibrary, DefaultResourceDirFindsTheShippedPrompts) {
    const auto dir = defaultResourceDir();
    EXPECT_TRUE(std::filesystem::is_directory(dir / "prompts" / "movie")) << dir;
}
