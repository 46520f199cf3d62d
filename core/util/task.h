#pragma once
// Cancellation and progress for long work. A Task is passed by const reference into slow core
// calls; they check cancelled() between chunks and call report() with a fraction in [0, 1].
// The cancel flag is shared: copies of a CancelToken observe the same flag, so a GUI thread can
// keep one copy and cancel while a worker holds another. Thread-safe.
#include <atomic>
#include <functional>
#include <memory>
#include <string_view>

namespace rs::util {

class CancelToken {
public:
    void cancel() const { flag_->store(true, std::memory_order_relaxed); }
    bool cancelled() const { return flag_->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> flag_ = std::make_shared<std::atomic<bool>>(false);
};

// Called from the worker thread (possibly from several worker threads for multi-threaded work:
// implementations must be thread-safe). fraction is in [0, 1]; stage is a short human label.
using ProgressFn = std::function<void(double fraction, std::string_view stage)>;

struct Task {
    CancelToken cancel;
    ProgressFn progress;

    bool cancelled() const { return cancel.cancelled(); }
    void report(double fraction, std::string_view stage) const {
        if (progress) progress(fraction, stage);
    }
};

inline constexpr std::string_view kCancelledMessage = "cancelled";

}  // namespace rs::util
