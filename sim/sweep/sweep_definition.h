// sweep_definition.h - what a sweep is: the model, the design (kind, size, swept parameters and
// their ranges), replications, master seed, chunking and the base scenario's effective config.
// Its canonical text is written into the design file and every chunk file; a resumed run, a
// shard or an MPI rank continues a sweep only when its own text is the same.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/design/design.h"
#include "sim/run/scenario.h"

namespace reformsim::sweep {

// "NAME=LOW:HIGH[:log]" for a declared real or integer parameter of base's registry; both
// ends are checked with ParameterSet::set_value, so the declared range applies. Throws
// ConfigError("command line", "--param", text, problem) for an unknown or non-numeric
// parameter, bad numbers, LOW >= HIGH, or log with LOW <= 0.
design::FactorRange parse_parameter_range(const std::string& text, const ParameterSet& base);

struct SweepDefinition {
  std::string model;
  design::DesignSize size;
  std::vector<design::FactorRange> factors;
  std::size_t replications = 1;
  std::uint64_t master_seed = 0;
  std::size_t chunk_points = 1;  // design points per chunk file
  std::string config;            // ParameterSet::to_ini() of the base scenario

  std::size_t points() const { return design::design_point_count(size); }
  std::size_t chunks() const { return (points() + chunk_points - 1) / chunk_points; }
  // One "key = value" line per field, factors and config included: equal texts, same sweep.
  std::string text() const;
};

// Default chunk size: about 512 chunk files at most, at least one point each, so a killed
// sweep loses little and a merge opens a bounded number of files.
std::size_t default_chunk_points(std::size_t points);

// The first line where two definition texts differ, as "expected / found" (empty if equal).
std::string first_difference(const std::string& expected, const std::string& found);

struct SweepDesign {
  SweepDefinition definition;
  Eigen::MatrixXd unit;    // points x factors, in [0, 1]
  Eigen::MatrixXd values;  // points x factors, in the parameters' units (integers rounded)
};

// Builds the unit design from the definition's seed and scales it. Throws ConfigError (origin
// "command line") when the design cannot take the size (e.g. saltelli N not a power of two).
SweepDesign build_design(const SweepDefinition& definition);

// The base parameters with point's factor values set through ParameterSet::set_value.
ParameterSet point_parameters(const ParameterSet& base, const SweepDesign& design,
                              std::size_t point);

// Every point's parameters pass the declared ranges and the model's own validation, and
// record the same metric shapes and number of steps as the base scenario (an output array
// cannot change shape along `point`). Throws ConfigError naming the point and parameter.
void validate_design_points(const Scenario& scenario, const SweepDesign& design);

}  // namespace reformsim::sweep
