#include "sim/sweep/sweep_definition.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "sim/config/config_error.h"
#include "sim/random/philox.h"

namespace reformsim::sweep {
namespace {

const std::string command_line = "command line";

double parse_number(const std::string& text, const std::string& whole, const std::string& what) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(value))
    throw ConfigError(command_line, "--param", whole, what + " '" + text + "' is not a number");
  return value;
}

// Checks one end of a range against the declared range and type of the parameter.
void check_end(const ParameterSet& base, const ParameterSpec& spec, double value,
               const std::string& whole) {
  ParameterSet check = base;
  try {
    if (spec.type == ParameterType::integer) {
      if (value != std::floor(value)) throw std::invalid_argument("not a whole number");
      check.set_value(spec.key, static_cast<std::int64_t>(value), command_line);
    } else {
      check.set_value(spec.key, value, command_line);
    }
  } catch (const ConfigError& error) {
    throw ConfigError(command_line, "--param", whole, error.problem());
  } catch (const std::invalid_argument& error) {
    throw ConfigError(command_line, "--param", whole, error.what());
  }
}

std::string format_number(double value) {
  std::ostringstream text;
  text.precision(17);
  text << value;
  return text.str();
}

}  // namespace

design::FactorRange parse_parameter_range(const std::string& text, const ParameterSet& base) {
  const auto equals = text.find('=');
  if (equals == std::string::npos)
    throw ConfigError(command_line, "--param", text, "expected NAME=LOW:HIGH[:log]");
  design::FactorRange range;
  range.name = text.substr(0, equals);
  const ParameterSpec* spec = base.registry().find(range.name);
  if (!spec)
    throw ConfigError(command_line, "--param", text,
                      "unknown parameter '" + range.name + "' of model " + base.text("model.name") +
                          "; see reformsim parameters");
  if (spec->type != ParameterType::real && spec->type != ParameterType::integer)
    throw ConfigError(command_line, "--param", text,
                      "'" + range.name + "' is a " + type_name(spec->type) +
                          " parameter: only real and integer parameters can be swept");
  std::vector<std::string> parts;
  std::stringstream rest(text.substr(equals + 1));
  for (std::string part; std::getline(rest, part, ':');)
    parts.push_back(part);
  if (parts.size() < 2 || parts.size() > 3 || (parts.size() == 3 && parts[2] != "log"))
    throw ConfigError(command_line, "--param", text, "expected NAME=LOW:HIGH or NAME=LOW:HIGH:log");
  range.low = parse_number(parts[0], text, "LOW");
  range.high = parse_number(parts[1], text, "HIGH");
  range.logarithmic = parts.size() == 3;
  range.integer = spec->type == ParameterType::integer;
  range.unit = spec->unit;
  if (!(range.low < range.high))
    throw ConfigError(command_line, "--param", text, "LOW must be below HIGH");
  if (range.logarithmic && range.low <= 0)
    throw ConfigError(command_line, "--param", text, "a log range needs LOW > 0");
  check_end(base, *spec, range.low, text);
  check_end(base, *spec, range.high, text);
  return range;
}

std::string SweepDefinition::text() const {
  std::ostringstream out;
  out << "model = " << model << "\ndesign = " << design::design_kind_name(size.kind)
      << "\nsamples = " << size.samples << "\nmorris_levels = " << size.morris_levels
      << "\nreplications = " << replications << "\nmaster_seed = " << master_seed
      << "\nchunk_points = " << chunk_points << "\n";
  for (const auto& factor : factors)
    out << "parameter = " << factor.name << " " << format_number(factor.low) << " "
        << format_number(factor.high) << (factor.logarithmic ? " log" : " linear")
        << (factor.integer ? " integer" : " real") << "\n";
  out << "[config]\n" << config;
  return out.str();
}

std::size_t default_chunk_points(std::size_t points) {
  return std::max<std::size_t>(1, (points + 511) / 512);
}

std::string first_difference(const std::string& expected, const std::string& found) {
  std::istringstream a(expected), b(found);
  std::string line_a, line_b;
  while (true) {
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) return "";
    if (!more_a) line_a = "(nothing)";
    if (!more_b) line_b = "(nothing)";
    if (line_a != line_b || !more_a || !more_b)
      return "'" + line_a + "' there, '" + line_b + "' now";
  }
}

SweepDesign build_design(const SweepDefinition& definition) {
  // The design draws from its own seed, derived from the master seed and a point index no
  // design reaches, so it is unrelated to every replication's seed.
  const std::uint64_t design_seed = derive_seed(definition.master_seed, ~std::uint64_t{0}, 0);
  SweepDesign design{definition, {}, {}};
  try {
    design.unit = design::make_unit_design(definition.size, design_seed);
  } catch (const std::invalid_argument& error) {
    throw ConfigError(command_line, "--samples", std::to_string(definition.size.samples),
                      error.what());
  }
  design.values.resize(design.unit.rows(), design.unit.cols());
  for (Eigen::Index p = 0; p < design.unit.rows(); ++p)
    for (Eigen::Index f = 0; f < design.unit.cols(); ++f)
      design.values(p, f) = design::scale_unit_value(
          definition.factors[static_cast<std::size_t>(f)], design.unit(p, f));
  return design;
}

ParameterSet point_parameters(const ParameterSet& base, const SweepDesign& design,
                              std::size_t point) {
  ParameterSet parameters = base;
  const std::string origin = "sweep design point " + std::to_string(point);
  const auto p = static_cast<Eigen::Index>(point);
  for (std::size_t f = 0; f < design.definition.factors.size(); ++f) {
    const auto& factor = design.definition.factors[f];
    const double value = design.values(p, static_cast<Eigen::Index>(f));
    if (factor.integer)
      parameters.set_value(factor.name, static_cast<std::int64_t>(value), origin);
    else
      parameters.set_value(factor.name, value, origin);
  }
  return parameters;
}

namespace {

bool same_shape(const MetricCatalogue& a, const MetricCatalogue& b) {
  auto same_specs = [](const std::vector<MetricSpec>& x, const std::vector<MetricSpec>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i].name != y[i].name || x[i].width != y[i].width) return false;
    return true;
  };
  if (a.dimensions().size() != b.dimensions().size()) return false;
  for (std::size_t i = 0; i < a.dimensions().size(); ++i)
    if (a.dimensions()[i].labels != b.dimensions()[i].labels) return false;
  return same_specs(a.series(), b.series()) && same_specs(a.summaries(), b.summaries());
}

}  // namespace

void validate_design_points(const Scenario& scenario, const SweepDesign& design) {
  const auto base_steps = Calendar::from(scenario.parameters).total_steps();
  for (std::size_t point = 0; point < design.definition.points(); ++point) {
    const ParameterSet parameters = point_parameters(scenario.parameters, design, point);
    scenario.model->validate(parameters);
    const bool same = same_shape(scenario.model->metrics(parameters), scenario.metrics) &&
                      Calendar::from(parameters).total_steps() == base_steps;
    if (!same)
      throw ConfigError("sweep design point " + std::to_string(point), "--param", "",
                        "changes the shape of the output (metric dimensions or steps); sweep "
                        "parameters that keep every point's arrays the same shape");
  }
}

}  // namespace reformsim::sweep
