#pragma once
// Shared set-up for the LLM-side agent tests: the shipped resources, tools over the real ml-100k
// and Steam catalogs (built once per executable), and a scripted OpenAI-compatible server with a
// profile pointing at it.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "agent/demonstrations.h"
#include "agent/prompttemplates.h"
#include "agent/tools.h"
#include "agent/toolsdata.h"
#include "catalogfixtures.h"
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

inline llm::EndpointProfile scriptedAgentProfile(const ScriptedLlmServer& server) {
    llm::EndpointProfile p;
    p.name = "scripted";
    p.baseUrl = server.baseUrl();
    p.model = "test-model";
    p.local = true;
    p.timeouts.connectSeconds = 2;
    p.timeouts.firstByteSeconds = 2;
    p.timeouts.idleSeconds = 2;
    p.timeouts.totalSeconds = 10;
    p.retry.maxRetries = 2;
    p.retry.initialBackoffSeconds = 0.01;
    p.retry.maxBackoffSeconds = 0.05;
    return p;
}

inline ScriptedReply reply(const std::string& content) {
    ScriptedReply r;
    r.content = content;
    return r;
}

}  // namespace rs::test
