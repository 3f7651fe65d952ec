// memory_bandwidth.h - the hardware reference for every kernel benchmark: a STREAM-like triad
// a[i] = b[i] + s * c[i] over arrays far larger than the caches, registered as the benchmark
// "memory_bandwidth/triad" in every benchmark binary (24 bytes moved per element). Kernels
// report their own bytes moved per agent-step as a "bytes_per_second" counter to compare.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>

namespace reformsim::bench {

// Bytes per second of the triad over `elements` doubles per array on the current thread count.
double measure_triad_bandwidth(std::size_t elements, int repetitions);

// Sets state.counters: agent_steps_per_second and bytes_per_second (rates), from the agents and
// bytes touched per iteration.
void set_throughput(benchmark::State& state, double agents_per_iteration, double bytes_per_agent);

}  // namespace reformsim::bench
