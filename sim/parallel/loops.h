// loops.h - the engine's parallel loops over independent tasks (replications, scenarios,
// design points, particles) and its parallel sort. Every parallel loop in reformsim goes
// through these or through for_each_block (blocks.h), so ThreadSanitizer builds can run them
// without TBB's uninstrumented scheduler in one place (fork_join.h).
#pragma once

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cstddef>

#include "sim/parallel/thread_sanitizer.h"
#ifdef REFORMSIM_THREAD_SANITIZER
#include "sim/parallel/fork_join.h"
#endif

namespace reformsim {

// Runs body(i) for every i in [first, last), in parallel, one index per task: each index is a
// large task (a whole replication, say) inside which the model's own phases run in parallel.
// The first exception a body throws is rethrown here once the loop has stopped.
template <typename Index, typename Body>
void parallel_for_each_index(Index first, Index last, Body&& body) {
#ifdef REFORMSIM_THREAD_SANITIZER
  if (!(first < last)) return;
  fork_join(static_cast<std::size_t>(last - first), loop_threads(),
            [&](std::size_t k) { body(static_cast<Index>(first + static_cast<Index>(k))); });
#else
  tbb::parallel_for(first, last, [&](Index i) { body(i); });
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
