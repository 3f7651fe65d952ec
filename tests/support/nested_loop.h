// nested_loop.h - runs a loop nested in a task of an outer parallel_for_each_index, the way a
// replication's phases run inside the replication loop, so the tests of both loop primitives
// can check that the thread count reaches the inner loop from the outer one.
#pragma once

#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/parallel/loops.h"
#include "tests/support/concurrency_probe.h"

namespace reformsim::testing {

// Runs `tasks` outer tasks, each made to wait by `outer` until all run at once, then
// inner_loop() inside the lowest one not on the calling thread: a worker, so the thread count
// must have reached it from the outer loop. Call it on the thread that owns the loop's arena.
template <typename InnerLoop>
void run_inside_a_worker_of_an_outer_loop(std::size_t tasks, ConcurrencyProbe& outer,
                                          InnerLoop inner_loop) {
  const auto caller = std::this_thread::get_id();
  std::mutex mutex;
  std::vector<std::thread::id> task_thread(tasks);
  parallel_for_each_index(std::size_t{0}, tasks, [&](std::size_t t) {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      task_thread[t] = std::this_thread::get_id();
    }
    outer.task_begins();  // every outer task on its own thread, all at once, each known to all
    outer.task_ends();
    std::size_t chosen = tasks;
    {
      const std::lock_guard<std::mutex> lock(mutex);
      for (std::size_t o = 0; o < tasks && chosen == tasks; ++o)
        if (task_thread[o] != caller) chosen = o;
    }
    if (t == chosen) inner_loop();
  });
}

}  // namespace reformsim::testing
