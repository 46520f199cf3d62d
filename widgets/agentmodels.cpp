#include "agentmodels.h"

#include <QBrush>
#include <QColor>

namespace rs::widgets {

namespace {

bool isTop(const QModelIndex& parent) {
    return !parent.isValid();
}

QVariant header(const QStringList& names, int section, Qt::Orientation orientation, int role) {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return names.value(section);
}

QString position(int p) {
    return p < 0 ? QStringLiteral("—") : QString::number(p + 1);
}

}  // namespace

// --- RecommendedItemsModel ---------------------------------------------------------------------

void RecommendedItemsModel::setItems(const QStringList& ids, const QStringList& titles) {
    beginResetModel();
    ids_ = ids;
    titles_ = titles;
    endResetModel();
}

int RecommendedItemsModel::rowCount(const QModelIndex& parent) const {
    return isTop(parent) ? static_cast<int>(ids_.size()) : 0;
}

int RecommendedItemsModel::columnCount(const QModelIndex& parent) const {
    return isTop(parent) ? ColumnCount : 0;
}

QVariant RecommendedItemsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role != Qt::DisplayRole && role != RawValueRole && role != Qt::ToolTipRole) return {};
    const int r = index.row();
    switch (index.column()) {
        case Position:
            return role == RawValueRole ? QVariant(r + 1) : QVariant(QString::number(r + 1));
        case Title:
            return titles_.value(r);
        case ItemId:
            return ids_.value(r);
        default:
            return {};
    }
}

QVariant RecommendedItemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return header({tr("#"), tr("Title"), tr("Item id")}, section, orientation, role);
}

// --- TurnListModel -----------------------------------------------------------------------------

void TurnListModel::setTurns(std::vector<agent::TurnInfo> turns) {
    beginResetModel();
    turns_ = std::move(turns);
    endResetModel();
}

int TurnListModel::rowOfTrace(qint64 traceId) const {
    for (size_t i = 0; i < turns_.size(); ++i)
        if (turns_[i].id == traceId) return static_cast<int>(i);
    return -1;
}

int TurnListModel::rowCount(const QModelIndex& parent) const {
    return isTop(parent) ? static_cast<int>(turns_.size()) : 0;
}

int TurnListModel::columnCount(const QModelIndex& parent) const {
    return isTop(parent) ? ColumnCount : 0;
}

QVariant TurnListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& t = turns_[static_cast<size_t>(index.row())];
    if (role == TraceIdRole) return QVariant::fromValue<qint64>(t.id);
    if (role == Qt::ToolTipRole && index.column() == Message) return QString::fromStdString(t.answer);
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
        case Conversation:
            return raw ? QVariant(QString::fromStdString(t.conversation).toLongLong())
                       : QVariant(QString::fromStdString(t.conversation));
        case Turn:
            return t.turn;
        case Planner:
            return QString::fromStdString(t.planner);
        case Message:
            return QString::fromStdString(t.user);
        case LlmCalls:
            return t.llmCalls;
        case Tokens:
            return QVariant::fromValue<qint64>(t.tokens);
        case Errors:
            return t.errors;
        case Created:
            return QString::fromStdString(t.created);
        default:
            return {};
    }
}

QVariant TurnListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return header({tr("Conversation"), tr("Turn"), tr("Planner"), tr("Message"), tr("LLM calls"), tr("Tokens"),
                   tr("Errors"), tr("Created")},
                  section, orientation, role);
}

// --- TraceStepsModel ---------------------------------------------------------------------------

void TraceStepsModel::setTrace(agent::TurnTrace trace) {
    beginResetModel();
    trace_ = std::move(trace);
    entries_.clear();
    Entry plan{Kind::Plan, -1, {}};
    Entry answer{Kind::Answer, -1, {}};
    std::vector<Entry> tools;
    for (size_t i = 0; i < trace_.steps.size(); ++i) tools.push_back({Kind::Tool, static_cast<int>(i), {}});
    size_t reactStep = 0;
    for (size_t i = 0; i < trace_.llmCalls.size(); ++i) {
        const std::string& role = trace_.llmCalls[i].role;
        const int call = static_cast<int>(i);
        if (role == "step" && reactStep < tools.size())
            tools[reactStep++].llmCalls.push_back(call);
        else if (role == "writer" || role == "critic" || role == "step")
            answer.llmCalls.push_back(call);
        else
            plan.llmCalls.push_back(call);
    }
    entries_.push_back(std::move(plan));
    for (auto& t : tools) entries_.push_back(std::move(t));
    entries_.push_back(std::move(answer));
    endResetModel();
}

int TraceStepsModel::rowCount(const QModelIndex& parent) const {
    return isTop(parent) ? static_cast<int>(entries_.size()) : 0;
}

int TraceStepsModel::columnCount(const QModelIndex& parent) const {
    return isTop(parent) ? ColumnCount : 0;
}

QVariant TraceStepsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Entry& e = entries_[static_cast<size_t>(index.row())];
    const agent::StepTrace* step = e.kind == Kind::Tool ? &trace_.steps[static_cast<size_t>(e.step)] : nullptr;
    if (role == Qt::ForegroundRole && step && !step->error.empty()) return QBrush(QColor(0xb0, 0x20, 0x20));
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
        case Index:
            return raw ? QVariant(index.row()) : (step ? QVariant(QString::number(e.step)) : QVariant());
        case What:
            if (e.kind == Kind::Plan)
                return trace_.plan.is_null() ? tr("Plan (none)")
                                             : tr("Plan (%n step(s))", nullptr, static_cast<int>(trace_.steps.size()));
            if (e.kind == Kind::Answer) return tr("Answer");
            return QString::fromStdString(step->tool);
        case Milliseconds:
            if (!step) return raw ? QVariant(0.0) : QVariant();
            return raw ? QVariant(step->ms) : QVariant(QString::number(step->ms, 'f', 1));
        case BusBefore:
            if (!step) return {};
            return static_cast<int>(step->busBefore.size());
        case BusAfter: {
            if (!step) return {};
            const int shown = static_cast<int>(step->busAfter.size());
            if (raw) return shown;
            // The full bus size when the snapshot was cut.
            const auto total = step->output.value("bus_size", static_cast<long long>(shown));
            return total > shown ? tr("%1 of %2").arg(shown).arg(total) : QString::number(shown);
        }
        case LlmCalls:
            return static_cast<int>(e.llmCalls.size());
        case Error:
            if (step) return QString::fromStdString(step->error);
            if (e.kind == Kind::Plan && !trace_.planValidation.empty())
                return tr("%n validation error(s), %1 repair(s)", nullptr,
                          static_cast<int>(trace_.planValidation.size()))
                    .arg(trace_.repairs);
            return {};
        default:
            return {};
    }
}

QVariant TraceStepsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return header({tr("Step"), tr("What"), tr("ms"), tr("Bus before"), tr("Bus after"), tr("LLM calls"), tr("Error")},
                  section, orientation, role);
}

// --- BusDiffModel ------------------------------------------------------------------------------

void BusDiffModel::setDiff(agent::BusSnapshotDiff diff) {
    beginResetModel();
    diff_ = std::move(diff);
    endResetModel();
}

void BusDiffModel::setTitles(TitleFn titles) {
    titles_ = std::move(titles);
    if (rowCount() > 0) emit dataChanged(index(0, Title), index(rowCount() - 1, Title));
}

int BusDiffModel::count(agent::BusChange change) const {
    switch (change) {
        case agent::BusChange::Added:
            return static_cast<int>(diff_.added);
        case agent::BusChange::Removed:
            return static_cast<int>(diff_.removed);
        case agent::BusChange::Moved:
            return static_cast<int>(diff_.moved);
        case agent::BusChange::Kept:
            return static_cast<int>(diff_.kept);
    }
    return 0;
}

int BusDiffModel::rowCount(const QModelIndex& parent) const {
    return isTop(parent) ? static_cast<int>(diff_.rows.size()) : 0;
}

int BusDiffModel::columnCount(const QModelIndex& parent) const {
    return isTop(parent) ? ColumnCount : 0;
}

QVariant BusDiffModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& r = diff_.rows[static_cast<size_t>(index.row())];
    if (role == ChangeRole) return static_cast<int>(r.change);
    if (role == Qt::BackgroundRole) {
        switch (r.change) {
            case agent::BusChange::Added:
                return QBrush(QColor(0xd8, 0xf3, 0xdc));
            case agent::BusChange::Removed:
                return QBrush(QColor(0xf8, 0xd7, 0xda));
            case agent::BusChange::Moved:
                return QBrush(QColor(0xff, 0xf3, 0xcd));
            case agent::BusChange::Kept:
                return {};
        }
    }
    if (role == Qt::ForegroundRole && r.change != agent::BusChange::Kept) return QBrush(Qt::black);
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const bool raw = role == RawValueRole;
    switch (index.column()) {
        case Change:
            switch (r.change) {
                case agent::BusChange::Added:
                    return tr("added");
                case agent::BusChange::Removed:
                    return tr("removed");
                case agent::BusChange::Moved:
                    return tr("moved");
                case agent::BusChange::Kept:
                    return tr("kept");
            }
            return {};
        case Item:
            return QString::fromStdString(r.item);
        case Title:
            return titles_ ? titles_(r.item) : QString();
        case Before:
            return raw ? QVariant(r.before) : QVariant(position(r.before));
        case After:
            return raw ? QVariant(r.after) : QVariant(position(r.after));
        case ScoreBefore:
            if (r.before < 0) return raw ? QVariant() : QVariant(QStringLiteral("—"));
            return raw ? QVariant(r.scoreBefore) : QVariant(QString::number(r.scoreBefore, 'g', 4));
        case ScoreAfter:
            if (r.after < 0) return raw ? QVariant() : QVariant(QStringLiteral("—"));
            return raw ? QVariant(r.scoreAfter) : QVariant(QString::number(r.scoreAfter, 'g', 4));
        case Provenance: {
            QStringList labels;
            for (const auto& p : r.provenance) labels << QString::fromStdString(p);
            return labels.join(QStringLiteral(" › "));
        }
        default:
            return {};
    }
}

QVariant BusDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return header({tr("Change"), tr("Item"), tr("Title"), tr("Before"), tr("After"), tr("Score before"),
                   tr("Score after"), tr("Provenance")},
                  section, orientation, role);
}

// --- LlmCallsModel -----------------------------------------------------------------------------

void LlmCallsModel::setCalls(std::vector<agent::LlmCallTrace> calls) {
    beginResetModel();
    calls_ = std::move(calls);
    endResetModel();
}

int LlmCallsModel::rowCount(const QModelIndex& parent) const {
    return isTop(parent) ? static_cast<int>(calls_.size()) : 0;
}

int LlmCallsModel::columnCount(const QModelIndex& parent) const {
    return isTop(parent) ? ColumnCount : 0;
}

QVariant LlmCallsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const auto& c = calls_[static_cast<size_t>(index.row())];
    const bool raw = role == RawValueRole;
    switch (index.column()) {
        case Role:
            return QString::fromStdString(c.role);
        case PromptTokens:
            return QVariant::fromValue<qint64>(c.promptTokens);
        case CompletionTokens:
            return QVariant::fromValue<qint64>(c.completionTokens);
        case LatencyMs:
            return raw ? QVariant(c.latencyMs) : QVariant(QString::number(c.latencyMs, 'f', 1));
        case FirstTokenMs:
            if (c.ttftMs < 0) return raw ? QVariant(-1.0) : QVariant(QStringLiteral("—"));
            return raw ? QVariant(c.ttftMs) : QVariant(QString::number(c.ttftMs, 'f', 1));
        case Retries:
            return c.retries;
        case Cost:
            return raw ? QVariant(c.cost) : QVariant(QStringLiteral("$%1").arg(c.cost, 0, 'f', 5));
        default:
            return {};
    }
}

QVariant LlmCallsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return header({tr("Role"), tr("Prompt tokens"), tr("Completion tokens"), tr("Latency (ms)"), tr("First token (ms)"),
                   tr("Retries"), tr("Cost (USD)")},
                  section, orientation, role);
}

}  // namespace rs::widgets
