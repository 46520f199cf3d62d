// Conversations with the built-in planner on ml-100k: a request, a follow-up that refines its
// candidates, a look-up in between, chit-chat, the trace of each turn, and user input of any
// length or encoding.
#include <gtest/gtest.h>

#include <random>

#include "agent/answertemplates.h"
#include "agent/conversation.h"
#include "catalogfixtures.h"
#include "util/text.h"

namespace rs::agent {
namespace {

Conversation builtin() {
    auto c = Conversation::createBuiltin(test::ml100kTools());
    EXPECT_TRUE(c.isOk()) << c.message();
    return std::move(c.value());
}

TEST(Conversation, RecommendThenRefineThenLookUp) {
    Conversation c = builtin();
    std::vector<TurnTrace> saved;
    c.setTraceSink([&](const TurnTrace& t) { saved.push_back(t); });

    auto t1 = c.turn("comedies from the 90s like Toy Story");
    EXPECT_EQ(t1.answer.rfind(std::string(kBuiltinLabel), 0), 0u) << t1.answer;
    ASSERT_EQ(t1.items.size(), 10u) << t1.answer;
    EXPECT_EQ(t1.titles.size(), 10u);
    EXPECT_NE(t1.answer.find(t1.titles[0]), std::string::npos);
    EXPECT_EQ(t1.trace.planner, "builtin");
    EXPECT_TRUE(t1.trace.llmCalls.empty());
    EXPECT_EQ(t1.trace.plan["intent"], "recommend");
    const size_t afterFirst = c.bus().size();

    auto t2 = c.turn("only those before 1996");
    EXPECT_EQ(t2.trace.plan["refine"], true) << t2.trace.plan.dump();
    EXPECT_LT(c.bus().size(), afterFirst);
    for (const auto& c2 : c.bus().items()) EXPECT_LT(c.data().year(c2.row), 1996);

    auto t3 = c.turn("tell me about Heat");
    EXPECT_EQ(t3.trace.plan["intent"], "lookup");
    EXPECT_NE(t3.answer.find("Heat (1995)"), std::string::npos) << t3.answer;

    auto t4 = c.turn("thanks");
    EXPECT_TRUE(t4.trace.steps.empty());
    EXPECT_NE(t4.answer.find("welcome"), std::string::npos);

    ASSERT_EQ(saved.size(), 4u);
    EXPECT_EQ(saved[3].turn, 4);
    auto back = TurnTrace::fromJson(saved[0].toJson());
    ASSERT_TRUE(back.isOk());
    EXPECT_EQ(back->steps.size(), saved[0].steps.size());
    EXPECT_GT(t1.toolMs, 0.0);
    EXPECT_GE(t1.totalMs, t1.toolMs);
}

TEST(Conversation, UnknownTitlesAndEmptyResultsAreExplained) {
    Conversation c = builtin();
    auto r = c.turn("movies like Qwzxv Blorfington");
    EXPECT_NE(r.answer.find("could not find"), std::string::npos) << r.answer;
    auto none = c.turn("westerns from 1997 with animation");
    EXPECT_TRUE(none.items.empty());
    EXPECT_NE(none.answer.find("found no"), std::string::npos) << none.answer;
}

TEST(Conversation, AnyInputIsHandled) {
    Conversation c = builtin();
    std::mt19937 rng(5);
    std::vector<std::string> inputs = {"",
                                       " ",
                                       std::string(100000, 'a'),
                                       "\xff\xfe\xfd",
                                       "\xc3",
                                       "🎬🍿 movies!!",
                                       "'; DROP TABLE items; --",
                                       "like like like like",
                                       "not not no but not",
                                       std::string(5000, ','),
                                       "like " + std::string(3000, 'x')};
    for (int i = 0; i < 30; ++i) {
        std::string s;
        for (int k = 0; k < 200; ++k) s += char(rng() % 256);
        inputs.push_back(s);
    }
    for (const auto& in : inputs) {
        auto r = c.turn(in);
        EXPECT_FALSE(r.answer.empty());
        EXPECT_TRUE(util::isValidUtf8(r.trace.user));
        EXPECT_LE(r.trace.user.size(), kMaxUserBytes * 2);
        EXPECT_NO_THROW((void)r.trace.toJson().dump());
    }
}

// A planner that fails: the turn ends with its message, no crash.
class FailingPlanner final : public Planner {
public:
    std::string name() const override { return "failing"; }
    util::Result<Plan> plan(const TurnContext&, TurnTrace& trace, const util::Task&) override {
        trace.planValidation.push_back("step 0 (x): unknown tool");
        trace.repairs = 1;
        return util::Error{"the plan was still invalid after one repair"};
    }
    std::string answer(const TurnContext&, const Plan&, const ExecutionResult&, TurnTrace&,
                       const util::Task&) override {
        return "unused";
    }
};

TEST(Conversation, APlannerFailureIsAClearAnswer) {
    auto c = Conversation::create(test::ml100kTools(), std::make_unique<FailingPlanner>());
    ASSERT_TRUE(c.isOk()) << c.message();
    auto r = c->turn("anything");
    EXPECT_NE(r.answer.find("still invalid"), std::string::npos) << r.answer;
    EXPECT_EQ(r.trace.planner, "failing");
    EXPECT_EQ(r.trace.repairs, 1);
    EXPECT_EQ(r.trace.errors.size(), 1u);
    EXPECT_TRUE(r.trace.plan.is_null());
}

}  // namespace
}  // namespace rs::agent
