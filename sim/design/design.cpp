#include "sim/design/design.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "sim/design/design_random.h"
#include "sim/design/sobol_sequence.h"
#include "sim/random/random_stream.h"

namespace reformsim::design {
namespace {

using Index = Eigen::Index;

bool is_power_of_two(std::size_t n) {
  return n > 0 && (n & (n - 1)) == 0;
}

// A grid too large to enumerate is a typo (10 levels of 12 factors), refused before allocation.
constexpr double max_design_points = 1e8;

}  // namespace

std::string design_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::latin_hypercube:
      return "lhs";
    case DesignKind::sobol:
      return "sobol";
    case DesignKind::saltelli:
      return "saltelli";
    case DesignKind::morris:
      return "morris";
  }
  return "?";
}

std::optional<DesignKind> parse_design_kind(const std::string& name) {
  for (auto kind : {DesignKind::grid, DesignKind::latin_hypercube, DesignKind::sobol,
                    DesignKind::saltelli, DesignKind::morris})
    if (design_kind_name(kind) == name) return kind;
  return std::nullopt;
}

std::size_t design_point_count(const DesignSize& size) {
  switch (size.kind) {
    case DesignKind::grid: {
      const double points =
          std::pow(static_cast<double>(size.samples), static_cast<double>(size.factors));
      if (points > max_design_points)
        throw std::invalid_argument("a grid of " + std::to_string(size.samples) + "^" +
                                    std::to_string(size.factors) + " points is too large");
      return static_cast<std::size_t>(std::llround(points));
    }
    case DesignKind::saltelli:
      return size.samples * (size.factors + 2);
    case DesignKind::morris:
      return size.samples * (size.factors + 1);
    default:
      return size.samples;
  }
}

Eigen::MatrixXd grid_design(std::size_t levels, std::size_t factors) {
  const std::size_t points = design_point_count({DesignKind::grid, levels, factors, 4});
  Eigen::MatrixXd design(static_cast<Index>(points), static_cast<Index>(factors));
  for (std::size_t p = 0; p < points; ++p) {
    std::size_t rest = p;
    for (std::size_t f = factors; f-- > 0;) {
      const std::size_t level = rest % levels;
      rest /= levels;
      design(static_cast<Index>(p), static_cast<Index>(f)) =
          levels == 1 ? 0.5 : static_cast<double>(level) / static_cast<double>(levels - 1);
    }
  }
  return design;
}

Eigen::MatrixXd latin_hypercube_design(std::size_t samples, std::size_t factors,
                                       std::uint64_t seed) {
  Eigen::MatrixXd design(static_cast<Index>(samples), static_cast<Index>(factors));
  for (std::size_t f = 0; f < factors; ++f) {
    std::vector<std::size_t> strata(samples);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    RandomStream order(seed, {design_stream, latin_hypercube_permutation_purpose, f, 0});
    for (std::size_t i = samples; i > 1; --i)  // Fisher-Yates
      std::swap(strata[i - 1], strata[order.uniform_index(i)]);
    RandomStream jitter(seed, {design_stream, latin_hypercube_jitter_purpose, f, 0});
    for (std::size_t p = 0; p < samples; ++p)
      design(static_cast<Index>(p), static_cast<Index>(f)) =
          (static_cast<double>(strata[p]) + jitter.uniform()) / static_cast<double>(samples);
  }
  return design;
}

Eigen::MatrixXd sobol_design(std::size_t samples, std::size_t factors, std::uint64_t seed) {
  return SobolSequence(factors, seed).points(samples);
}

Eigen::MatrixXd saltelli_design(std::size_t base_samples, std::size_t factors, std::uint64_t seed) {
  if (!is_power_of_two(base_samples))
    throw std::invalid_argument("saltelli needs N a power of two (the Sobol net property), got " +
                                std::to_string(base_samples));
  const auto n = static_cast<Index>(base_samples), k = static_cast<Index>(factors);
  const Eigen::MatrixXd base = SobolSequence(2 * factors, seed).points(base_samples);
  Eigen::MatrixXd design(n * (k + 2), k);
  design.topRows(n) = base.leftCols(k);
  design.middleRows(n, n) = base.rightCols(k);
  for (Index i = 0; i < k; ++i) {
    design.middleRows((2 + i) * n, n) = base.leftCols(k);
    design.block((2 + i) * n, i, n, 1) = base.col(k + i);
  }
  return design;
}

double morris_delta(std::size_t levels) {
  return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

Eigen::MatrixXd morris_design(std::size_t trajectories, std::size_t factors, std::size_t levels,
                              std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("Morris needs an even number of levels >= 2, got " +
                                std::to_string(levels));
  const double delta = morris_delta(levels), spacing = 1.0 / static_cast<double>(levels - 1);
  const auto k = static_cast<Index>(factors);
  Eigen::MatrixXd design(static_cast<Index>(trajectories) * (k + 1), k);
  for (std::size_t t = 0; t < trajectories; ++t) {
    RandomStream start(seed, {design_stream, morris_start_purpose, t, 0});
    RandomStream order_draws(seed, {design_stream, morris_order_purpose, t, 0});
    Eigen::RowVectorXd point(k);
    for (Index f = 0; f < k; ++f)
      point(f) = static_cast<double>(start.uniform_index(levels)) * spacing;
    std::vector<Index> order(factors);
    std::iota(order.begin(), order.end(), Index{0});
    for (std::size_t i = factors; i > 1; --i)
      std::swap(order[i - 1], order[order_draws.uniform_index(i)]);
    const Index first_row = static_cast<Index>(t) * (k + 1);
    design.row(first_row) = point;
    for (Index j = 0; j < k; ++j) {
      const Index f = order[static_cast<std::size_t>(j)];
      // With p even, exactly one of x + delta, x - delta lies on the grid inside [0, 1].
      point(f) += point(f) + delta <= 1.0 + 1e-12 ? delta : -delta;
      point(f) = std::round(point(f) / spacing) * spacing;
      design.row(first_row + j + 1) = point;
    }
  }
  return design;
}

Eigen::MatrixXd make_unit_design(const DesignSize& size, std::uint64_t seed) {
  if (size.samples == 0) throw std::invalid_argument("a design needs at least one sample");
  if (size.factors == 0) throw std::invalid_argument("a design needs at least one factor");
  switch (size.kind) {
    case DesignKind::grid:
      return grid_design(size.samples, size.factors);
    case DesignKind::latin_hypercube:
      return latin_hypercube_design(size.samples, size.factors, seed);
    case DesignKind::sobol:
      return sobol_design(size.samples, size.factors, seed);
    case DesignKind::saltelli:
      return saltelli_design(size.samples, size.factors, seed);
    case DesignKind::morris:
      return morris_design(size.samples, size.factors, size.morris_levels, seed);
  }
  throw std::invalid_argument("unknown design");
}

double scale_unit_value(const FactorRange& range, double unit_value) {
  const double u = std::clamp(unit_value, 0.0, 1.0);
  if (range.logarithmic) {
    const double value =
        std::exp(std::log(range.low) + u * (std::log(range.high) - std::log(range.low)));
    return range.integer ? std::clamp(std::round(value), range.low, range.high) : value;
  }
  if (!range.integer) return range.low + u * (range.high - range.low);
  const double bins = range.high - range.low + 1.0;
  return std::min(range.low + std::floor(u * bins), range.high);
}

}  // namespace reformsim::design
