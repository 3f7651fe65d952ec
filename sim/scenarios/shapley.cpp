#include "sim/scenarios/shapley.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>

#include "sim/random/random_stream.h"

namespace reformsim {

std::vector<double> exact_shapley(std::size_t measures, const std::vector<double>& value) {
  const std::size_t masks = std::size_t{1} << measures;
  if (value.size() != masks) throw std::invalid_argument("exact Shapley needs v of every subset");
  // weight[s] = s! (n - s - 1)! / n!, computed as a product to stay exact for n up to 20.
  std::vector<double> weight(measures, 1.0);
  for (std::size_t s = 0; s < measures; ++s) {
    double w = 1.0 / static_cast<double>(measures);
    for (std::size_t k = 1; k <= s; ++k)
      w *= static_cast<double>(k) / static_cast<double>(measures - k);
    weight[s] = w;
  }
  std::vector<double> phi(measures, 0.0);
  for (std::size_t i = 0; i < measures; ++i) {
    const MeasureMask bit = MeasureMask{1} << i;
    for (MeasureMask subset = 0; subset < masks; ++subset) {
      if (subset & bit) continue;
      phi[i] += weight[static_cast<std::size_t>(std::popcount(subset))] *
                (value[subset | bit] - value[subset]);
    }
  }
  return phi;
}

std::vector<std::vector<std::size_t>> sample_permutations(std::size_t measures,
                                                          std::size_t permutations,
                                                          std::uint64_t seed) {
  std::vector<std::vector<std::size_t>> orders(permutations);
  for (std::size_t p = 0; p < permutations; ++p) {
    RandomStream random(seed, DrawAddress{0, 0, p, 0});
    auto& order = orders[p];
    order.resize(measures);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = measures; i > 1; --i)
      std::swap(order[i - 1], order[random.uniform_index(i)]);
  }
  return orders;
}

std::vector<MeasureMask> masks_for_permutations(
    const std::vector<std::vector<std::size_t>>& orders) {
  std::set<MeasureMask> masks{0};
  for (const auto& order : orders) {
    MeasureMask prefix = 0;
    for (std::size_t measure : order)
      masks.insert(prefix |= MeasureMask{1} << measure);
  }
  return {masks.begin(), masks.end()};
}

std::vector<double> sampled_shapley(std::size_t measures,
                                    const std::vector<std::vector<std::size_t>>& orders,
                                    const std::map<MeasureMask, double>& value,
                                    std::vector<double>* sampling_se) {
  std::vector<double> sum(measures, 0.0), squares(measures, 0.0);
  for (const auto& order : orders) {
    MeasureMask prefix = 0;
    for (std::size_t measure : order) {
      const MeasureMask next = prefix | MeasureMask{1} << measure;
      const double contribution = value.at(next) - value.at(prefix);
      sum[measure] += contribution;
      squares[measure] += contribution * contribution;
      prefix = next;
    }
  }
  const double count = static_cast<double>(orders.size());
  std::vector<double> phi(measures);
  // One permutation gives no spread to estimate the error from: NaN, never a false 0.
  if (sampling_se)
    sampling_se->assign(measures,
                        orders.size() > 1 ? 0.0 : std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < measures; ++i) {
    phi[i] = sum[i] / count;
    if (sampling_se && orders.size() > 1) {
      const double variance = (squares[i] - count * phi[i] * phi[i]) / (count - 1);
      (*sampling_se)[i] = std::sqrt(std::max(0.0, variance) / count);
    }
  }
  return phi;
}

}  // namespace reformsim
