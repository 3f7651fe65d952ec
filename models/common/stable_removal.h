// stable_removal.h - removing flagged agents from a structure-of-arrays population, keeping the
// order of those who stay (so ids stay sorted and every later block reduction sums in the same
// order on any thread count). The flags are scanned once, in parallel blocks, into the positions
// that go (selected_indices.h); each column then moves the runs between those positions down with
// one block copy per run (a memmove, not a test and copy per agent), and the columns are compacted
// in parallel: they are independent, so the result is the same on any number of threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "models/common/selected_indices.h"
#include "sim/parallel/loops.h"

namespace reformsim::models {

// Stable in-place removal of the entries at `positions` (ascending) of one column.
template <typename T>
void remove_positions(std::vector<T>& values, std::span<const std::size_t> positions) {
  if (positions.empty()) return;
  std::size_t kept = positions[0];
  for (std::size_t k = 0; k < positions.size(); ++k) {
    const std::size_t begin = positions[k] + 1;
    const std::size_t end = k + 1 < positions.size() ? positions[k + 1] : values.size();
    std::copy(values.begin() + static_cast<std::ptrdiff_t>(begin),
              values.begin() + static_cast<std::ptrdiff_t>(end),
              values.begin() + static_cast<std::ptrdiff_t>(kept));
    kept += end - begin;
  }
  values.resize(kept);
}

// Calls compact(column) once for each of the `columns` columns that visit(f) passes to f (in a
// fixed order), the columns in parallel.
template <typename Visit, typename Compact>
void for_each_column_in_parallel(std::size_t columns, Visit&& visit, Compact&& compact) {
  parallel_for_each_index(std::size_t{0}, columns, [&](std::size_t wanted) {
    std::size_t index = 0;
    visit([&](auto& column) {
      if (index++ == wanted) compact(column);
    });
  });
}

// Removes the agents at `positions` (ascending) from every column of the population, keeping
// the order of the others. Population has for_each_column(visit) and column_count.
template <typename Population>
void remove_from_every_column(Population& population, std::span<const std::size_t> positions) {
  if (positions.empty()) return;
  for_each_column_in_parallel(
      Population::column_count, [&](auto&& visit) { population.for_each_column(visit); },
      [&](auto& column) { remove_positions(column, positions); });
}

// Removes the agents whose flag (one of the population's columns, or beside them) is not 0 from
// every column of the population, keeping the order; returns how many went. `selection` is kept
// between calls.
template <typename Population>
std::size_t remove_flagged(Population& population, const std::vector<std::uint8_t>& flags,
                           SelectedIndices& selection) {
  // Before the flags' own column moves.
  const std::span<const std::size_t> positions =
      selection.select(flags.size(), [&](std::size_t i) { return flags[i] != 0; });
  remove_from_every_column(population, positions);
  return positions.size();
}

}  // namespace reformsim::models
