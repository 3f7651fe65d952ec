// design.h - experimental designs on the unit cube [0, 1]^k, one design point per row, and
// the map from a unit coordinate to a parameter's value. Every design is a pure function of its
// size and seed, so each shard, rank or resumed run rebuilds exactly the same points.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <optional>
#include <string>

namespace reformsim::design {

enum class DesignKind { grid, latin_hypercube, sobol, saltelli, morris };

std::string design_kind_name(DesignKind kind);  // "grid", "lhs", "sobol", "saltelli", "morris"
std::optional<DesignKind> parse_design_kind(const std::string& name);

struct DesignSize {
  DesignKind kind = DesignKind::latin_hypercube;
  std::size_t samples = 0;  // grid: levels per factor; saltelli: base N; morris: trajectories
  std::size_t factors = 0;
  std::size_t morris_levels = 4;  // p, even
};

// Rows of the design: levels^k (grid), N (lhs, sobol), N (k + 2) (saltelli), r (k + 1) (morris).
std::size_t design_point_count(const DesignSize& size);

// Full factorial: levels per factor at i / (levels - 1) (0.5 for one level); factor 0 varies
// slowest.
Eigen::MatrixXd grid_design(std::size_t levels, std::size_t factors);

// Latin hypercube (McKay, Beckman & Conover 1979): each factor's N strata [j/N, (j+1)/N)
// hold exactly one point, at a uniform position inside, strata paired by random permutations.
Eigen::MatrixXd latin_hypercube_design(std::size_t samples, std::size_t factors,
                                       std::uint64_t seed);

// The first N points of the scrambled Sobol sequence in k dimensions.
Eigen::MatrixXd sobol_design(std::size_t samples, std::size_t factors, std::uint64_t seed);

// Saltelli's radial design (Saltelli et al. 2010, Comput. Phys. Commun. 181, 259-270): A and
// B are the first and last k columns of a scrambled 2k-dimensional Sobol sample of N points
// (N a power of two); AB_i is A with column i from B. Rows: A (N), B (N), then AB_1 .. AB_k
// (N each): N (k + 2) rows, base sample j of block b at row b N + j.
Eigen::MatrixXd saltelli_design(std::size_t base_samples, std::size_t factors, std::uint64_t seed);

// Morris trajectories (Morris 1991, Technometrics 33, 161-174): on the grid of p levels
// {0, 1/(p-1), ..., 1}, each trajectory starts at a random grid point and moves one factor at a
// time, in a random order, by delta = p / (2 (p - 1)): up if that stays in [0, 1], else down.
// Trajectory t, step j is row t (k + 1) + j. p must be even (so exactly one move is possible).
Eigen::MatrixXd morris_design(std::size_t trajectories, std::size_t factors, std::size_t levels,
                              std::uint64_t seed);
double morris_delta(std::size_t levels);

// The design named by size, built from seed. Throws std::invalid_argument for a size the
// design cannot take (zero samples, saltelli N not a power of two, odd Morris levels, ...).
Eigen::MatrixXd make_unit_design(const DesignSize& size, std::uint64_t seed);

// A factor's range: values from low to high, uniform on a log scale if logarithmic; integer
// factors split [low, high] into high - low + 1 equally wide bins, one per integer (so every
// integer is equally likely under a uniform design, ends included).
struct FactorRange {
  std::string name;
  double low = 0;
  double high = 1;
  bool logarithmic = false;
  bool integer = false;
  std::string unit;  // for output files only; not part of the range
};
double scale_unit_value(const FactorRange& range, double unit_value);

}  // namespace reformsim::design
