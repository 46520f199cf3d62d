#include "agent/conversation.h"

#include <chrono>

#include "agent/answertemplates.h"
#include "util/text.h"

namespace rs::agent {

util::Result<Plan> BuiltinPlannerAdapter::plan(const TurnContext& ctx, TurnTrace& trace, const util::Task& task) {
    (void)trace;
    (void)task;
    last_ = planner_.analyze(ctx.user, ctx.bus && ctx.bus->active());
    return planner_.plan(last_);
}

std::string BuiltinPlannerAdapter::answer(const TurnContext& ctx, const Plan& plan, const ExecutionResult& result,
                                          TurnTrace& trace, const util::Task& task) {
    (void)plan;
    (void)trace;
    (void)task;
    return builtinAnswer(last_, result, *ctx.data);
}

util::Result<Conversation> Conversation::create(std::shared_ptr<const ToolsData> data, std::unique_ptr<Planner> planner,
                                                ConversationOptions options) {
    if (!data) return util::Error{"conversation: no data"};
    if (!planner) return util::Error{"conversation: no planner"};
    auto tools = Tools::create(data, options.tools);
    if (!tools) return util::Error{tools.message()};
    Conversation c;
    c.data_ = std::move(data);
    c.tools_ = std::make_unique<Tools>(std::move(*tools));
    c.planner_ = std::move(planner);
    c.options_ = std::move(options);
    return c;
}

util::Result<Conversation> Conversation::createBuiltin(std::shared_ptr<const ToolsData> data,
                                                       ConversationOptions options) {
    if (!data) return util::Error{"conversation: no data"};
    auto tools = Tools::create(data, options.tools);
    if (!tools) return util::Error{tools.message()};
    Conversation c;
    c.planner_ = std::make_unique<BuiltinPlannerAdapter>(data, tools->sql().columns());
    c.data_ = std::move(data);
    c.tools_ = std::make_unique<Tools>(std::move(*tools));
    c.options_ = std::move(options);
    return c;
}

TurnResult Conversation::turn(std::string_view userText, const util::Task& task) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    TurnResult r;
    std::string user = utf8Prefix(std::string(userText.substr(0, kMaxUserBytes + 4)), kMaxUserBytes);
    if (!util::isValidUtf8(user)) user = util::latin1ToUtf8(user);
    TurnTrace& t = r.trace;
    t.conversation = options_.id;
    t.turn = int(traces_.size()) + 1;
    t.user = user;
    t.planner = planner_->name();

    TurnContext ctx;
    ctx.user = user;
    ctx.turn = t.turn;
    ctx.data = data_.get();
    ctx.bus = &bus_;
    ctx.history = &traces_;
    ctx.profile = &profile_;
    ctx.columns = &tools_->sql().columns();

    auto plan = planner_->plan(ctx, t, task);
    ExecutionResult exec;
    if (!plan) {
        t.errors.push_back(plan.message());
        t.answer = "Sorry, I could not make a plan for that: " + plan.message();
    } else {
        t.plan = plan->toJson();
        Executor executor(*tools_, options_.executor);
        exec = executor.run(*plan, bus_, profile_, task);
        t.steps = exec.steps;
        t.errors.insert(t.errors.end(), exec.errors.begin(), exec.errors.end());
        t.items = exec.items;
        r.toolMs = exec.toolMs;
        t.answer = planner_->answer(ctx, *plan, exec, t, task);
    }
    r.answer = t.answer;
    r.items = t.items;
    for (size_t row : exec.itemRows) r.titles.push_back(data_->catalog().title(row));
    traces_.push_back(t);
    if (sink_) sink_(t);
    r.totalMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return r;
}

}  // namespace rs::agent
