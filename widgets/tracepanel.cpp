#include "tracepanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "agent/tracestore.h"
#include "agentmodels.h"
#include "chatservice.h"
#include "job.h"
#include "progressstrip.h"
#include "projectsession.h"

namespace rs::widgets {

namespace {

QString pretty(const nlohmann::json& j) {
    return QString::fromStdString(j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

QPlainTextEdit* readOnlyText(QWidget* parent, const QString& name) {
    auto* t = new QPlainTextEdit(parent);
    t->setObjectName(name);
    t->setReadOnly(true);
    t->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    t->setFont(mono);
    return t;
}

QTableView* table(QWidget* parent, QAbstractItemModel* model, const QString& name) {
    auto* v = new QTableView(parent);
    v->setObjectName(name);
    v->setModel(model);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setStretchLastSection(true);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return v;
}

// An LLM request as a person reads it: each message with its role, then the other parameters.
QString readableRequest(const nlohmann::json& request) {
    QString out;
    if (auto m = request.find("messages"); m != request.end() && m->is_array())
        for (const auto& msg : *m) {
            out += QStringLiteral("── %1 ──\n").arg(QString::fromStdString(msg.value("role", std::string("?"))));
            const auto content = msg.find("content");
            out += content != msg.end() && content->is_string() ? QString::fromStdString(content->get<std::string>())
                                                                : pretty(content != msg.end() ? *content : nullptr);
            out += QStringLiteral("\n\n");
        }
    nlohmann::json rest = request;
    if (rest.is_object()) rest.erase("messages");
    return out + QStringLiteral("── parameters ──\n") + pretty(rest);
}

}  // namespace

TracePanel::TracePanel(ProjectSession* session, ChatService* chat, QWidget* parent)
    : QWidget(parent), session_(session), chat_(chat) {
    auto* layout = new QHBoxLayout(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(split);

    // Left: the stored turns.
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    turns_ = new TurnListModel(this);
    turnsProxy_ = new QSortFilterProxyModel(this);
    turnsProxy_->setSourceModel(turns_);
    turnsProxy_->setSortRole(TurnListModel::RawValueRole);
    turnsView_ = table(left, turnsProxy_, QStringLiteral("turnsView"));
    turnsView_->setSortingEnabled(true);
    turnsView_->sortByColumn(-1, Qt::AscendingOrder);
    auto* refreshButton = new QPushButton(tr("Refresh"), left);
    replay_ = new QPushButton(tr("Replay from the cassette"), left);
    replay_->setObjectName(QStringLiteral("replayButton"));
    replay_->setToolTip(
        tr("Re-run this turn (and the turns before it) with the recorded LLM answers and check "
           "that it comes out identical. No request reaches a server."));
    replay_->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(refreshButton);
    buttons->addWidget(replay_);
    progress_ = new ProgressStrip(left);
    replayResult_ = new QLabel(left);
    replayResult_->setObjectName(QStringLiteral("replayResult"));
    replayResult_->setWordWrap(true);
    replayResult_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(new QLabel(tr("Stored turns"), left));
    leftLayout->addWidget(turnsView_, 1);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(progress_);
    leftLayout->addWidget(replayResult_);

    // Right: the selected turn.
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    summary_ = new QLabel(tr("Select a turn."), right);
    summary_->setObjectName(QStringLiteral("turnSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rightLayout->addWidget(summary_);
    auto* vsplit = new QSplitter(Qt::Vertical, right);
    rightLayout->addWidget(vsplit, 1);

    auto* stepsBox = new QWidget(vsplit);
    auto* stepsLayout = new QVBoxLayout(stepsBox);
    stepsLayout->setContentsMargins(0, 0, 0, 0);
    steps_ = new TraceStepsModel(this);
    stepsView_ = table(stepsBox, steps_, QStringLiteral("stepsView"));
    stepsView_->installEventFilter(this);
    back_ = new QPushButton(tr("◀ Back"), stepsBox);
    back_->setObjectName(QStringLiteral("stepBackButton"));
    back_->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    back_->setToolTip(tr("Previous step (Alt+Left)"));
    forward_ = new QPushButton(tr("Forward ▶"), stepsBox);
    forward_->setObjectName(QStringLiteral("stepForwardButton"));
    forward_->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    forward_->setToolTip(tr("Next step (Alt+Right)"));
    stepTitle_ = new QLabel(stepsBox);
    auto* nav = new QHBoxLayout;
    nav->addWidget(back_);
    nav->addWidget(forward_);
    nav->addWidget(stepTitle_, 1);
    stepsLayout->addWidget(stepsView_, 1);
    stepsLayout->addLayout(nav);

    details_ = new QTabWidget(vsplit);
    details_->setObjectName(QStringLiteral("traceDetails"));
    plan_ = readOnlyText(details_, QStringLiteral("planText"));
    details_->addTab(plan_, tr("Plan"));

    auto* stepPage = new QWidget(details_);
    auto* stepLayout = new QVBoxLayout(stepPage);
    auto* io = new QSplitter(Qt::Horizontal, stepPage);
    input_ = readOnlyText(io, QStringLiteral("stepInputText"));
    output_ = readOnlyText(io, QStringLiteral("stepOutputText"));
    input_->setPlaceholderText(tr("Input"));
    output_->setPlaceholderText(tr("Output"));
    io->addWidget(input_);
    io->addWidget(output_);
    busSummary_ = new QLabel(stepPage);
    busSummary_->setObjectName(QStringLiteral("busSummary"));
    busSummary_->setWordWrap(true);
    bus_ = new BusDiffModel(this);
    auto* busProxy = new QSortFilterProxyModel(this);
    busProxy->setSourceModel(bus_);
    busProxy->setSortRole(BusDiffModel::RawValueRole);
    busView_ = table(stepPage, busProxy, QStringLiteral("busView"));
    busView_->setSortingEnabled(true);
    busView_->sortByColumn(-1, Qt::AscendingOrder);
    auto* stepSplit = new QSplitter(Qt::Vertical, stepPage);
    stepSplit->addWidget(io);
    auto* busBox = new QWidget(stepSplit);
    auto* busLayout = new QVBoxLayout(busBox);
    busLayout->setContentsMargins(0, 0, 0, 0);
    busLayout->addWidget(busSummary_);
    busLayout->addWidget(busView_, 1);
    stepSplit->addWidget(busBox);
    stepSplit->setStretchFactor(1, 2);
    stepLayout->addWidget(stepSplit);
    details_->addTab(stepPage, tr("Step: input, output, bus"));

    auto* llmPage = new QSplitter(Qt::Vertical, details_);
    calls_ = new LlmCallsModel(this);
    callsView_ = table(llmPage, calls_, QStringLiteral("llmCallsView"));
    auto* texts = new QSplitter(Qt::Horizontal, llmPage);
    request_ = readOnlyText(texts, QStringLiteral("llmRequestText"));
    response_ = readOnlyText(texts, QStringLiteral("llmResponseText"));
    request_->setPlaceholderText(tr("Request"));
    response_->setPlaceholderText(tr("Response"));
    texts->addWidget(request_);
    texts->addWidget(response_);
    llmPage->addWidget(callsView_);
    llmPage->addWidget(texts);
    llmPage->setStretchFactor(1, 3);
    details_->addTab(llmPage, tr("LLM calls"));
    answer_ = readOnlyText(details_, QStringLiteral("answerText"));
    details_->addTab(answer_, tr("Answer"));
    vsplit->addWidget(stepsBox);
    vsplit->addWidget(details_);
    vsplit->setStretchFactor(1, 3);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);

    connect(refreshButton, &QPushButton::clicked, this, &TracePanel::refresh);
    connect(replay_, &QPushButton::clicked, this, &TracePanel::replayCurrent);
    connect(back_, &QPushButton::clicked, this, &TracePanel::stepBack);
    connect(forward_, &QPushButton::clicked, this, &TracePanel::stepForward);
    connect(turnsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid()) return;
                const qint64 id = turnsProxy_->mapToSource(current).data(TurnListModel::TraceIdRole).toLongLong();
                if (id != traceId_) showTrace(id);
            });
    connect(stepsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showStep(current.isValid() ? current.row() : -1); });
    connect(callsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showCall(current.isValid() ? current.row() : -1); });
    connect(session_, &ProjectSession::projectOpened, this, &TracePanel::refresh);
    connect(session_, &ProjectSession::projectClosed, this, &TracePanel::refresh);
    connect(chat_, &ChatService::turnSaved, this, &TracePanel::refresh);
    refresh();
}

void TracePanel::refresh() {
    std::vector<agent::TurnInfo> list;
    if (session_->isOpen()) {
        if (auto store = ProjectSession::openStore(session_->path())) {
            if (auto turns = agent::TraceStore(store->database()).listTurns()) list = std::move(*turns);
        }
    }
    const qint64 keep = traceId_;
    turns_->setTurns(std::move(list));
    if (turns_->rowOfTrace(keep) < 0) {
        traceId_ = 0;
        steps_->setTrace({});
        bus_->setDiff({});
        calls_->setCalls({});
        for (auto* t : {plan_, input_, output_, request_, response_, answer_}) t->clear();
        summary_->setText(turns_->rowCount() == 0 ? tr("No stored turns yet: chat with the agent first.")
                                                  : tr("Select a turn."));
        replay_->setEnabled(false);
    } else {
        const QModelIndex at = turnsProxy_->mapFromSource(turns_->index(turns_->rowOfTrace(keep), 0));
        const QSignalBlocker block(turnsView_->selectionModel());
        turnsView_->setCurrentIndex(at);
    }
}

bool TracePanel::showTrace(qint64 traceId) {
    if (turns_->rowOfTrace(traceId) < 0) refresh();
    auto store = ProjectSession::openStore(session_->path());
    if (!store) {
        summary_->setText(QString::fromStdString(store.message()));
        return false;
    }
    agent::TraceStore traces(store->database());
    auto trace = traces.loadTurn(traceId);
    if (!trace) {
        summary_->setText(tr("Cannot load trace %1: %2").arg(traceId).arg(QString::fromStdString(trace.message())));
        return false;
    }
    traceId_ = traceId;
    if (const int row = turns_->rowOfTrace(traceId); row >= 0) {
        const QSignalBlocker block(turnsView_->selectionModel());
        turnsView_->setCurrentIndex(turnsProxy_->mapFromSource(turns_->index(row, 0)));
    }
    const agent::TurnTrace& t = *trace;
    int64_t tokens = 0;
    double cost = 0, latency = 0;
    for (const auto& c : t.llmCalls) {
        tokens += c.promptTokens + c.completionTokens;
        cost += c.cost;
        latency += c.latencyMs;
    }
    double toolMs = 0;
    for (const auto& s : t.steps) toolMs += s.ms;
    summary_->setText(
        tr("<b>Conversation %1, turn %2</b> — planner: %3<br>User: %4<br>%n LLM call(s), %5 tokens, %6 ms in LLM "
           "calls, $%7; %8 tool step(s) in %9 ms; %10 error(s).",
           nullptr, static_cast<int>(t.llmCalls.size()))
            .arg(QString::fromStdString(t.conversation).toHtmlEscaped())
            .arg(t.turn)
            .arg(QString::fromStdString(t.planner == "builtin" ? tr("built-in (no LLM)").toStdString() : t.planner)
                     .toHtmlEscaped())
            .arg(QString::fromStdString(t.user).toHtmlEscaped())
            .arg(tokens)
            .arg(latency, 0, 'f', 0)
            .arg(cost, 0, 'f', 5)
            .arg(t.steps.size())
            .arg(toolMs, 0, 'f', 1)
            .arg(t.errors.size()));
    QString plan = t.plan.is_null() ? tr("No plan was made.") : pretty(t.plan);
    if (!t.planValidation.empty()) {
        plan += QStringLiteral("\n\n") + tr("Validation errors:");
        for (const auto& e : t.planValidation) plan += QStringLiteral("\n  • ") + QString::fromStdString(e);
    }
    plan += QStringLiteral("\n\n") + tr("Repairs: %1").arg(t.repairs);
    plan_->setPlainText(plan);
    QString answer = QString::fromStdString(t.answer);
    if (!t.items.empty()) {
        answer += QStringLiteral("\n\n") + tr("Items:");
        for (const auto& id : t.items) answer += QLatin1Char(' ') + QString::fromStdString(id);
    }
    if (!t.errors.empty()) {
        answer += QStringLiteral("\n\n") + tr("Errors:");
        for (const auto& e : t.errors) answer += QStringLiteral("\n  • ") + QString::fromStdString(e);
    }
    answer_->setPlainText(answer);
    calls_->setCalls(t.llmCalls);
    request_->clear();
    response_->clear();
    steps_->setTrace(t);
    replay_->setEnabled(!chat_->isBusy());
    replayResult_->clear();
    if (auto info = traces.findConversation(t.conversation); info && *info) updateTitles((*info)->dataset);
    selectStep(0);
    emit traceShown(traceId);
    return true;
}

void TracePanel::updateTitles(const std::string& datasetName) {
    bus_->setTitles({});
    qint64 id = 0;
    for (const auto& d : session_->datasets())
        if (d.name == datasetName) id = d.id;
    if (id == 0) return;
    const int generation = ++titlesGeneration_;
    session_->loadDataset(id).then(this, [this, generation](util::Result<DataPtr> r) {
        if (!r || generation != titlesGeneration_ || !(*r)->catalog) return;
        DataPtr data = *r;
        bus_->setTitles([data](const std::string& item) {
            const auto row = data->catalog->rowOf(item);
            return row ? QString::fromStdString(data->catalog->title(*row)) : QString();
        });
    });
}

int TracePanel::currentStep() const {
    const QModelIndex i = stepsView_->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void TracePanel::selectStep(int row) {
    if (row < 0 || row >= steps_->rowCount()) return;
    stepsView_->setCurrentIndex(steps_->index(row, TraceStepsModel::What));
    if (currentStep() == row) showStep(row);  // setCurrentIndex does not signal an unchanged row
}

void TracePanel::stepForward() {
    selectStep(std::min(currentStep() + 1, steps_->rowCount() - 1));
}

void TracePanel::stepBack() {
    selectStep(std::max(currentStep() - 1, 0));
}

bool TracePanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == stepsView_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Right) {
            stepForward();
            return true;
        }
        if (key->key() == Qt::Key_Left) {
            stepBack();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TracePanel::showStep(int row) {
    back_->setEnabled(row > 0);
    forward_->setEnabled(row >= 0 && row + 1 < steps_->rowCount());
    if (row < 0 || row >= steps_->rowCount()) return;
    const auto& e = steps_->entry(row);
    const auto& t = steps_->trace();
    stepTitle_->setText(tr("%1 of %2: %3")
                            .arg(row + 1)
                            .arg(steps_->rowCount())
                            .arg(steps_->index(row, TraceStepsModel::What).data().toString()));
    if (!e.llmCalls.empty()) {
        const int call = e.llmCalls.front();
        callsView_->setCurrentIndex(calls_->index(call, LlmCallsModel::Role));
        showCall(call);
    }
    if (e.kind == TraceStepsModel::Kind::Plan) {
        details_->setCurrentIndex(PlanTab);
        return;
    }
    if (e.kind == TraceStepsModel::Kind::Answer) {
        details_->setCurrentIndex(AnswerTab);
        return;
    }
    const auto& s = t.steps[static_cast<size_t>(e.step)];
    input_->setPlainText(pretty(s.input));
    output_->setPlainText(s.error.empty() ? pretty(s.output)
                                          : tr("Error: %1").arg(QString::fromStdString(s.error)) +
                                                QStringLiteral("\n\n") + pretty(s.output));
    auto diff = agent::diffBusSnapshots(s.busBefore, s.busAfter);
    if (!diff) {
        bus_->setDiff({});
        busSummary_->setText(tr("The bus snapshots cannot be read: %1").arg(QString::fromStdString(diff.message())));
    } else {
        const auto d = *diff;
        bus_->setDiff(std::move(*diff));
        busSummary_->setText(tr("Bus: %1 → %2 candidates shown (snapshots list at most the first 50). "
                                "<span style='background:#d8f3dc'>&nbsp;+%3 added&nbsp;</span> "
                                "<span style='background:#f8d7da'>&nbsp;−%4 removed&nbsp;</span> "
                                "<span style='background:#fff3cd'>&nbsp;%5 moved&nbsp;</span> %6 kept.")
                                 .arg(d.beforeSize)
                                 .arg(d.afterSize)
                                 .arg(d.added)
                                 .arg(d.removed)
                                 .arg(d.moved)
                                 .arg(d.kept));
    }
    if (details_->currentIndex() != LlmTab || e.llmCalls.empty()) details_->setCurrentIndex(StepTab);
}

void TracePanel::showCall(int row) {
    if (row < 0 || row >= calls_->rowCount()) {
        request_->clear();
        response_->clear();
        return;
    }
    const auto& c = calls_->call(row);
    request_->setPlainText(readableRequest(c.request));
    response_->setPlainText(QString::fromStdString(c.response));
}

void TracePanel::replayCurrent() {
    if (traceId_ <= 0) return;
    Job* job = nullptr;
    const qint64 id = traceId_;
    auto future = chat_->replay(id, &job);
    if (job) progress_->attach(job);
    replay_->setEnabled(false);
    replayResult_->setText(tr("Replaying…"));
    future.then(this, [this, id](util::Result<ReplayOutcome> r) {
        replay_->setEnabled(traceId_ > 0);
        if (!r) {
            const QString msg = QString::fromStdString(r.message());
            replayResult_->setText(tr("Replay failed: %1").arg(msg));
            emit replayFinished(false, false, msg);
            return;
        }
        QString msg = tr("Replayed trace %1 (re-ran %n turn(s); %2 LLM call(s) answered from the cassette): ", nullptr,
                         r->turnsRerun)
                          .arg(id)
                          .arg(r->llmCallsReplayed);
        if (r->identical()) {
            msg += tr("identical to the recording.");
        } else {
            msg += tr("%n difference(s):", nullptr, static_cast<int>(r->differences.size()));
            for (const auto& d : r->differences) msg += QStringLiteral("\n• ") + d;
        }
        replayResult_->setText(msg);
        emit replayFinished(true, r->identical(), msg);
    });
}

}  // namespace rs::widgets
