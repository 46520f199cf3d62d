#include "llm/httpclient.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <mutex>

#include "llm/cassette.h"

namespace rs::llm {

namespace {

using Clock = std::chrono::steady_clock;

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", s);
    return buf;
}

// Why the transfer was stopped from our side (the curl code alone cannot tell these apart).
enum class StopReason { None, Cancelled, FirstByte, Idle, Callback };

struct Transfer {
    const HttpRequest* request = nullptr;
    const util::CancelToken* cancel = nullptr;
    const BodyFn* onBody = nullptr;
    Clock::time_point start;
    Clock::time_point lastByte;
    bool gotBody = false;
    StopReason stop = StopReason::None;
    HttpResponse* response = nullptr;
    std::vector<std::string>* chunks = nullptr;
    std::vector<double>* chunkSeconds = nullptr;

    // Checked from curl's transfer-info callback and from the poll loop.
    bool shouldStop() {
        if (stop != StopReason::None) return true;
        if (cancel->cancelled()) {
            stop = StopReason::Cancelled;
        } else if (!gotBody && request->timeouts.firstByteSeconds > 0 &&
                   since(start) > request->timeouts.firstByteSeconds) {
            stop = StopReason::FirstByte;
        } else if (gotBody && request->timeouts.idleSeconds > 0 && since(lastByte) > request->timeouts.idleSeconds) {
            stop = StopReason::Idle;
        }
        return stop != StopReason::None;
    }
};

size_t onWrite(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    const std::string_view chunk(data, n);
    const auto now = Clock::now();
    if (!t->gotBody) {
        t->gotBody = true;
        t->response->firstByteSeconds = std::chrono::duration<double>(now - t->start).count();
    }
    t->lastByte = now;
    t->response->body.append(chunk);
    if (t->chunks) {
        t->chunks->emplace_back(chunk);
        t->chunkSeconds->push_back(std::chrono::duration<double>(now - t->start).count());
    }
    if (t->onBody && *t->onBody && !(*t->onBody)(chunk, t->response->status)) {
        t->stop = StopReason::Callback;
        return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    return n;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    const std::string_view line = trim(std::string_view(data, n));
    if (line.starts_with("HTTP/")) {
        t->response->headers.clear();  // a new response (after 100 Continue): keep only its headers
        const size_t sp = line.find(' ');
        if (sp != std::string_view::npos) t->response->status = std::atoi(std::string(line.substr(sp + 1, 3)).c_str());
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        t->response->headers.emplace_back(lower(trim(line.substr(0, colon))),
                                          std::string(trim(line.substr(colon + 1))));
    }
    return n;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<Transfer*>(user)->shouldStop() ? 1 : 0;
}

HttpResponse failed(const HttpRequest& r, Transport kind, const std::string& cause) {
    HttpResponse resp;
    resp.transport = kind;
    resp.error = describeRequest(r.method, r.url) + ": " + cause;
    return resp;
}

}  // namespace

struct HttpClient::Handles {
    CURL* easy = nullptr;
    CURLM* multi = nullptr;
    ~Handles() {
        if (easy) curl_easy_cleanup(easy);
        if (multi) curl_multi_cleanup(multi);
    }
};

std::string describeRequest(std::string_view method, std::string_view url) {
    return std::string(method) + " " + std::string(url.substr(0, url.find('?')));
}

std::optional<std::string> HttpResponse::header(std::string_view lowerName) const {
    for (const auto& [name, value] : headers)
        if (name == lowerName) return value;
    return std::nullopt;
}

std::optional<double> HttpResponse::retryAfterSeconds() const {
    auto v = header("retry-after");
    if (!v || v->empty()) return std::nullopt;
    char* end = nullptr;
    const double s = std::strtod(v->c_str(), &end);
    if (end && *end == '\0') return std::max(0.0, s);
    std::tm tm{};
    if (!strptime(v->c_str(), "%a, %d %b %Y %H:%M:%S", &tm)) return std::nullopt;
    const double delta = std::difftime(timegm(&tm), std::time(nullptr));
    return std::max(0.0, delta);
}

HttpClient::HttpClient() : handles_(std::make_unique<Handles>()) {
    globalInit();
}
HttpClient::~HttpClient() = default;

HttpResponse HttpClient::send(const HttpRequest& request, const util::CancelToken& cancel, const BodyFn& onBody) {
    if (!cassette_ || (!cassette_->replays() && !cassette_->records())) {
        return perform(request, cancel, onBody, nullptr, nullptr);
    }
    const RecordedRequest key{request.method, request.endpoint.empty() ? request.url : request.endpoint, request.body};
    if (cassette_->replays()) {
        auto found = cassette_->find(key);
        if (!found) return failed(request, Transport::Other, "cassette: " + found.message());
        if (found->has_value()) {
            const RecordedResponse& rec = **found;
            HttpResponse resp;
            resp.transport = Transport::Ok;
            resp.status = rec.status;
            resp.replayed = true;
            resp.seconds = rec.seconds;
            for (const auto& [name, value] : rec.headers) resp.headers.emplace_back(lower(name), value);
            for (size_t i = 0; i < rec.chunks.size(); ++i) {
                if (cancel.cancelled())
                    return failed(request, Transport::Cancelled, std::string(util::kCancelledMessage));
                if (resp.firstByteSeconds < 0) resp.firstByteSeconds = rec.chunkSeconds[i];
                resp.body += rec.chunks[i];
                if (onBody && !onBody(rec.chunks[i], rec.status))
                    return failed(request, Transport::Aborted, "stopped by the reader");
            }
            return resp;
        }
        if (cassette_->mode() == CassetteMode::Replay)
            return failed(request, Transport::Other,
                          "cassette has no recording of this request (replay mode never calls the server)");
    }
    std::vector<std::string> chunks;
    std::vector<double> chunkSeconds;
    HttpResponse resp = perform(request, cancel, onBody, &chunks, &chunkSeconds);
    if (resp.ok()) {
        RecordedResponse rec{resp.status, resp.headers, std::move(chunks), std::move(chunkSeconds), resp.seconds};
        if (auto st = cassette_->record(key, rec); !st)
            return failed(request, Transport::Other, "cassette: cannot record: " + st.message());
    }
    return resp;
}

HttpResponse HttpClient::perform(const HttpRequest& request, const util::CancelToken& cancel, const BodyFn& onBody,
                                 std::vector<std::string>* chunks, std::vector<double>* chunkSeconds) {
    if (cancel.cancelled()) return failed(request, Transport::Cancelled, std::string(util::kCancelledMessage));
    auto& h = *handles_;
    if (!h.easy) h.easy = curl_easy_init();
    if (!h.multi) h.multi = curl_multi_init();
    if (!h.easy || !h.multi) return failed(request, Transport::Other, "cannot initialise libcurl");
    CURL* easy = h.easy;
    curl_easy_reset(easy);

    HttpResponse resp;
    Transfer t;
    t.request = &request;
    t.cancel = &cancel;
    t.onBody = &onBody;
    t.start = t.lastByte = Clock::now();
    t.response = &resp;
    t.chunks = chunks;
    t.chunkSeconds = chunkSeconds;

    // The header list holds secrets: it lives only for this call and is freed on every path.
    struct SList {
        curl_slist* list = nullptr;
        ~SList() { curl_slist_free_all(list); }
    } headers;
    bool hasContentType = false;
    for (const auto& [name, value] : request.headers) {
        if (lower(name) == "content-type") hasContentType = true;
        headers.list = curl_slist_append(headers.list, (name + ": " + value).c_str());
    }
    // Without this curl waits up to 1 s for "100 Continue" before sending a body over 1 KiB.
    headers.list = curl_slist_append(headers.list, "Expect:");
    if (request.method == "POST" && !hasContentType)
        headers.list = curl_slist_append(headers.list, "Content-Type: application/json");

    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
    if (request.method == "POST") {
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method != "GET") {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &t);
    const auto ms = [](double s) { return static_cast<long>(s * 1000.0); };
    if (request.timeouts.connectSeconds > 0)
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, ms(request.timeouts.connectSeconds));
    if (request.timeouts.totalSeconds > 0)
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, ms(request.timeouts.totalSeconds));
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);

    // The multi loop (rather than curl_easy_perform) lets us check the cancel token and the
    // first-byte/idle deadlines every 20 ms even while curl waits on a silent socket.
    curl_multi_add_handle(h.multi, easy);
    CURLcode code = CURLE_OK;
    bool done = false;
    while (!done) {
        int running = 0;
        if (curl_multi_perform(h.multi, &running) != CURLM_OK) {
            code = CURLE_FAILED_INIT;
            break;
        }
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(h.multi, &left)) {
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy) {
                code = msg->data.result;
                done = true;
            }
        }
        if (done) break;
        if (t.shouldStop()) {
            code = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        curl_multi_poll(h.multi, nullptr, 0, 20, nullptr);
    }
    // Removing an unfinished transfer closes its connection, so a hung server cannot leak into
    // the next call.
    curl_multi_remove_handle(h.multi, easy);
    resp.seconds = since(t.start);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    resp.status = static_cast<int>(status);

    const std::string detail = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(code));
    switch (t.stop) {
        case StopReason::Cancelled:
            return failed(request, Transport::Cancelled, std::string(util::kCancelledMessage));
        case StopReason::FirstByte:
            return failed(request, Transport::Timeout,
                          "no response within the first-token timeout of " +
                              seconds(request.timeouts.firstByteSeconds) + " (server busy or hung?)");
        case StopReason::Idle:
            return failed(
                request, Transport::Timeout,
                "the response stalled for more than " + seconds(request.timeouts.idleSeconds) + " (idle timeout)");
        case StopReason::Callback:
            return failed(request, Transport::Aborted, "stopped by the reader");
        case StopReason::None:
            break;
    }
    switch (code) {
        case CURLE_OK:
            resp.transport = Transport::Ok;
            return resp;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return failed(request, Transport::Unreachable, "cannot resolve the host name (" + detail + ")");
        case CURLE_COULDNT_CONNECT:
            return failed(request, Transport::Unreachable,
                          "cannot connect: server not running or host unreachable (" + detail + ")");
        case CURLE_OPERATION_TIMEDOUT: {
            double connectTime = 0;
            curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME, &connectTime);
            if (connectTime <= 0)
                return failed(request, Transport::Timeout,
                              "cannot connect within the connect timeout of " +
                                  seconds(request.timeouts.connectSeconds) + " (" + detail + ")");
            return failed(request, Transport::Timeout,
                          "no complete response within the total timeout of " + seconds(request.timeouts.totalSeconds));
        }
        case CURLE_SSL_CONNECT_ERROR:
            // The usual cause is an https:// URL for a local server that speaks plain http.
            return failed(request, Transport::Tls,
                          "TLS handshake failed (" + detail +
                              "); if this is a local server (Ollama, llama.cpp, vLLM, LM Studio) use http://");
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
            return failed(request, Transport::Tls, "TLS error (certificate or handshake): " + detail);
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
            return failed(request, Transport::Broken, "the connection closed mid-response (" + detail + ")");
        default:
            return failed(request, Transport::Other, detail);
    }
}

}  // namespace rs::llm
