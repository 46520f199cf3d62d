#pragma once
// ChatPanel: a conversation with the recommender agent about one dataset's catalog. The planner
// is chosen above the transcript ("Built-in planner (no LLM)" or an LLM profile from the
// settings; switching starts a new conversation); the answer streams into the transcript as the
// writer produces it; the recommended items are links in the transcript and rows of a table, and
// activating one shows it in the dataset browser (itemActivated). The turn runs on the job queue
// with progress and Cancel below the input; "Show trace" opens the turn in the trace stepper.
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace rs::widgets {

class AppSettings;
class ChatService;
class ProgressStrip;
class ProjectSession;
class RecommendedItemsModel;

class ChatPanel final : public QWidget {
    Q_OBJECT
public:
    ChatPanel(ProjectSession* session, ChatService* chat, AppSettings* settings, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return datasetBox_; }
    QComboBox* plannerBox() const { return plannerBox_; }
    QLineEdit* messageEdit() const { return message_; }
    QPushButton* sendButton() const { return send_; }
    QPushButton* newConversationButton() const { return newConversation_; }
    QPushButton* showTraceButton() const { return showTrace_; }
    QTextBrowser* transcript() const { return transcript_; }
    RecommendedItemsModel* items() const { return items_; }
    QTableView* itemsView() const { return itemsView_; }
    ProgressStrip* progress() const { return progress_; }
    QLabel* status() const { return status_; }
    qint64 lastTraceId() const { return lastTraceId_; }
    // The answer text streamed so far for the running (or last) turn.
    const QString& streamedAnswer() const { return streamed_; }

public slots:
    // Re-reads the datasets and the LLM profiles (after the settings changed).
    void refresh();
    void sendMessage();
    // Selects the planner by its name ("builtin" or a profile name); false when not listed.
    bool selectPlanner(const QString& name);

signals:
    void turnFinished(bool ok, const QString& message);
    void itemActivated(qint64 datasetId, const QString& itemId);
    void traceRequested(qint64 traceId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void appendBlock(const QString& who, const QString& html);
    void startNewConversation();
    void onToken(const QString& piece);

    ProjectSession* session_;
    ChatService* chat_;
    AppSettings* settings_;
    QComboBox* datasetBox_;
    QComboBox* plannerBox_;
    QPushButton* newConversation_;
    QTextBrowser* transcript_;
    RecommendedItemsModel* items_;
    QTableView* itemsView_;
    QLineEdit* message_;
    QPushButton* send_;
    QPushButton* showTrace_;
    ProgressStrip* progress_;
    QLabel* status_;
    QString streamed_;
    bool answerStarted_ = false;
    qint64 lastTraceId_ = 0;
};

}  // namespace rs::widgets
