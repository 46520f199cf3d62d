// Agent turns with the built-in planner (no LLM), end to end, on ml-100k and on the Steam games
// catalog (~32k items, resources/mappings/steam-games.json).
//
//   agent_bench [turns]        default 100 turns per domain; data from RECSCOPE_DATA_DIR
//
// Each domain cycles through a fixed list of realistic requests (recommendations with hard and
// soft conditions, exclusions, follow-ups, look-ups, chit-chat) in one conversation. Reported per
// domain: the median and 90th percentile of
//   total  Conversation::turn() — rule planning (title grounding included), tools, bus
//          snapshots, trace and answer template;                                 target < 50 ms
//   tools  Executor::run() — tools, grounding of titles in the plan, bus bookkeeping and trace
//          steps;                                                                 target < 20 ms
// and the same for recommendation turns alone. Setup (import, project file, ToolsData: title
// matcher, item vectors, EASE on ml-100k) is timed once and reported apart.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/conversation.h"
#include "benchdata.h"
#include "data/importer.h"
#include "store/projectstore.h"

namespace {

using namespace rs;
using Clock = std::chrono::steady_clock;

double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))];
}

util::Result<data::ImportedData> importDomain(const std::string& name) {
    if (name != "ml-100k") return bench::importSteamGames();
    data::ImportOptions io;
    io.path = bench::dataDir() / "ml-100k";
    io.format = "movielens-100k";
    return data::importData(io);
}

int runDomain(const std::string& name, const std::vector<std::string>& requests, int turns) {
    const auto t0 = Clock::now();
    auto imported = importDomain(name);
    if (!imported) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), imported.message().c_str());
        return 1;
    }
    const auto project = std::filesystem::temp_directory_path() / ("agent-bench-" + name + ".recscope");
    std::filesystem::remove(project);
    {
        auto store = store::ProjectStore::create(project);
        if (!store || !store->saveDataset(name, *imported)) {
            std::fprintf(stderr, "%s: cannot write %s\n", name.c_str(), project.string().c_str());
            return 1;
        }
    }
    const auto t1 = Clock::now();
    auto data = agent::ToolsData::build(std::move(*imported), project, name);
    if (!data) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), data.message().c_str());
        return 1;
    }
    auto conversation = agent::Conversation::createBuiltin(*data);
    if (!conversation) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), conversation.message().c_str());
        return 1;
    }
    const auto t2 = Clock::now();
    std::vector<double> total, tools, recTotal, recTools;
    size_t errors = 0;
    for (int i = 0; i < turns; ++i) {
        const auto r = conversation->turn(requests[size_t(i) % requests.size()]);
        total.push_back(r.totalMs);
        tools.push_back(r.toolMs);
        if (r.trace.plan.is_object() && r.trace.plan.value("intent", "") == "recommend") {
            recTotal.push_back(r.totalMs);
            recTools.push_back(r.toolMs);
        }
        errors += r.trace.errors.size();
    }
    std::printf("%-8s %6zu items  setup: import+project %.0f ms, tools data %.0f ms\n", name.c_str(),
                (*data)->catalog().size(), ms(t0, t1), ms(t1, t2));
    std::printf("  all turns (%zu):   total median %6.2f ms  p90 %6.2f ms | tools median %6.2f ms  p90 %6.2f ms\n",
                total.size(), quantile(total, 0.5), quantile(total, 0.9), quantile(tools, 0.5), quantile(tools, 0.9));
    std::printf("  recommend (%zu):   total median %6.2f ms  p90 %6.2f ms | tools median %6.2f ms  p90 %6.2f ms\n",
                recTotal.size(), quantile(recTotal, 0.5), quantile(recTotal, 0.9), quantile(recTools, 0.5),
                quantile(recTools, 0.9));
    std::printf("  step errors over all turns: %zu\n", errors);
    std::filesystem::remove(project);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const int turns = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100;
    std::printf("agent_bench %d   (built-in planner, no LLM; %u hardware threads)\n", turns,
                std::thread::hardware_concurrency());
    const std::vector<std::string> movies = {"sci-fi movies from the 90s like Star Wars but not Alien",
                                             "only those after 1995",
                                             "top 5 popular dramas",
                                             "horror films from the 80s",
                                             "something similar to Pulp Fiction and Reservoir Dogs",
                                             "when was Casablanca released?",
                                             "animated movies for kids",
                                             "compare Heat and Casino",
                                             "romantic comedies like Sleepless in Seattle",
                                             "thanks!"};
    const std::vector<std::string> games = {"open world RPG games under $20",
                                            "cheaper ones among those",
                                            "games like Portal 2 but not Team Fortress 2",
                                            "free strategy games",
                                            "indie puzzle games from 2017",
                                            "how much is Portal 2?",
                                            "zombie survival games without gore",
                                            "compare Portal 2 and Team Fortress 2",
                                            "5 diverse adventure games",
                                            "hi there"};
    int rc = runDomain("ml-100k", movies, turns);
    rc |= runDomain("steam", games, turns);
    return rc;
}
