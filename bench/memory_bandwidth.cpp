#include "bench/memory_bandwidth.h"

#include <tbb/global_control.h>

#include <chrono>
#include <vector>

#include "sim/parallel/blocks.h"

namespace reformsim::bench {
namespace {

void triad(std::vector<double>& a, const std::vector<double>& b, const std::vector<double>& c,
           double scalar) {
  for_each_block(
      a.size(),
      [&](const Block& block) {
        for (std::size_t i = block.begin; i < block.end; ++i)
          a[i] = b[i] + scalar * c[i];
      },
      1 << 16);
}

// 2^25 doubles = 256 MiB per array, far beyond any cache; threads from the benchmark argument.
void memory_bandwidth_triad(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(state.range(0)));
  const std::size_t elements = std::size_t{1} << 25;
  std::vector<double> a(elements, 0.0), b(elements, 1.0), c(elements, 2.0);
  for (auto _ : state) {
    triad(a, b, c, 3.0);
    benchmark::DoNotOptimize(a.data());
    benchmark::ClobberMemory();
  }
  state.counters["bytes_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * 24.0 * static_cast<double>(elements),
      benchmark::Counter::kIsRate);
}
BENCHMARK(memory_bandwidth_triad)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

double measure_triad_bandwidth(std::size_t elements, int repetitions) {
  std::vector<double> a(elements, 0.0), b(elements, 1.0), c(elements, 2.0);
  triad(a, b, c, 3.0);
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repetitions; ++r)
    triad(a, b, c, 3.0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return 24.0 * static_cast<double>(elements) * repetitions / seconds;
}

void set_throughput(benchmark::State& state, double agents_per_iteration, double bytes_per_agent) {
  const double agent_steps = static_cast<double>(state.iterations()) * agents_per_iteration;
  state.counters["agent_steps_per_second"] =
      benchmark::Counter(agent_steps, benchmark::Counter::kIsRate);
  state.counters["bytes_per_second"] =
      benchmark::Counter(agent_steps * bytes_per_agent, benchmark::Counter::kIsRate);
}

}  // namespace reformsim::bench
