#include "chatservice.h"

#include <QCoreApplication>
#include <QPointer>
#include <map>
#include <mutex>
#include <optional>

#include "agent/conversation.h"
#include "agent/llmplanner.h"
#include "agent/prompttemplates.h"
#include "agent/toolsdata.h"
#include "agent/tracecompare.h"
#include "agent/tracestore.h"
#include "appsettings.h"
#include "job.h"
#include "llm/cassette.h"
#include "projectsession.h"

namespace rs::widgets {

namespace {

template <class T>
QFuture<util::Result<T>> failedFuture(const QString& message) {
    return QtFuture::makeReadyFuture(util::Result<T>(util::Error{message.toStdString()}));
}

// The model the conversation's LLM calls asked for (their request bodies name it).
std::string recordedModel(const std::vector<agent::TurnTrace>& turns) {
    for (const auto& t : turns)
        for (const auto& call : t.llmCalls)
            if (auto m = call.request.find("model"); m != call.request.end() && m->is_string())
                return m->get<std::string>();
    return {};
}

QStringList toQStringList(const std::vector<std::string>& v) {
    QStringList out;
    for (const auto& s : v) out << QString::fromStdString(s);
    return out;
}

}  // namespace

// The conversation in progress; touched by one job at a time (the GUI thread only replaces it
// while no turn runs).
struct ChatService::Live {
    std::unique_ptr<llm::Cassette> cassette;  // outlives the planner's client (declared first)
    std::optional<agent::Conversation> conversation;
    std::string id;
};

// ToolsData per dataset id, shared by chat turns and replays; built on a worker.
struct ChatService::ToolsCache {
    std::mutex mutex;
    std::map<qint64, std::shared_ptr<const agent::ToolsData>> byDataset;

    util::Result<std::shared_ptr<const agent::ToolsData>> get(store::ProjectStore& store, const std::string& project,
                                                              qint64 datasetId, const DataPtr& cached,
                                                              const util::Task& task) {
        {
            std::lock_guard lock(mutex);
            if (auto it = byDataset.find(datasetId); it != byDataset.end()) return it->second;
        }
        auto list = store.listDatasets();
        if (!list) return list.status();
        std::string name;
        for (const auto& d : *list)
            if (d.id == datasetId) name = d.name;
        if (name.empty()) return util::Error{"dataset " + std::to_string(datasetId) + " is not in the project"};
        data::ImportedData copy;
        if (cached) {
            copy = *cached;
        } else {
            auto loaded = store.loadDataset(datasetId, task);
            if (!loaded) return loaded.status();
            copy = std::move(*loaded);
        }
        if (!copy.catalog || copy.catalog->size() == 0)
            return util::Error{"dataset '" + name + "' has no item catalog to talk about"};
        auto built = agent::ToolsData::build(std::move(copy), project, name, {}, task);
        if (!built) return built.status();
        std::lock_guard lock(mutex);
        byDataset[datasetId] = *built;
        return *built;
    }
};

ChatService::ChatService(ProjectSession* session, AppSettings* settings, QObject* parent)
    : QObject(parent),
      session_(session),
      settings_(settings),
      planner_(builtinPlanner()),
      live_(std::make_shared<Live>()),
      tools_(std::make_shared<ToolsCache>()),
      resourceDir_(agent::defaultResourceDir()) {
    auto reset = [this] {
        tools_ = std::make_shared<ToolsCache>();  // a running job keeps its own reference
        datasetId_ = 0;
        newConversation();
    };
    connect(session_, &ProjectSession::projectOpened, this, reset);
    connect(session_, &ProjectSession::projectClosed, this, reset);
}

ChatService::~ChatService() = default;

void ChatService::setPlanner(const QString& planner) {
    if (planner == planner_) return;
    planner_ = planner;
    newConversation();
}

void ChatService::setDataset(qint64 datasetId) {
    if (datasetId == datasetId_) return;
    datasetId_ = datasetId;
    newConversation();
}

void ChatService::newConversation() {
    // A running turn keeps the old state alive through its own reference.
    live_ = std::make_shared<Live>();
    emit conversationReset();
}

QString ChatService::conversationId() const {
    return busy_ ? QString() : QString::fromStdString(live_->id);
}

QFuture<util::Result<ChatTurnOutcome>> ChatService::send(const QString& text, Job** job) {
    if (busy_) return failedFuture<ChatTurnOutcome>(tr("a turn is still running"));
    if (!session_->isOpen()) return failedFuture<ChatTurnOutcome>(tr("no project is open"));
    if (datasetId_ <= 0) return failedFuture<ChatTurnOutcome>(tr("no dataset chosen"));
    if (text.trimmed().isEmpty()) return failedFuture<ChatTurnOutcome>(tr("empty message"));
    std::optional<llm::EndpointProfile> profile;
    if (planner_ != builtinPlanner()) {
        profile = settings_->profiles().find(planner_.toStdString());
        if (!profile) return failedFuture<ChatTurnOutcome>(tr("unknown LLM profile '%1'").arg(planner_));
        if (profile->model.empty())
            return failedFuture<ChatTurnOutcome>(tr("LLM profile '%1' names no model").arg(planner_));
    }
    busy_ = true;
    const std::string project = session_->path().toStdString();
    const qint64 datasetId = datasetId_;
    const DataPtr cached = session_->cachedDataset(datasetId);
    const std::string message = text.toStdString();
    const std::filesystem::path resources = resourceDir_;
    auto live = live_;
    auto tools = tools_;
    // Tokens are posted to the application object and re-checked there: the service may be gone
    // by the time they arrive.
    QPointer<ChatService> self(this);
    auto onToken = [self](std::string_view t) {
        const QString piece = QString::fromUtf8(t.data(), static_cast<qsizetype>(t.size()));
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, piece] {
                if (self) emit self->answerToken(piece);
            },
            Qt::QueuedConnection);
    };
    auto future = session_->jobs()->run<util::Result<ChatTurnOutcome>>(
        profile ? tr("Agent turn (%1)").arg(planner_) : tr("Agent turn (built-in planner)"),
        [=](const util::Task& task) -> util::Result<ChatTurnOutcome> {
            auto store = store::ProjectStore::open(project);
            if (!store) return store.status();
            task.report(0.05, "preparing the agent's tools");
            auto data = tools->get(*store, project, datasetId, cached, task);
            if (!data) return data.status();
            if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
            agent::TraceStore traces(store->database());
            if (!live->conversation) {
                agent::ConversationInfo info;
                info.planner = profile ? profile->name : "builtin";
                info.dataset = (*data)->datasetName();
                info.domain = (*data)->domain();
                auto id = traces.createConversation(info);
                if (!id) return id.status();
                agent::ConversationOptions options;
                options.id = *id;
                util::Result<agent::Conversation> c = util::Error{""};
                if (profile) {
                    auto planner = agent::makeLlmPlanner(*profile, (*data)->domain(), resources);
                    if (!planner) return planner.status();
                    auto cassette = llm::Cassette::open(project, llm::CassetteMode::Record);
                    if (!cassette) return cassette.status();
                    live->cassette = std::move(*cassette);
                    (*planner)->client().setCassette(live->cassette.get());
                    (*planner)->setTokenSink(onToken);
                    c = agent::Conversation::create(*data, std::move(*planner), options);
                } else {
                    c = agent::Conversation::createBuiltin(*data, options);
                }
                if (!c) return c.status();
                live->conversation.emplace(std::move(*c));
                live->id = *id;
            }
            task.report(0.2, "planning");
            agent::TurnResult r = live->conversation->turn(message, task);
            if (task.cancelled()) {
                live->conversation.reset();  // the next message starts a new conversation
                return util::Error{std::string(util::kCancelledMessage)};
            }
            auto traceId = traces.saveTurn(r.trace);
            if (!traceId) return util::Error{"the turn's trace was not saved: " + traceId.message()};
            ChatTurnOutcome out;
            out.answer = QString::fromStdString(r.answer);
            out.items = toQStringList(r.items);
            out.titles = toQStringList(r.titles);
            out.conversation = QString::fromStdString(live->id);
            out.turn = r.trace.turn;
            out.traceId = *traceId;
            out.totalMs = r.totalMs;
            out.llmCalls = static_cast<int>(r.trace.llmCalls.size());
            for (const auto& c : r.trace.llmCalls) out.tokens += c.promptTokens + c.completionTokens;
            out.errors = toQStringList(r.trace.errors);
            return out;
        },
        job);
    return future.then(this, [this, live](util::Result<ChatTurnOutcome> r) {
        busy_ = false;
        if (live == live_ && !live->conversation) newConversation();  // cancelled or failed to start
        if (r) emit turnSaved(r->traceId);
        return r;
    });
}

QFuture<util::Result<ReplayOutcome>> ChatService::replay(qint64 traceId, Job** job) {
    if (!session_->isOpen()) return failedFuture<ReplayOutcome>(tr("no project is open"));
    const std::string project = session_->path().toStdString();
    const llm::ProfileSet profiles = settings_->profiles();
    const std::filesystem::path resources = resourceDir_;
    auto tools = tools_;
    // Datasets already in memory, so the worker need not reload them.
    std::map<qint64, DataPtr> cached;
    for (const auto& d : session_->datasets())
        if (auto p = session_->cachedDataset(d.id)) cached[d.id] = p;
    return session_->jobs()->run<util::Result<ReplayOutcome>>(
        tr("Replaying turn %1").arg(traceId),
        [=](const util::Task& task) -> util::Result<ReplayOutcome> {
            auto store = store::ProjectStore::open(project);
            if (!store) return store.status();
            agent::TraceStore traces(store->database());
            auto target = traces.loadTurn(traceId);
            if (!target) return target.status();
            auto info = traces.findConversation(target->conversation);
            if (!info) return info.status();
            if (!*info) return util::Error{"conversation " + target->conversation + " is not stored"};
            auto turns = traces.loadConversation(target->conversation);
            if (!turns) return turns.status();
            auto dataset = store->findDataset((*info)->dataset);
            if (!dataset) return dataset.status();
            const auto hit = cached.find(dataset->id);
            auto data = tools->get(*store, project, dataset->id, hit == cached.end() ? nullptr : hit->second, task);
            if (!data) return data.status();

            agent::ConversationOptions options;
            options.id = target->conversation;
            std::unique_ptr<llm::Cassette> cassette;
            util::Result<agent::Conversation> c = util::Error{""};
            if (target->planner == "builtin") {
                c = agent::Conversation::createBuiltin(*data, options);
            } else {
                // The request bodies hold the model; the server is never contacted in replay mode.
                llm::EndpointProfile profile;
                if (auto p = profiles.find(target->planner)) profile = *p;
                profile.name = target->planner;
                if (profile.baseUrl.empty()) profile.baseUrl = "http://127.0.0.1:9/v1";
                profile.apiKeyEnv.clear();
                profile.model = recordedModel(*turns);
                if (profile.model.empty()) return util::Error{"the trace records no LLM model to replay"};
                auto planner = agent::makeLlmPlanner(
                    profile, (*info)->domain.empty() ? (*data)->domain() : (*info)->domain, resources);
                if (!planner) return planner.status();
                auto opened = llm::Cassette::open(project, llm::CassetteMode::Replay);
                if (!opened) return opened.status();
                cassette = std::move(*opened);
                (*planner)->client().setCassette(cassette.get());
                c = agent::Conversation::create(*data, std::move(*planner), options);
            }
            if (!c) return c.status();
            ReplayOutcome out;
            out.traceId = traceId;
            for (const auto& t : *turns) {
                if (t.turn > target->turn) break;
                if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
                task.report(double(t.turn - 1) / std::max(1, target->turn),
                            "re-running turn " + std::to_string(t.turn));
                agent::TurnResult r = c->turn(t.user, task);
                ++out.turnsRerun;
                if (t.turn == target->turn) out.replayed = std::move(r.trace);
            }
            if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
            out.llmCallsReplayed = static_cast<int>(out.replayed.llmCalls.size());
            out.differences = toQStringList(agent::compareTurnTraces(*target, out.replayed));
            return out;
        },
        job);
}

}  // namespace rs::widgets
