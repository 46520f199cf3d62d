#pragma once
// TracePanel: the trace stepper. The project's stored turns on the left (every conversation, the
// chat's and `recscope-cli chat --project`'s); for the selected turn its steps — the plan, each
// tool step, the answer — and for the selected step: the plan with its validation errors and
// repairs, the step's input and output, the candidate bus before and after as one table with the
// diff (added, removed, moved, kept; agent/busdiff.h), the LLM requests and responses with tokens,
// latency and cost, and the answer. Back/Forward (Alt+Left/Alt+Right, or Left/Right in the steps
// list) walk the steps. "Replay" re-runs the turn from the cassette (ChatService::replay) and says
// whether it came out identical.
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace rs::widgets {

class BusDiffModel;
class ChatService;
class LlmCallsModel;
class ProgressStrip;
class ProjectSession;
class TraceStepsModel;
class TurnListModel;

class TracePanel final : public QWidget {
    Q_OBJECT
public:
    enum DetailTab { PlanTab = 0, StepTab, LlmTab, AnswerTab };

    TracePanel(ProjectSession* session, ChatService* chat, QWidget* parent = nullptr);

    TurnListModel* turns() const { return turns_; }
    TraceStepsModel* steps() const { return steps_; }
    BusDiffModel* bus() const { return bus_; }
    LlmCallsModel* llmCalls() const { return calls_; }
    QTableView* turnsView() const { return turnsView_; }
    QTableView* stepsView() const { return stepsView_; }
    QTableView* llmCallsView() const { return callsView_; }
    QTabWidget* details() const { return details_; }
    QPlainTextEdit* planText() const { return plan_; }
    QPlainTextEdit* inputText() const { return input_; }
    QPlainTextEdit* outputText() const { return output_; }
    QPlainTextEdit* requestText() const { return request_; }
    QPlainTextEdit* responseText() const { return response_; }
    QLabel* busSummary() const { return busSummary_; }
    QLabel* turnSummary() const { return summary_; }
    QLabel* replayResult() const { return replayResult_; }
    QPushButton* backButton() const { return back_; }
    QPushButton* forwardButton() const { return forward_; }
    QPushButton* replayButton() const { return replay_; }
    ProgressStrip* progress() const { return progress_; }
    int currentStep() const;  // row in steps(), -1 when none
    qint64 currentTraceId() const { return traceId_; }

public slots:
    void refresh();
    // Loads and shows a stored turn; false (with the reason shown) when it cannot be read.
    bool showTrace(qint64 traceId);
    void selectStep(int row);
    void stepForward();
    void stepBack();
    void replayCurrent();

signals:
    void traceShown(qint64 traceId);
    void replayFinished(bool ok, bool identical, const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showStep(int row);
    void showCall(int row);
    void updateTitles(const std::string& datasetName);

    ProjectSession* session_;
    ChatService* chat_;
    TurnListModel* turns_;
    QSortFilterProxyModel* turnsProxy_;
    TraceStepsModel* steps_;
    BusDiffModel* bus_;
    LlmCallsModel* calls_;
    QTableView* turnsView_;
    QTableView* stepsView_;
    QTableView* busView_;
    QTableView* callsView_;
    QTabWidget* details_;
    QPlainTextEdit* plan_;
    QPlainTextEdit* input_;
    QPlainTextEdit* output_;
    QPlainTextEdit* request_;
    QPlainTextEdit* response_;
    QPlainTextEdit* answer_;
    QLabel* summary_;
    QLabel* stepTitle_;
    QLabel* busSummary_;
    QLabel* replayResult_;
    QPushButton* back_;
    QPushButton* forward_;
    QPushButton* replay_;
    ProgressStrip* progress_;
    qint64 traceId_ = 0;
    int titlesGeneration_ = 0;
};

}  // namespace rs::widgets
