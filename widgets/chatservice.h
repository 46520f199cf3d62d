#pragma once
// ChatService: the Chat and Trace panels' facade over the agent (core/agent). It runs one
// Conversation::turn at a time on the JobQueue, with the built-in rule planner or the plan-first
// LLM planner of an endpoint profile from the settings, and
//   - streams the answer's tokens to the GUI thread (answerToken, queued) as the writer call
//     delivers them; the built-in planner's answer arrives whole with the result;
//   - saves every finished turn's TurnTrace in the project file (TraceStore), one stored
//     conversation per chat conversation, so the trace stepper lists and loads them;
//   - records the LLM planner's HTTP exchanges in the project's cassette (llm/cassette.h), so
//     replay() can re-run a stored turn without a server and check it against its trace.
// The agent's tools (ToolsData: title matcher, item vectors, EASE) are built once per dataset in
// the first turn's job and kept. Switching the planner or dataset, a cancelled turn and
// newConversation() all start a new conversation with the next message (a cancelled turn is not
// saved, so the stored conversation and the agent's memory of it never disagree).
//
// Replay: the conversation's stored turns up to the chosen one are re-run in order on a fresh
// conversation (the agent's state — bus, history, profile — is rebuilt exactly as it was), with
// the LLM planner's client answering from the cassette only (replay mode: no request reaches a
// server), then the chosen turn's new trace is compared with the stored one (tracecompare.h). A
// request repeated word for word in several conversations replays the recordings in order.
//
// Threading: GUI thread; the Conversation lives in a shared state that only the single running
// job touches.
#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <memory>

#include "agent/trace.h"
#include "util/status.h"

namespace rs::widgets {

class AppSettings;
class Job;
class ProjectSession;

struct ChatTurnOutcome {
    QString answer;
    QStringList items, titles;  // ids and titles of the recommended items, in order
    QString conversation;       // stored conversation id
    int turn = 0;
    qint64 traceId = 0;  // the saved turn's id (TraceStore)
    double totalMs = 0;
    int llmCalls = 0;
    qint64 tokens = 0;
    QStringList errors;  // the turn's own errors (a failed step, a failed LLM call)
};

struct ReplayOutcome {
    qint64 traceId = 0;
    int turnsRerun = 0;        // turns of the conversation re-run to rebuild the state
    int llmCallsReplayed = 0;  // LLM calls answered from the cassette in the chosen turn
    QStringList differences;   // empty: identical
    agent::TurnTrace replayed;
    bool identical() const { return differences.isEmpty(); }
};

class ChatService final : public QObject {
    Q_OBJECT
public:
    ChatService(ProjectSession* session, AppSettings* settings, QObject* parent = nullptr);
    ~ChatService() override;

    static QString builtinPlanner() { return QStringLiteral("builtin"); }

    // "builtin" or the name of a profile in the settings (or a preset).
    void setPlanner(const QString& planner);
    const QString& planner() const { return planner_; }
    void setDataset(qint64 datasetId);
    qint64 dataset() const { return datasetId_; }
    void newConversation();
    // The stored id of the current conversation; empty before its first turn.
    QString conversationId() const;
    bool isBusy() const { return busy_; }
    // Where prompts and demonstrations are read (agent::defaultResourceDir() unless set).
    void setResourceDir(std::filesystem::path dir) { resourceDir_ = std::move(dir); }

    QFuture<util::Result<ChatTurnOutcome>> send(const QString& text, Job** job = nullptr);
    QFuture<util::Result<ReplayOutcome>> replay(qint64 traceId, Job** job = nullptr);

signals:
    void answerToken(const QString& text);
    void turnSaved(qint64 traceId);
    void conversationReset();

private:
    struct Live;
    struct ToolsCache;
    ProjectSession* session_;
    AppSettings* settings_;
    QString planner_;
    qint64 datasetId_ = 0;
    bool busy_ = false;
    std::shared_ptr<Live> live_;
    std::shared_ptr<ToolsCache> tools_;
    std::filesystem::path resourceDir_;
};

}  // namespace rs::widgets
