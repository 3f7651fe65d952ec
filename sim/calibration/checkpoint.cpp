#include "sim/calibration/checkpoint.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "sim/config/config_error.h"
#include "sim/output/dataset_limits.h"
#include "sim/output/labelled_arrays.h"

namespace reformsim::calibration {
namespace {

struct Array {
  std::vector<double> values;
  std::vector<hsize_t> shape;
};

bool has_variable(hid_t root, const std::string& name) {
  return H5Lexists(root, name.c_str(), H5P_DEFAULT) > 0;
}

// An extent read_array accepts whatever it is (it is then taken from the file).
constexpr hsize_t any_extent = std::numeric_limits<hsize_t>::max();

std::string expected_text(const std::vector<hsize_t>& expected) {
  std::string text;
  for (std::size_t i = 0; i < expected.size(); ++i)
    text += (i ? " x " : "") + (expected[i] == any_extent ? "N" : std::to_string(expected[i]));
  return text.empty() ? "scalar" : text;
}

// Any numeric dataset as float64 (HDF5 converts int64 exactly below 2^53), its declared shape
// checked against expected (the configured parameters and targets, and the extents of the
// datasets read before it) and against the read cap before anything is allocated: every row
// read later is then inside the arrays.
Array read_array(hid_t root, const std::string& name, const std::vector<hsize_t>& expected) {
  Hdf5Handle dataset(H5Dopen2(root, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  Array array;
  array.shape = declared_shape(dataset, name);
  bool matches = array.shape.size() == expected.size();
  for (std::size_t axis = 0; matches && axis < expected.size(); ++axis)
    matches = expected[axis] == any_extent || expected[axis] == array.shape[axis];
  if (!matches)
    throw ConfigError(hdf5_file_name(dataset), name, "shape " + shape_text(array.shape),
                      "expected " + expected_text(expected) +
                          " (the configured parameters and targets, and the other datasets of "
                          "the checkpoint)");
  array.values.resize(checked_element_count(dataset, name, array.shape));
  if (!array.values.empty())
    check_hdf5(
        H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()),
        "read " + name);
  return array;
}

std::string read_text_attribute(hid_t root, const std::string& name) {
  if (H5Aexists(root, name.c_str()) <= 0) return "";
  Hdf5Handle attribute(H5Aopen(root, name.c_str(), H5P_DEFAULT), H5Aclose, "open " + name);
  Hdf5Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "make a string type");
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  char* text = nullptr;
  check_hdf5(H5Aread(attribute, type, &text), "read " + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

double read_number_attribute(hid_t root, const std::string& name, double fallback) {
  if (H5Aexists(root, name.c_str()) <= 0) return fallback;
  Hdf5Handle attribute(H5Aopen(root, name.c_str(), H5P_DEFAULT), H5Aclose, "open " + name);
  double value = fallback;
  check_hdf5(H5Aread(attribute, H5T_NATIVE_DOUBLE, &value), "read " + name);
  return value;
}

std::vector<double> row(const Array& array, std::size_t index, std::size_t width) {
  const auto first = array.values.begin() + static_cast<std::ptrdiff_t>(index * width);
  return {first, first + static_cast<std::ptrdiff_t>(width)};
}

std::vector<Evaluation> read_abc_evaluations(hid_t root, std::size_t parameters,
                                             std::size_t targets) {
  const Array theta = read_array(root, "evaluation_theta", {any_extent, parameters});
  const hsize_t n = theta.shape[0];
  const Array statistics = read_array(root, "evaluation_statistic", {n, targets});
  const Array distance = read_array(root, "evaluation_distance", {n});
  const Array generation = read_array(root, "evaluation_generation", {n});
  const Array particle = read_array(root, "evaluation_particle", {n});
  const Array attempt = read_array(root, "evaluation_attempt", {n});
  const Array accepted = read_array(root, "evaluation_accepted", {n});
  std::vector<Evaluation> evaluations;
  for (std::size_t e = 0; e < distance.values.size(); ++e)
    evaluations.push_back({row(theta, e, parameters), row(statistics, e, targets),
                           distance.values[e], static_cast<std::int64_t>(generation.values[e]),
                           static_cast<std::int64_t>(particle.values[e]),
                           static_cast<std::int64_t>(attempt.values[e]), accepted.values[e] != 0});
  return evaluations;
}

std::vector<Generation> read_generations(hid_t root, std::size_t parameters, std::size_t targets) {
  if (!has_variable(root, "tolerance")) return {};
  const Array tolerance = read_array(root, "tolerance", {any_extent});
  const hsize_t g_count = tolerance.shape[0];
  const Array acceptance = read_array(root, "acceptance_rate", {g_count});
  const Array ess = read_array(root, "effective_sample_size", {g_count});
  const Array simulations = read_array(root, "generation_simulations", {g_count});
  const Array scales = read_array(root, "distance_scale", {g_count, targets});
  const Array weight = read_array(root, "particle_weight", {g_count, any_extent});
  const hsize_t particles = weight.shape[1];
  const Array theta = read_array(root, "particle_theta", {g_count, particles, parameters});
  const Array distance = read_array(root, "particle_distance", {g_count, particles});
  const Array statistic = read_array(root, "particle_statistic", {g_count, particles, targets});
  const auto population = static_cast<std::size_t>(particles);
  std::vector<Generation> generations;
  for (std::size_t g = 0; g < tolerance.values.size(); ++g) {
    Generation generation;
    generation.tolerance = tolerance.values[g];
    generation.acceptance_rate = acceptance.values[g];
    generation.effective_sample_size = ess.values[g];
    generation.simulations = static_cast<std::uint64_t>(simulations.values[g]);
    generation.scales = row(scales, g, targets);
    const auto flat = row(theta, g, population * parameters);
    generation.particles = Eigen::Map<const ParticleMatrix>(
        flat.data(), static_cast<Eigen::Index>(population), static_cast<Eigen::Index>(parameters));
    const auto weights = row(weight, g, population);
    generation.weights =
        Eigen::Map<const Eigen::VectorXd>(weights.data(), static_cast<Eigen::Index>(population));
    generation.distances = row(distance, g, population);
    for (std::size_t i = 0; i < population; ++i)
      generation.statistics.push_back(row(statistic, g * population + i, targets));
    generations.push_back(std::move(generation));
  }
  return generations;
}

}  // namespace

void publish_checkpoint(const std::filesystem::path& temporary,
                        const std::filesystem::path& final_path,
                        const std::function<void(const std::filesystem::path&)>& write_file) {
  write_file(temporary);
  // rename() replaces the old checkpoint atomically: a reader sees the old file or the new one.
  if (std::rename(temporary.c_str(), final_path.c_str()) != 0)
    throw std::runtime_error("cannot move " + temporary.string() + " to " + final_path.string() +
                             ": " + std::strerror(errno));
}

CheckpointHeader read_checkpoint_header(const std::filesystem::path& file) {
  const auto opened = LabelledArrayFile::open_read_only(file);
  return {read_text_attribute(opened.root(), "method"),
          read_text_attribute(opened.root(), "calibration_inputs"),
          read_number_attribute(opened.root(), "complete", 0) == 1};
}

AbcState read_abc_checkpoint(const std::filesystem::path& file, std::size_t parameters,
                             std::size_t targets) {
  const auto opened = LabelledArrayFile::open_read_only(file);
  AbcState state;
  state.evaluations = read_abc_evaluations(opened.root(), parameters, targets);
  state.generations = read_generations(opened.root(), parameters, targets);
  state.simulations =
      static_cast<std::uint64_t>(read_number_attribute(opened.root(), "simulations", 0));
  // Evaluations of a generation that was never completed are dropped: it is redone whole, with
  // the same draws, so keeping them would record them twice.
  const auto complete = static_cast<std::int64_t>(state.generations.size());
  std::uint64_t dropped = 0;
  std::erase_if(state.evaluations, [&](const Evaluation& evaluation) {
    if (evaluation.generation < complete) return false;
    ++dropped;
    return true;
  });
  state.simulations -= dropped;
  return state;
}

std::vector<MsmEvaluation> read_msm_checkpoint(const std::filesystem::path& file,
                                               std::size_t parameters, std::size_t targets) {
  const auto opened = LabelledArrayFile::open_read_only(file);
  const Array theta = read_array(opened.root(), "evaluation_theta", {any_extent, parameters});
  const hsize_t count = theta.shape[0];
  const Array objective = read_array(opened.root(), "evaluation_distance", {count});
  const Array stage = read_array(opened.root(), "evaluation_stage", {count});
  const Array replicated =
      read_array(opened.root(), "evaluation_replicated_statistic", {count, any_extent, targets});
  const auto replications = static_cast<std::size_t>(replicated.shape[1]);
  std::vector<MsmEvaluation> evaluations;
  for (std::size_t n = 0; n < objective.values.size(); ++n) {
    ReplicatedStatistics statistics(targets, std::vector<double>(replications));
    for (std::size_t r = 0; r < replications; ++r)
      for (std::size_t k = 0; k < targets; ++k)
        statistics[k][r] = replicated.values[(n * replications + r) * targets + k];
    evaluations.push_back({row(theta, n, parameters), std::move(statistics), objective.values[n],
                           static_cast<MsmStage>(static_cast<int>(stage.values[n]))});
  }
  return evaluations;
}

}  // namespace reformsim::calibration
