#pragma once
// Item models of the Chat and Trace panels:
//   RecommendedItemsModel one row per item the last answer recommended: position, title, id
//   TurnListModel         the stored turns of the project (TraceStore::listTurns), newest last
//   TraceStepsModel       one loaded turn as steps to walk: the plan (planner calls, validation,
//                         repairs), each tool step, the answer (writer calls)
//   BusDiffModel          a step's candidate bus before and after as one table with the diff
//   LlmCallsModel         LLM calls with tokens, latency, first-token time, retries and cost
// Every model has a Column enum and RawValueRole (numbers as numbers, for sorting proxies).
// Threading: GUI thread.
#include <QAbstractTableModel>
#include <QStringList>
#include <functional>
#include <vector>

#include "agent/busdiff.h"
#include "agent/trace.h"
#include "agent/tracestore.h"

namespace rs::widgets {

enum AgentModelRole { AgentRawValueRole = Qt::UserRole + 1 };

class RecommendedItemsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Position = 0, Title, ItemId, ColumnCount };
    enum Role { RawValueRole = AgentRawValueRole };
    explicit RecommendedItemsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setItems(const QStringList& ids, const QStringList& titles);
    QString itemId(int row) const { return ids_.value(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList ids_, titles_;
};

class TurnListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Conversation = 0, Turn, Planner, Message, LlmCalls, Tokens, Errors, Created, ColumnCount };
    enum Role { RawValueRole = AgentRawValueRole, TraceIdRole };
    explicit TurnListModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setTurns(std::vector<agent::TurnInfo> turns);
    const agent::TurnInfo& turn(int row) const { return turns_[static_cast<size_t>(row)]; }
    int rowOfTrace(qint64 traceId) const;  // -1 when not listed

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<agent::TurnInfo> turns_;
};

class TraceStepsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Index = 0, What, Milliseconds, BusBefore, BusAfter, LlmCalls, Error, ColumnCount };
    enum Role { RawValueRole = AgentRawValueRole };
    enum class Kind { Plan, Tool, Answer };
    struct Entry {
        Kind kind = Kind::Tool;
        int step = -1;              // index into TurnTrace::steps for Kind::Tool
        std::vector<int> llmCalls;  // indices into TurnTrace::llmCalls made for this entry
    };

    explicit TraceStepsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    // Planner and memory calls belong to the plan, writer and critic calls to the answer, ReAct
    // "step" calls to the tool steps in order.
    void setTrace(agent::TurnTrace trace);
    const agent::TurnTrace& trace() const { return trace_; }
    const Entry& entry(int row) const { return entries_[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    agent::TurnTrace trace_;
    std::vector<Entry> entries_;
};

class BusDiffModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Change = 0, Item, Title, Before, After, ScoreBefore, ScoreAfter, Provenance, ColumnCount };
    enum Role { RawValueRole = AgentRawValueRole, ChangeRole };
    using TitleFn = std::function<QString(const std::string& itemId)>;

    explicit BusDiffModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setDiff(agent::BusSnapshotDiff diff);
    void setTitles(TitleFn titles);  // refreshes the Title column
    const agent::BusSnapshotDiff& diff() const { return diff_; }
    int count(agent::BusChange change) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    agent::BusSnapshotDiff diff_;
    TitleFn titles_;
};

class LlmCallsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Role = 0, PromptTokens, CompletionTokens, LatencyMs, FirstTokenMs, Retries, Cost, ColumnCount };
    enum DataRole { RawValueRole = AgentRawValueRole };
    explicit LlmCallsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setCalls(std::vector<agent::LlmCallTrace> calls);
    const agent::LlmCallTrace& call(int row) const { return calls_[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<agent::LlmCallTrace> calls_;
};

}  // namespace rs::widgets
