// fork_join.h - the loop primitives' stand-in for tbb::parallel_for in ThreadSanitizer builds
// (loops.h, blocks.h): every task of a loop runs on std::threads started for that loop and
// joined before it returns.
//
// Why: Debian's libtbb.so is not built with -fsanitize=thread, so TSan sees neither how TBB
// hands a task to a worker nor how it joins it, and TBB's own bookkeeping on a reused stack
// frame looks like a race with the next model phase that uses that stack. TSan intercepts
// pthread_create and pthread_join, so it sees this fork-join whole, without annotations, and
// still checks every task against every other task of its loop. The callers keep TBB's
// decomposition (the same tasks, one per index or per block), so the code under test is the
// same. Other builds compile only the TBB code; this header is still compiled in their tests.
#pragma once

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace reformsim {

namespace fork_join_detail {
// The thread count of the fork_join whose tasks this thread is running, 0 outside one. Its
// workers belong to no TBB arena, so without it a loop nested in a task (a replication's
// phases) would run on the machine's default count instead of --threads.
inline thread_local int worker_threads = 0;

// Sets worker_threads for a scope, restoring it afterwards (also when a task throws).
class LoopThreadsScope {
 public:
  explicit LoopThreadsScope(int threads) : saved_(worker_threads) { worker_threads = threads; }
  ~LoopThreadsScope() { worker_threads = saved_; }
  LoopThreadsScope(const LoopThreadsScope&) = delete;
  LoopThreadsScope& operator=(const LoopThreadsScope&) = delete;

 private:
  int saved_;
};
}  // namespace fork_join_detail

// The number of threads a loop started on this thread may use: inside a fork_join task, that
// of its loop; elsewhere, as for TBB, the current arena's concurrency capped by
// tbb::global_control's max_allowed_parallelism (the limit --threads sets).
inline int loop_threads() {
  if (fork_join_detail::worker_threads > 0) return fork_join_detail::worker_threads;
  const std::size_t arena = static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
  const std::size_t allowed =
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  return static_cast<int>(std::max<std::size_t>(1, std::min(arena, allowed)));
}

// Runs task(k) once for every k in [0, tasks) on min(threads, tasks) threads: the caller and
// std::threads started here, each taking the next k from a shared counter. Loops nested in a
// task run on `threads` threads too. After the first exception no further task starts; it is
// rethrown once every thread is joined, as tbb::parallel_for does.
template <typename Task>
void fork_join(std::size_t tasks, int threads, Task&& task) {
  // Relaxed on purpose: an acquiring counter would order each task after the one that took the
  // previous k, and TSan would miss races between them.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::exception_ptr first_error;
  const auto work = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t k = next.fetch_add(1, std::memory_order_relaxed);
      if (k >= tasks) return;
      try {
        task(k);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed.store(true, std::memory_order_relaxed);
      }
    }
  };
  const int loop = std::max(threads, 1);
  const std::size_t started = std::min(tasks, static_cast<std::size_t>(loop));
  std::vector<std::thread> workers;
  const auto join_all = [&] {
    for (auto& worker : workers)
      worker.join();
  };
  try {
    workers.reserve(started > 0 ? started - 1 : 0);
    for (std::size_t w = 1; w < started; ++w)
      workers.emplace_back([&work, loop] {
        const fork_join_detail::LoopThreadsScope scope(loop);
        work();
      });
  } catch (...) {  // a thread could not be started: stop those that were, then report it
    failed.store(true, std::memory_order_relaxed);
    join_all();
    throw;
  }
  {
    const fork_join_detail::LoopThreadsScope scope(loop);
    work();
  }
  join_all();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace reformsim
