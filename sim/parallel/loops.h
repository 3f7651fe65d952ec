// loops.h - the engine's parallel loops over independent tasks (replications, scenarios,
// design points, particles) and its parallel sort. Every TBB loop in reformsim goes through
// these or through for_each_block (blocks.h), so the fork and join are annotated for
// ThreadSanitizer in one place (hand_off.h).
#pragma once

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>

#include "sim/parallel/hand_off.h"

namespace reformsim {

// Runs body(i) for every i in [first, last), in parallel, one index per task: each index is a
// large task (a whole replication, say) inside which the model's own phases run in parallel.
template <typename Index, typename Body>
void parallel_for_each_index(Index first, Index last, Body&& body) {
  HandOff hand_off;
  hand_off.fork();
  tbb::parallel_for(first, last, [&](Index i) {
    hand_off.task_begins();
    body(i);
    hand_off.task_ends();
  });
  hand_off.join();
}

// Sorts [begin, end) by less. Callers must give a total order (or sort values whose equal
// elements are indistinguishable), so the result does not depend on the algorithm. Under
// ThreadSanitizer the sort is sequential: TBB's parallel sort forks and joins internally,
// out of HandOff's reach, and it is TBB's code, not ours.
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
