#include "chatpanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTextCursor>
#include <QUrl>
#include <QVBoxLayout>

#include "agentmodels.h"
#include "appsettings.h"
#include "chatservice.h"
#include "job.h"
#include "progressstrip.h"
#include "projectsession.h"

namespace rs::widgets {

ChatPanel::ChatPanel(ProjectSession* session, ChatService* chat, AppSettings* settings, QWidget* parent)
    : QWidget(parent), session_(session), chat_(chat), settings_(settings) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    datasetBox_ = new QComboBox(this);
    datasetBox_->setObjectName(QStringLiteral("chatDatasetBox"));
    plannerBox_ = new QComboBox(this);
    plannerBox_->setObjectName(QStringLiteral("plannerBox"));
    plannerBox_->setToolTip(tr("Who plans the tool calls and writes the answer. Switching starts a new conversation."));
    newConversation_ = new QPushButton(tr("New conversation"), this);
    top->addWidget(new QLabel(tr("Dataset:"), this));
    top->addWidget(datasetBox_, 1);
    top->addWidget(new QLabel(tr("Planner:"), this));
    top->addWidget(plannerBox_, 2);
    top->addWidget(newConversation_);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Vertical, this);
    transcript_ = new QTextBrowser(split);
    transcript_->setObjectName(QStringLiteral("chatTranscript"));
    transcript_->setOpenLinks(false);
    transcript_->setPlaceholderText(tr("Ask for recommendations, e.g. “sci-fi movies from the 90s like Alien”."));
    items_ = new RecommendedItemsModel(this);
    itemsView_ = new QTableView(split);
    itemsView_->setObjectName(QStringLiteral("recommendedItemsView"));
    itemsView_->setModel(items_);
    itemsView_->verticalHeader()->hide();
    itemsView_->horizontalHeader()->setStretchLastSection(true);
    itemsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    itemsView_->setToolTip(tr("Double-click an item to show it in the dataset browser."));
    split->addWidget(transcript_);
    split->addWidget(itemsView_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    auto* input = new QHBoxLayout;
    message_ = new QLineEdit(this);
    message_->setObjectName(QStringLiteral("chatMessageEdit"));
    message_->setPlaceholderText(tr("Message"));
    send_ = new QPushButton(tr("Send"), this);
    send_->setObjectName(QStringLiteral("chatSendButton"));
    send_->setDefault(true);
    showTrace_ = new QPushButton(tr("Show trace"), this);
    showTrace_->setEnabled(false);
    input->addWidget(message_, 1);
    input->addWidget(send_);
    input->addWidget(showTrace_);
    layout->addLayout(input);
    progress_ = new ProgressStrip(this);
    layout->addWidget(progress_);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    connect(send_, &QPushButton::clicked, this, &ChatPanel::sendMessage);
    connect(message_, &QLineEdit::returnPressed, this, &ChatPanel::sendMessage);
    connect(newConversation_, &QPushButton::clicked, this, [this] { chat_->newConversation(); });
    connect(showTrace_, &QPushButton::clicked, this, [this] {
        if (lastTraceId_ > 0) emit traceRequested(lastTraceId_);
    });
    connect(plannerBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) chat_->setPlanner(plannerBox_->itemData(i).toString());
    });
    connect(datasetBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) chat_->setDataset(datasetBox_->itemData(i).toLongLong());
    });
    connect(chat_, &ChatService::conversationReset, this, &ChatPanel::startNewConversation);
    connect(chat_, &ChatService::answerToken, this, &ChatPanel::onToken);
    connect(transcript_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("item")) emit itemActivated(chat_->dataset(), url.path());
    });
    connect(itemsView_, &QTableView::activated, this, [this](const QModelIndex& index) {
        if (index.isValid()) emit itemActivated(chat_->dataset(), items_->itemId(index.row()));
    });
    connect(session_, &ProjectSession::projectOpened, this, &ChatPanel::refresh);
    connect(session_, &ProjectSession::contentsChanged, this, &ChatPanel::refresh);
    connect(session_, &ProjectSession::projectClosed, this, &ChatPanel::refresh);
    refresh();
}

void ChatPanel::showEvent(QShowEvent* event) {
    refresh();  // profiles may have been edited in the settings
    QWidget::showEvent(event);
}

void ChatPanel::refresh() {
    const QVariant dataset = datasetBox_->currentData();
    {
        const QSignalBlocker block(datasetBox_);
        datasetBox_->clear();
        for (const auto& d : session_->datasets())
            if (d.numItems > 0 || d.hasInteractions)
                datasetBox_->addItem(QString::fromStdString(d.name), qlonglong(d.id));
        const int at = datasetBox_->findData(dataset);
        datasetBox_->setCurrentIndex(at >= 0 ? at : (datasetBox_->count() > 0 ? 0 : -1));
    }
    chat_->setDataset(datasetBox_->currentIndex() >= 0 ? datasetBox_->currentData().toLongLong() : 0);

    const QString planner = chat_->planner();
    {
        const QSignalBlocker block(plannerBox_);
        plannerBox_->clear();
        plannerBox_->addItem(tr("Built-in planner (no LLM)"), ChatService::builtinPlanner());
        for (const auto& p : settings_->profiles().profiles) {
            const QString name = QString::fromStdString(p.name);
            plannerBox_->addItem(tr("LLM: %1 (%2)").arg(name, QString::fromStdString(p.model)), name);
        }
        const int at = plannerBox_->findData(planner);
        plannerBox_->setCurrentIndex(at >= 0 ? at : 0);
    }
    chat_->setPlanner(plannerBox_->currentData().toString());
    send_->setEnabled(!chat_->isBusy() && datasetBox_->count() > 0);
}

bool ChatPanel::selectPlanner(const QString& name) {
    const int at = plannerBox_->findData(name);
    if (at < 0) return false;
    plannerBox_->setCurrentIndex(at);
    return true;
}

void ChatPanel::startNewConversation() {
    transcript_->clear();
    items_->setItems({}, {});
    streamed_.clear();
    showTrace_->setEnabled(false);
    lastTraceId_ = 0;
}

void ChatPanel::appendBlock(const QString& who, const QString& html) {
    transcript_->append(QStringLiteral("<p><b>%1</b> %2</p>").arg(who.toHtmlEscaped(), html));
}

void ChatPanel::onToken(const QString& piece) {
    if (!answerStarted_) {
        appendBlock(tr("Agent:"), QString());
        answerStarted_ = true;
    }
    streamed_ += piece;
    QTextCursor cursor(transcript_->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(piece);
    transcript_->ensureCursorVisible();
}

void ChatPanel::sendMessage() {
    const QString text = message_->text().trimmed();
    if (text.isEmpty() || chat_->isBusy()) return;
    if (datasetBox_->currentIndex() < 0) {
        status_->setText(tr("Import a dataset with an item catalog first."));
        return;
    }
    Job* job = nullptr;
    auto future = chat_->send(text, &job);
    if (!job) {  // refused before it started
        future.then(this, [this](util::Result<ChatTurnOutcome> r) {
            const QString msg = r ? QString() : QString::fromStdString(r.message());
            status_->setText(tr("Cannot send: %1").arg(msg));
            emit turnFinished(false, msg);
        });
        return;
    }
    progress_->attach(job);
    appendBlock(tr("You:"), text.toHtmlEscaped());
    message_->clear();
    streamed_.clear();
    answerStarted_ = false;
    send_->setEnabled(false);
    status_->setText(tr("The agent is working…"));
    future.then(this, [this](util::Result<ChatTurnOutcome> r) {
        send_->setEnabled(datasetBox_->count() > 0);
        if (!r) {
            const QString msg = QString::fromStdString(r.message());
            const bool cancelled = msg == QLatin1String("cancelled");
            appendBlock(tr("Agent:"), QStringLiteral("<i>%1</i>")
                                          .arg((cancelled ? tr("Cancelled. The next message starts a new conversation.")
                                                          : tr("The turn failed: %1").arg(msg))
                                                   .toHtmlEscaped()));
            status_->setText(cancelled ? tr("Turn cancelled.") : tr("The turn failed: %1").arg(msg));
            emit turnFinished(false, msg);
            return;
        }
        // The built-in planner (and a failed plan) delivers the answer whole, not as tokens.
        if (!answerStarted_)
            appendBlock(tr("Agent:"), r->answer.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
        if (!r->items.isEmpty()) {
            QString list = QStringLiteral("<ol>");
            for (int i = 0; i < r->items.size(); ++i)
                list += QStringLiteral("<li><a href=\"item:%1\">%2</a></li>")
                            .arg(r->items[i].toHtmlEscaped(), r->titles.value(i, r->items[i]).toHtmlEscaped());
            transcript_->append(list + QStringLiteral("</ol>"));
        }
        items_->setItems(r->items, r->titles);
        lastTraceId_ = r->traceId;
        showTrace_->setEnabled(true);
        const QString msg =
            tr("Turn %1 of conversation %2: %3 ms, %n LLM call(s), %4 tokens; trace %5 saved.", nullptr, r->llmCalls)
                .arg(r->turn)
                .arg(r->conversation)
                .arg(r->totalMs, 0, 'f', 0)
                .arg(r->tokens)
                .arg(r->traceId);
        status_->setText(r->errors.isEmpty()
                             ? msg
                             : msg + QLatin1Char(' ') + tr("Errors: %1").arg(r->errors.join(QStringLiteral("; "))));
        emit turnFinished(true, msg);
    });
}

}  // namespace rs::widgets
