#pragma once
// parallelFor: runs fn(begin, end) over [0, n) in chunks of `grain` on `threads` std::threads
// (the calling thread is one of them). Chunks are handed out dynamically, so the order in which
// indices run is not fixed: fn must write only to state owned by its indices (or to per-thread
// scratch) for the result to be independent of the thread count. Blocks until all chunks ran.
// fn may return false to stop handing out further chunks (used for cancellation).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace rs::models {

template <class Fn>  // Fn: bool(int64_t begin, int64_t end, int threadIndex)
void parallelFor(int64_t n, int threads, int64_t grain, Fn&& fn) {
    if (n <= 0) return;
    grain = std::max<int64_t>(1, grain);
    const int64_t chunks = (n + grain - 1) / grain;
    const int workers = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, chunks)));
    std::atomic<int64_t> next{0};
    std::atomic<bool> stop{false};
    auto run = [&](int t) {
        while (!stop.load(std::memory_order_relaxed)) {
            const int64_t c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks) break;
            const int64_t b = c * grain, e = std::min(n, b + grain);
            if (!fn(b, e, t)) stop.store(true, std::memory_order_relaxed);
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(workers - 1));
    for (int t = 1; t < workers; ++t) pool.emplace_back(run, t);
    run(0);
    for (auto& th : pool) th.join();
}

}  // namespace rs::models
