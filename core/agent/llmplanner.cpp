#include "agent/llmplanner.h"

#include "agent/answerwriter.h"
#include "agent/llmcall.h"
#include "agent/llmcontext.h"
#include "agent/llmsession.h"
#include "agent/tabledescription.h"

namespace rs::agent {

ParsedPlannerAnswer parsePlannerAnswer(std::string_view text) {
    ParsedPlannerAnswer out;
    auto j = firstJsonObject(text);
    if (!j) {
        out.parse.errors.push_back(j.message() + "; reply with only the plan JSON");
        return out;
    }
    if (j->is_object()) {
        if (auto a = j->find("answer"); a != j->end()) {
            if (a->is_string()) out.answer = a->get<std::string>();
            j->erase("answer");
        }
        j->erase("thought");
    }
    out.parse = parsePlan(*j);
    return out;
}

util::Result<std::string> LlmPlanCaller::systemPrompt(const PlannerContext& c, const util::Task& task) const {
    std::string demos = "(none)";
    if (demos_ && options_.demonstrations > 0) {
        auto near = demos_->nearest(c.request, options_.demonstrations, task);
        if (!near) return near.status();
        std::vector<const Demonstration*> picked;
        for (const auto& s : *near) picked.push_back(s.demo);
        demos = formatDemonstrations(picked);
    }
    auto orNone = [](const std::string& s) { return s.empty() ? std::string("(none)") : s; };
    return prompts_.render("planner", {{"table", orNone(c.table)},
                                       {"candidates", orNone(c.candidates)},
                                       {"profile", orNone(c.profile)},
                                       {"history", orNone(c.history)},
                                       {"demonstrations", demos},
                                       {"request", c.request},
                                       {"domain", prompts_.domain()}});
}

PlannerOutcome LlmPlanCaller::plan(const PlannerContext& context, TurnTrace& trace, const util::Task& task) {
    PlannerOutcome out;
    auto system = systemPrompt(context, task);
    if (!system) {
        out.error = "planner prompt: " + system.message();
        return out;
    }
    std::string user = context.request;
    if (!context.critique.empty())
        user += "\n\n(A reviewer rejected the previous answer to this message: " + context.critique +
                " Make a better plan that fixes this.)";
    llm::ChatRequest request = makeRequest(std::move(*system), std::move(user), /*jsonMode=*/true);
    request.maxTokens = options_.maxTokens;

    for (int attempt = 0;; ++attempt) {
        auto r = callLlm(client_, request, "planner", trace.llmCalls, {}, task);
        if (!r) {
            out.error = "The planner LLM call failed: " + r.message();
            return out;
        }
        auto parsed = parsePlannerAnswer(r->content);
        if (parsed.parse.ok()) {
            out.plan = std::move(parsed.parse.plan);
            trace.plan = out.plan->toJson();
            if (out.plan->intent == Intent::Chitchat) out.directAnswer = parsed.answer;
            return out;
        }
        for (const auto& e : parsed.parse.errors) trace.planValidation.push_back(e);
        if (attempt >= options_.maxRepairs) {
            std::string list;
            for (const auto& e : parsed.parse.errors) list += (list.empty() ? "" : "; ") + e;
            out.error = "The planner did not produce a valid plan" +
                        std::string(attempt > 0 ? " even after " + std::to_string(attempt) + " repair attempt" +
                                                      (attempt > 1 ? "s" : "")
                                                : "") +
                        ": " + list;
            return out;
        }
        ++trace.repairs;
        request.messages.push_back(llm::ChatMessage::assistant(r->content));
        request.messages.push_back(llm::ChatMessage::user(repairMessage(parsed.parse.errors)));
    }
}

LlmPlanner::LlmPlanner(std::unique_ptr<llm::ChatClient> client, PromptLibrary prompts,
                       std::shared_ptr<const DemonstrationRetriever> demos, LlmPlannerOptions options)
    : client_(std::move(client)), prompts_(std::move(prompts)), demos_(std::move(demos)), options_(options) {}

std::string LlmPlanner::name() const {
    return client_->profile().name.empty() ? client_->profile().model : client_->profile().name;
}

util::Result<Plan> LlmPlanner::plan(const TurnContext& ctx, TurnTrace& trace, const util::Task& task) {
    directAnswer_.clear();
    if (!ctx.data || !ctx.bus || !ctx.columns) return util::Error{"LLM planner: incomplete turn context"};
    lastExtracted_ = extractProfileForCatalog(ctx.user, *ctx.data);
    profile_.merge(lastExtracted_);
    TableDescriptionOptions table;
    table.userText = ctx.user;
    PlannerContext pc{ctx.user,
                      describeTable(*ctx.data, *ctx.columns, table),
                      candidatesText(*ctx.bus, ctx.data->catalog()),
                      profile_.describe(),
                      ctx.history ? conversationText(*ctx.history) : conversationText({}),
                      {}};
    LlmPlanCaller caller(*client_, prompts_, demos_.get(), options_);
    PlannerOutcome outcome = caller.plan(pc, trace, task);
    if (!outcome.ok()) return util::Error{outcome.error};
    directAnswer_ = std::move(outcome.directAnswer);
    excludeDisliked(*outcome.plan, profile_);
    return std::move(*outcome.plan);
}

std::string LlmPlanner::answer(const TurnContext& ctx, const Plan& plan, const ExecutionResult& result,
                               TurnTrace& trace, const util::Task& task) {
    auto emit = [&](std::string text) {
        if (sink_) sink_(text);
        return text;
    };
    if (plan.intent == Intent::Chitchat && !directAnswer_.empty()) return emit(directAnswer_);
    std::vector<std::string> ids;
    WriterContext w{ctx.user, profile_.describe(), ctx.history ? conversationText(*ctx.history) : "",
                    formatToolLog(result.steps), formatItems(result.steps, &ids)};
    return writeAnswerOrItems(*client_, prompts_, w, sink_, trace, task);
}

util::Result<std::unique_ptr<LlmPlanner>> makeLlmPlanner(const llm::EndpointProfile& profile, const std::string& domain,
                                                         const std::filesystem::path& resourceDir,
                                                         LlmPlannerOptions options) {
    auto r = loadAgentResources(domain, resourceDir);
    if (!r) return r.status();
    return std::make_unique<LlmPlanner>(std::make_unique<llm::ChatClient>(profile, r->prices), std::move(r->prompts),
                                        std::move(r->demos), options);
}

}  // namespace rs::agent
