// shapley.h - Shapley values of a cooperative game over a set of n reform measures: how much of
// the effect of all measures together, v(all) - v(none), each measure accounts for, with the
// interactions between measures shared out fairly (Shapley 1953). The values always sum to
// v(all) - v(none) (efficiency), exactly for both methods below.
//
// Subsets of measures are bit masks: bit i set = measure i on.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace reformsim {

using MeasureMask = std::uint32_t;

// Exact: phi_i = sum over S not containing i of |S|! (n - |S| - 1)! / n! [v(S + i) - v(S)].
// value has an entry for each of the 2^n masks.
std::vector<double> exact_shapley(std::size_t measures, const std::vector<double>& value);

// Permutations of 0..n-1 drawn from seed (Fisher-Yates on Philox draws), for sampling.
std::vector<std::vector<std::size_t>> sample_permutations(std::size_t measures,
                                                          std::size_t permutations,
                                                          std::uint64_t seed);

// The masks a set of permutations needs (every prefix of every permutation), sorted.
std::vector<MeasureMask> masks_for_permutations(
    const std::vector<std::vector<std::size_t>>& orders);

// Sampled: phi_i = mean over permutations of v(prefix + i) - v(prefix) (Castro, Gomez & Tejada
// 2009). value gives v for every mask masks_for_permutations returned. sampling_se receives the
// standard error of each phi_i over the permutations (NaN from a single permutation).
std::vector<double> sampled_shapley(std::size_t measures,
                                    const std::vector<std::vector<std::size_t>>& orders,
                                    const std::map<MeasureMask, double>& value,
                                    std::vector<double>* sampling_se = nullptr);

}  // namespace reformsim
