// The Chat and Trace panels on a real ml-100k project, offscreen: one turn with the built-in
// planner and one with the LLM planner against the scripted server (answer streamed), items
// opened in the browser, the trace stepped with the keys (plan, tool steps with the bus diff, LLM
// calls, answer), both turns replayed from the cassette without a server, a tampered trace caught
// by the replay, and a slow LLM call cancelled while the GUI keeps running.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <set>

#include "agent/tracestore.h"
#include "agentmodels.h"
#include "appsettings.h"
#include "catalogtablemodel.h"
#include "chatpanel.h"
#include "chatservice.h"
#include "core/llm/llmtesthelpers.h"
#include "datasetbrowser.h"
#include "guitestutil.h"
#include "job.h"
#include "mainwindow.h"
#include "progressstrip.h"
#include "projectsession.h"
#include "support/scriptedllmserver.h"
#include "tracepanel.h"

using namespace rs::widgets;
using rs::guitest::dataPath;

namespace {
using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

// Measures the longest gap between ticks of a 10 ms GUI-thread timer: a frozen GUI shows as a gap.
class FreezeMeter {
public:
    FreezeMeter() {
        timer_.setInterval(10);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            ++ticks_;
            if (clock_.isValid())
                maxGap_ = std::max(maxGap_, clock_.restart());
            else
                clock_.start();
        });
        timer_.start();
    }
    qint64 maxGapMs() const { return maxGap_; }
    int ticks() const { return ticks_; }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 maxGap_ = 0;
    int ticks_ = 0;
};

const char* const kWesternPlan = R"js({"intent": "recommend", "plan": [
    {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Western"},
                                                     {"column": "year", "op": "between", "value": [1960, 1979]}]}},
    {"tool": "rank", "input": {"by": "popularity"}},
    {"tool": "map", "input": {"n": 5}}]})js";
}  // namespace

class AgentPanelsTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<MainWindow> window_;
    rs::test::ScriptedLlmServer server_;
    qint64 datasetId_ = 0;
    qint64 builtinTrace_ = 0, llmTrace_ = 0;

    ChatPanel* chat() const { return window_->chatPanel(); }
    TracePanel* traces() const { return window_->tracePanel(); }

    // Sends text and waits for the panel's turnFinished; returns (ok, message).
    std::pair<bool, QString> send(const QString& text, int ms = 120000) {
        QSignalSpy finished(chat(), &ChatPanel::turnFinished);
        chat()->messageEdit()->setText(text);
        QTest::mouseClick(chat()->sendButton(), Qt::LeftButton);
        if (!finished.wait(ms)) return {false, QStringLiteral("no result")};
        return {finished.first().at(0).toBool(), finished.first().at(1).toString()};
    }

    // The ids of a bus snapshot in order.
    static std::vector<std::string> ids(const nlohmann::json& bus) {
        std::vector<std::string> out;
        for (const auto& e : bus) out.push_back(e["item"].get<std::string>());
        return out;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString ml = dataPath(QStringLiteral("ml-100k"));
        QVERIFY(!ml.isEmpty());
        QVERIFY(server_.start());
        settings_ = std::make_unique<AppSettings>(dir_.filePath(QStringLiteral("settings.ini")));
        rs::llm::ProfileSet profiles;
        profiles.profiles.push_back(rs::test::scriptedProfile(server_));  // named "scripted"
        settings_->setProfiles(profiles);
        window_ = std::make_unique<MainWindow>(settings_.get());
        window_->setConfirmClose(false);
        window_->show();
        datasetId_ = rs::guitest::makeProject(*window_, dir_, ml, QStringLiteral("ml-100k"));
        QVERIFY(datasetId_ > 0);
        window_->tabs()->setCurrentIndex(MainWindow::ChatTab);
        QCOMPARE(chat()->datasetBox()->currentData().toLongLong(), datasetId_);
    }

    void plannerChoiceListsBuiltinAndProfiles() {
        auto* box = chat()->plannerBox();
        QCOMPARE(box->count(), 2);
        QCOMPARE(box->itemText(0), QStringLiteral("Built-in planner (no LLM)"));
        QCOMPARE(box->itemData(0).toString(), QStringLiteral("builtin"));
        QVERIFY(box->itemText(1).contains(QStringLiteral("scripted")));
        QCOMPARE(window_->chatService()->planner(), QStringLiteral("builtin"));
        box->setCurrentIndex(1);
        QCOMPARE(window_->chatService()->planner(), QStringLiteral("scripted"));
        box->setCurrentIndex(0);
        QCOMPARE(window_->chatService()->planner(), QStringLiteral("builtin"));
    }

    void chatsOneTurnWithTheBuiltinPlanner() {
        Tester t1(chat()->items(), kQtTest);
        QSignalSpy started(window_->jobs(), &JobQueue::jobStarted);
        FreezeMeter meter;
        const auto [ok, message] = send(QStringLiteral("comedies from the 90s like Toy Story"));
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(started.count(), 1);  // the turn (and building the agent's tools) ran as a job
        // The tools (title matcher, vectors, an EASE fit) are built in this first turn's job
        // while the GUI thread keeps ticking.
        QVERIFY(meter.ticks() >= 3);
        QVERIFY2(meter.maxGapMs() < 500, qPrintable(QString::number(meter.maxGapMs())));
        qInfo("built-in turn with tool building: %d GUI ticks, longest gap %lld ms", meter.ticks(), meter.maxGapMs());
        QCOMPARE(chat()->items()->rowCount(), 10);
        QVERIFY(server_.requests().empty());  // no LLM
        const QString html = chat()->transcript()->toHtml();
        QVERIFY(html.contains(QStringLiteral("href=\"item:")));
        const QString plain = chat()->transcript()->toPlainText();
        QVERIFY(plain.contains(QStringLiteral("comedies from the 90s like Toy Story")));
        QVERIFY(plain.contains(chat()->items()->index(0, RecommendedItemsModel::Title).data().toString()));
        builtinTrace_ = chat()->lastTraceId();
        QVERIFY(builtinTrace_ > 0);
        // Saved in the project file.
        auto store = ProjectSession::openStore(window_->session()->path());
        QVERIFY(store.isOk());
        auto trace = rs::agent::TraceStore(store->database()).loadTurn(builtinTrace_);
        QVERIFY(trace.isOk());
        QCOMPARE(trace->planner, std::string("builtin"));
        QCOMPARE(trace->items.size(), size_t(10));
        QCOMPARE(QString::fromStdString(trace->items[0]), chat()->items()->itemId(0));

        // A recommended item opens in the dataset browser.
        QSignalSpy shown(window_->browser(), &DatasetBrowser::datasetShown);
        const QString item = chat()->items()->itemId(2);
        emit chat()->itemsView()->activated(chat()->items()->index(2, RecommendedItemsModel::Title));
        if (window_->browser()->currentDatasetId() != datasetId_) QVERIFY(shown.wait(30000));
        QCOMPARE(window_->tabs()->currentIndex(), int(MainWindow::DatasetTab));
        auto* b = window_->browser();
        const QModelIndex current = b->itemsProxy()->mapToSource(b->itemsView()->currentIndex());
        QCOMPARE(b->itemsModel()->index(current.row(), 0).data().toString(), item);
        window_->tabs()->setCurrentIndex(MainWindow::ChatTab);
    }

    void chatsOneTurnWithTheLlmPlannerStreamed() {
        QVERIFY(chat()->selectPlanner(QStringLiteral("scripted")));
        QVERIFY(chat()->transcript()->toPlainText().isEmpty());  // switching started a new conversation
        rs::test::ScriptedReply plan;
        plan.content = kWesternPlan;
        rs::test::ScriptedReply writer;
        writer.content = "Here are five westerns from the 60s and 70s, most watched first.";
        writer.chunkChars = 4;
        server_.enqueue(plan);
        server_.enqueue(writer);
        QSignalSpy tokens(window_->chatService(), &ChatService::answerToken);
        const auto [ok, message] = send(QStringLiteral("Westerns from the 60s or 70s"));
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(server_.requestCount("/v1/chat/completions"), size_t(2));
        // Streamed: many pieces, which make up the answer.
        QVERIFY(tokens.count() >= 10);
        QCOMPARE(chat()->streamedAnswer(), QString::fromStdString(writer.content));
        QVERIFY(chat()->transcript()->toPlainText().contains(QString::fromStdString(writer.content)));
        QCOMPARE(chat()->items()->rowCount(), 5);
        QVERIFY(chat()->status()->text().contains(QStringLiteral("2 LLM call(s)")));
        llmTrace_ = chat()->lastTraceId();
        QVERIFY(llmTrace_ > builtinTrace_);
    }

    void stepsThroughTheTraceAndChecksTheBusDiff() {
        auto* t = traces();
        Tester t1(t->turns(), kQtTest), t2(t->steps(), kQtTest), t3(t->bus(), kQtTest), t4(t->llmCalls(), kQtTest);
        QSignalSpy shown(t, &TracePanel::traceShown);
        chat()->showTraceButton()->click();
        QCOMPARE(window_->tabs()->currentIndex(), int(MainWindow::TraceTab));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(t->currentTraceId(), llmTrace_);
        QCOMPARE(t->turns()->rowCount(), 2);
        const auto& trace = t->steps()->trace();
        QCOMPARE(trace.steps.size(), size_t(3));
        QCOMPARE(t->steps()->rowCount(), 5);  // plan, 3 tools, answer
        QVERIFY(t->turnSummary()->text().contains(QStringLiteral("2 LLM call(s)")));

        // Step 0: the plan, with the planner's call.
        QCOMPARE(t->currentStep(), 0);
        QCOMPARE(t->details()->currentIndex(), int(TracePanel::PlanTab));
        QVERIFY(t->planText()->toPlainText().contains(QStringLiteral("hard_filter")));
        QVERIFY(t->planText()->toPlainText().contains(QStringLiteral("Repairs: 0")));
        QCOMPARE(t->llmCalls()->rowCount(), 2);
        QCOMPARE(t->llmCallsView()->currentIndex().row(), 0);
        QCOMPARE(t->llmCalls()->index(0, LlmCallsModel::Role).data().toString(), QStringLiteral("planner"));
        QCOMPARE(t->llmCalls()->index(0, LlmCallsModel::PromptTokens).data(LlmCallsModel::RawValueRole).toLongLong(),
                 qint64(trace.llmCalls[0].promptTokens));
        QVERIFY(trace.llmCalls[0].promptTokens > 0);
        QVERIFY(t->requestText()->toPlainText().contains(QStringLiteral("Westerns from the 60s or 70s")));
        QVERIFY(t->responseText()->toPlainText().contains(QStringLiteral("\"intent\": \"recommend\"")));

        // Right arrow: the hard filter. The bus was reset for the new request: everything shown is added.
        t->stepsView()->setFocus();
        QTest::keyClick(t->stepsView(), Qt::Key_Right);
        QCOMPARE(t->currentStep(), 1);
        QCOMPARE(t->details()->currentIndex(), int(TracePanel::StepTab));
        const auto& filter = trace.steps[0];
        QCOMPARE(filter.tool, std::string("hard_filter"));
        QVERIFY(t->inputText()->toPlainText().contains(QStringLiteral("Western")));
        const auto westerns = ids(filter.busAfter);
        QVERIFY(westerns.size() >= 5);
        QVERIFY(filter.busBefore.empty());
        QCOMPARE(t->bus()->rowCount(), int(westerns.size()));
        QCOMPARE(t->bus()->count(rs::agent::BusChange::Added), int(westerns.size()));
        QCOMPARE(t->bus()->count(rs::agent::BusChange::Removed), 0);
        for (int r = 0; r < t->bus()->rowCount(); ++r) {
            QCOMPARE(t->bus()->index(r, BusDiffModel::Change).data().toString(), QStringLiteral("added"));
            QCOMPARE(t->bus()->index(r, BusDiffModel::Item).data().toString(),
                     QString::fromStdString(westerns[static_cast<size_t>(r)]));
        }
        QVERIFY(t->busSummary()->text().contains(QStringLiteral("+%1 added").arg(westerns.size())));

        // Right again: rank by popularity re-orders the same westerns: nothing added or removed,
        // and the diff agrees with both snapshots row by row.
        QTest::keyClick(t->stepsView(), Qt::Key_Right);
        QCOMPARE(t->currentStep(), 2);
        const auto& rank = trace.steps[1];
        QCOMPARE(rank.tool, std::string("rank"));
        const auto before = ids(rank.busBefore), after = ids(rank.busAfter);
        QCOMPARE(std::set<std::string>(before.begin(), before.end()),
                 std::set<std::string>(after.begin(), after.end()));
        QVERIFY(before != after);  // popularity order differs from catalog order
        auto* bus = t->bus();
        QCOMPARE(bus->rowCount(), int(after.size()));
        QCOMPARE(bus->count(rs::agent::BusChange::Added) + bus->count(rs::agent::BusChange::Removed), 0);
        QVERIFY(bus->count(rs::agent::BusChange::Moved) > 0);
        std::vector<int> keptBefore;
        for (int r = 0; r < bus->rowCount(); ++r) {
            const std::string item = bus->index(r, BusDiffModel::Item).data().toString().toStdString();
            const int b = bus->index(r, BusDiffModel::Before).data(BusDiffModel::RawValueRole).toInt();
            const int a = bus->index(r, BusDiffModel::After).data(BusDiffModel::RawValueRole).toInt();
            QCOMPARE(a, r);
            QCOMPARE(after[static_cast<size_t>(a)], item);
            QCOMPARE(before[static_cast<size_t>(b)], item);
            if (bus->index(r, BusDiffModel::Change).data().toString() == QStringLiteral("kept"))
                keptBefore.push_back(b);
        }
        // Kept items stayed in their old relative order.
        QVERIFY(std::is_sorted(keptBefore.begin(), keptBefore.end()));
        QCOMPARE(int(keptBefore.size()) + bus->count(rs::agent::BusChange::Moved), int(after.size()));
        // Titles come from the catalog.
        QTRY_VERIFY(!bus->index(0, BusDiffModel::Title).data().toString().isEmpty());

        // Forward to the answer: the writer's call and its streamed text.
        t->forwardButton()->click();
        t->forwardButton()->click();
        QCOMPARE(t->currentStep(), 4);
        QVERIFY(!t->forwardButton()->isEnabled());
        QCOMPARE(t->details()->currentIndex(), int(TracePanel::AnswerTab));
        QCOMPARE(t->llmCallsView()->currentIndex().row(), 1);
        QCOMPARE(t->llmCalls()->index(1, LlmCallsModel::Role).data().toString(), QStringLiteral("writer"));
        QVERIFY(t->responseText()->toPlainText().startsWith(QStringLiteral("Here are five westerns")));
        QVERIFY(trace.llmCalls[1].ttftMs >= 0);  // streamed
        QVERIFY(t->llmCalls()->index(1, LlmCallsModel::LatencyMs).data(LlmCallsModel::RawValueRole).toDouble() > 0);

        // And back with the left arrow.
        QTest::keyClick(t->stepsView(), Qt::Key_Left);
        QCOMPARE(t->currentStep(), 3);
        QCOMPARE(t->steps()->index(3, TraceStepsModel::What).data().toString(), QStringLiteral("map"));
    }

    void replaysBothTurnsFromTheCassette() {
        auto* t = traces();
        const size_t requestsBefore = server_.requestCount();
        for (const qint64 id : {llmTrace_, builtinTrace_}) {
            QVERIFY(t->showTrace(id));
            QSignalSpy replayed(t, &TracePanel::replayFinished);
            t->replayButton()->click();
            QVERIFY(replayed.wait(60000));
            QVERIFY2(replayed.first().at(0).toBool(), qPrintable(replayed.first().at(2).toString()));
            QVERIFY2(replayed.first().at(1).toBool(), qPrintable(replayed.first().at(2).toString()));
            QVERIFY(t->replayResult()->text().contains(QStringLiteral("identical")));
        }
        QCOMPARE(server_.requestCount(), requestsBefore);  // nothing reached the server
        QVERIFY(traces()->replayResult()->text().contains(QStringLiteral("0 LLM call(s)")));

        // A stored trace that no longer matches what the turn does is caught.
        auto store = ProjectSession::openStore(window_->session()->path());
        QVERIFY(store.isOk());
        rs::agent::TraceStore ts(store->database());
        auto json = ts.loadTurnJson(llmTrace_);
        QVERIFY(json.isOk());
        (*json)["answer"] = "A different answer.";
        QVERIFY(ts.saveTurnJson(*json).isOk());
        const qint64 tampered = ts.listTurns()->back().id;
        QVERIFY(t->showTrace(tampered));
        QSignalSpy replayed(t, &TracePanel::replayFinished);
        t->replayButton()->click();
        QVERIFY(replayed.wait(60000));
        QVERIFY(replayed.first().at(0).toBool());
        QCOMPARE(replayed.first().at(1).toBool(), false);
        QVERIFY(replayed.first().at(2).toString().contains(QStringLiteral("answer differs")));
    }

    void cancelsASlowLlmCallWithoutFreezing() {
        window_->tabs()->setCurrentIndex(MainWindow::ChatTab);
        rs::test::ScriptedReply slow;
        slow.fault = rs::test::Fault::SlowFirstToken;
        slow.delaySeconds = 30;
        slow.content = kWesternPlan;
        server_.enqueue(slow);
        QSignalSpy finished(chat(), &ChatPanel::turnFinished);
        FreezeMeter meter;
        chat()->messageEdit()->setText(QStringLiteral("Westerns please"));
        chat()->sendButton()->click();
        QVERIFY(chat()->progress()->isVisible());
        QVERIFY(!chat()->sendButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(server_.requestCount("/v1/chat/completions") == 3, 10000);
        QTest::qWait(300);  // the LLM call hangs; the GUI keeps running
        QVERIFY(!finished.count());
        QElapsedTimer clock;
        clock.start();
        chat()->progress()->cancelButton()->click();
        QVERIFY(finished.wait(10000));
        QVERIFY(clock.elapsed() < 3000);
        qInfo("cancel to result: %lld ms; %d GUI ticks, longest gap %lld ms", clock.elapsed(), meter.ticks(),
              meter.maxGapMs());
        QVERIFY(meter.ticks() >= 10);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("cancelled"));
        QVERIFY2(meter.maxGapMs() < 500, qPrintable(QString::number(meter.maxGapMs())));
        QVERIFY(chat()->transcript()->toPlainText().contains(QStringLiteral("Cancelled")));
        QVERIFY(chat()->sendButton()->isEnabled());
        // The cancelled turn was not saved.
        traces()->refresh();
        QCOMPARE(traces()->turns()->rowCount(), 2);  // the tampered trace replaced the LLM turn
    }
};

QTEST_MAIN(AgentPanelsTest)
#include "test_agentpanels.moc"
