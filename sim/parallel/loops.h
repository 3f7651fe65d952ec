// loops.h - the engine's parallel loops over independent tasks (replications, scenarios,
// design points, particles), two tasks side by side, and its parallel sort. Every parallel loop in
// reformsim goes through these or through for_each_block (blocks.h), so ThreadSanitizer builds can
// run them without TBB's uninstrumented scheduler in one place (fork_join.h).
#pragma once

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cstddef>

#include "sim/parallel/fork_join.h"
#include "sim/parallel/thread_sanitizer.h"

namespace reformsim {

namespace loops_detail {
// How many loops of parallel_for_each_index with at least as many indices as threads the
// calling thread is running a task of (0 outside any).
inline thread_local int filling_loops = 0;

class FillingLoopScope {
 public:
  explicit FillingLoopScope(bool fills) : fills_(fills) { filling_loops += fills_; }
  ~FillingLoopScope() { filling_loops -= fills_; }
  FillingLoopScope(const FillingLoopScope&) = delete;
  FillingLoopScope& operator=(const FillingLoopScope&) = delete;

 private:
  int fills_;
};
}  // namespace loops_detail

// Whether the calling thread runs a task of a parallel_for_each_index over at least as many
// indices as the loop has threads (replications, particles, scenarios): that loop keeps every
// thread busy, so the model phases inside one of its tasks gain nothing from cutting their work
// finer than their blocks (tiled_reduction.h) and only pay the forks.
inline bool inside_a_loop_that_fills_the_threads() {
  return loops_detail::filling_loops > 0;
}

// Runs body(i) for every i in [first, last), in parallel, one index per task: each index is a
// large task (a whole replication, say) inside which the model's own phases run in parallel.
// The first exception a body throws is rethrown here once the loop has stopped.
template <typename Index, typename Body>
void parallel_for_each_index(Index first, Index last, Body&& body) {
  if (!(first < last)) return;
  const bool fills =
      static_cast<std::size_t>(last - first) >= static_cast<std::size_t>(loop_threads());
  const auto run = [&](Index i) {
    loops_detail::FillingLoopScope scope(fills);
    body(i);
  };
#ifdef REFORMSIM_THREAD_SANITIZER
  fork_join(static_cast<std::size_t>(last - first), loop_threads(),
            [&](std::size_t k) { run(static_cast<Index>(first + static_cast<Index>(k))); });
#else
  tbb::parallel_for(first, last, run);
#endif
}

// Runs body(i) for every i in [first, last), in parallel, each index a task of its own (never
// grouped with its neighbours, as an adaptive partitioner may), so that a few uneven tasks
// listed largest first are spread over the threads close to the longest-first schedule.
template <typename Index, typename Body>
void parallel_for_each_task(Index first, Index last, Body&& body) {
#ifdef REFORMSIM_THREAD_SANITIZER
  parallel_for_each_index(first, last, body);
#else
  tbb::parallel_for(
      tbb::blocked_range<Index>(first, last, 1),
      [&](const tbb::blocked_range<Index>& range) {
        for (Index i = range.begin(); i != range.end(); ++i)
          body(i);
      },
      tbb::simple_partitioner());
#endif
}

// Runs first() and second() at once, each a task of its own, and returns when both have. For a
// piece of work that must stay on one thread (an ordered floating-point sum, whose bits would
// change if it were split) beside a parallel loop that neither reads what it writes nor writes
// what it reads: while one thread does the serial piece, the others share the loop. Inside a
// loop that already fills the threads (replications), or on one thread, one after the other:
// there a fork only costs.
template <typename First, typename Second>
void run_side_by_side(First&& first, Second&& second) {
  if (loop_threads() < 2 || inside_a_loop_that_fills_the_threads()) {
    first();
    second();
    return;
  }
  parallel_for_each_task(0, 2, [&](int task) { task == 0 ? first() : second(); });
}

// Sorts [begin, end) by less. Callers must give a total order (or sort values whose equal
// elements are indistinguishable), so the result does not depend on the algorithm. Under
// ThreadSanitizer the sort is sequential: TBB's parallel sort forks and joins inside the
// uninstrumented libtbb.so, and it is TBB's code, not ours.
template <typename Iterator, typename Less>
void parallel_sort(Iterator begin, Iterator end, Less less) {
#ifdef REFORMSIM_THREAD_SANITIZER
  std::sort(begin, end, less);
#else
  tbb::parallel_sort(begin, end, less);
#endif
}

template <typename Iterator>
void parallel_sort(Iterator begin, Iterator end) {
  parallel_sort(begin, end, std::less<>());
}

}  // namespace reformsim
