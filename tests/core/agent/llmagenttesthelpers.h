#pragma once
// Shared set-up for the LLM-side agent tests: the shipped resources, tools over the real ml-100k
// and Steam catalogs (built once per executable), and a scripted OpenAI-compatible server with a
// profile pointing at it.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "agent/demonstrations.h"
#include "agent/llmagent.h"
#include "agent/prompttemplates.h"
#include "agent/tools.h"
#include "agent/toolsdata.h"
#include "catalogfixtures.h"
#include "core/llm/llmtesthelpers.h"
#include "llm/chatclient.h"
#include "llm/profile.h"
#include "support/scriptedllmserver.h"

namespace rs::test {

inline std::filesystem::path resourcesDir() {
    return std::filesystem::path(RECSCOPE_SOURCE_DIR) / "resources";
}

inline const data::ImportedData& ml100kData() {
    return ml100kProject().imported;
}
inline const data::ImportedData& steamGamesData() {
    return steamProject().imported;
}

inline const agent::PromptLibrary& prompts(const std::string& domain) {
    static const auto movie = agent::PromptLibrary::load(resourcesDir() / "prompts", "movie");
    static const auto game = agent::PromptLibrary::load(resourcesDir() / "prompts", "game");
    const auto& lib = domain == "movie" ? movie : game;
    EXPECT_TRUE(lib.isOk()) << lib.message();
    return *lib;
}

inline const agent::DemonstrationRetriever& demonstrations(const std::string& domain) {
    auto build = [](const std::string& d) {
        auto demos = agent::loadDemonstrations(resourcesDir() / "demos" / (d + ".jsonl"));
        EXPECT_TRUE(demos.isOk()) << demos.message();
        auto r = agent::DemonstrationRetriever::buildOffline(demos.isOk() ? std::move(*demos)
                                                                          : std::vector<agent::Demonstration>{});
        EXPECT_TRUE(r.isOk()) << r.message();
        return std::move(*r);
    };
    static const auto movie = build("movie");
    static const auto game = build("game");
    return domain == "movie" ? movie : game;
}

inline ScriptedReply reply(const std::string& content) {
    ScriptedReply r;
    r.content = content;
    return r;
}

inline const char* const kMovieTable =
    "items(item_id TEXT, title TEXT, year INTEGER, genres TAGS, release_date DATE 'YYYY-MM-DD', imdb_url TEXT)";
inline const char* const kGameTable =
    "items(item_id TEXT, title TEXT, price REAL, release_date DATE, genres TAGS, tags TAGS, specs TAGS, developer "
    "TEXT, publisher TEXT, sentiment TEXT, metascore INTEGER, early_access INTEGER, price_text TEXT)";

// One LlmAgent conversation over a dataset's tools, talking to its own scripted server.
struct AgentRig {
    explicit AgentRig(std::shared_ptr<const agent::ToolsData> data, const std::string& domain,
                      agent::LlmAgentOptions o = {}) {
        EXPECT_TRUE(server.start());
        auto t = agent::Tools::create(std::move(data));
        EXPECT_TRUE(t.isOk()) << t.message();
        tools = std::make_unique<agent::Tools>(std::move(*t));
        client = std::make_unique<llm::ChatClient>(scriptedProfile(server));
        o.table = domain == "movie" ? kMovieTable : kGameTable;
        agent = std::make_unique<agent::LlmAgent>(*tools, *client, prompts(domain), &demonstrations(domain), o);
        agent->setConversationId("1");
    }
    ~AgentRig() {
        // The client's kept-alive connection would hold stop() for the server's keep-alive timeout.
        agent.reset();
        client.reset();
        server.stop();
    }

    // One turn; the planner's and writer's replies are queued in the order they will be asked.
    agent::TurnTrace turn(const std::string& message, const std::vector<std::string>& replies) {
        for (const auto& r : replies) server.enqueue(reply(r));
        streamed.clear();
        return agent->turn(message, [&](std::string_view t) { streamed += t; });
    }
    std::vector<std::string> roles(const agent::TurnTrace& t) const {
        std::vector<std::string> r;
        for (const auto& c : t.llmCalls) r.push_back(c.role);
        return r;
    }
    // The system prompt the server received in request i (0-based) of this server's life.
    std::string systemPromptOf(size_t i) const {
        const auto reqs = server.requests();
        return i < reqs.size() ? reqs[i].json["messages"][0]["content"].get<std::string>() : "";
    }

    ScriptedLlmServer server;
    std::unique_ptr<agent::Tools> tools;
    std::unique_ptr<llm::ChatClient> client;
    std::unique_ptr<agent::LlmAgent> agent;
    std::string streamed;
};

}  // namespace rs::test
