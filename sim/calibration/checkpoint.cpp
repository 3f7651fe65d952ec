#include "sim/calibration/checkpoint.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

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

// Any numeric dataset as float64: HDF5 converts int64 exactly below 2^53.
Array read_array(hid_t root, const std::string& name) {
  Hdf5Handle dataset(H5Dopen2(root, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  Hdf5Handle space(H5Dget_space(dataset), H5Sclose, "read the shape of " + name);
  Array array;
  array.shape.resize(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
  H5Sget_simple_extent_dims(space, array.shape.data(), nullptr);
  std::size_t count = 1;
  for (const hsize_t extent : array.shape)
    count *= extent;
  array.values.resize(count);
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

void expect_width(const Array& array, std::size_t axis, std::size_t width, const char* name) {
  if (array.shape.size() <= axis || array.shape[axis] != width)
    throw std::runtime_error(std::string("checkpoint: ") + name +
                             " does not match the configured parameters and targets");
}

std::vector<Evaluation> read_abc_evaluations(hid_t root, std::size_t parameters,
                                             std::size_t targets) {
  const Array theta = read_array(root, "evaluation_theta");
  const Array statistics = read_array(root, "evaluation_statistic");
  expect_width(theta, 1, parameters, "evaluation_theta");
  expect_width(statistics, 1, targets, "evaluation_statistic");
  const Array distance = read_array(root, "evaluation_distance");
  const Array generation = read_array(root, "evaluation_generation");
  const Array particle = read_array(root, "evaluation_particle");
  const Array attempt = read_array(root, "evaluation_attempt");
  const Array accepted = read_array(root, "evaluation_accepted");
  std::vector<Evaluation> evaluations;
  for (std::size_t n = 0; n < distance.values.size(); ++n)
    evaluations.push_back({row(theta, n, parameters), row(statistics, n, targets),
                           distance.values[n], static_cast<std::int64_t>(generation.values[n]),
                           static_cast<std::int64_t>(particle.values[n]),
                           static_cast<std::int64_t>(attempt.values[n]), accepted.values[n] != 0});
  return evaluations;
}

std::vector<Generation> read_generations(hid_t root, std::size_t parameters, std::size_t targets) {
  if (!has_variable(root, "tolerance")) return {};
  const Array tolerance = read_array(root, "tolerance");
  const Array acceptance = read_array(root, "acceptance_rate");
  const Array ess = read_array(root, "effective_sample_size");
  const Array simulations = read_array(root, "generation_simulations");
  const Array scales = read_array(root, "distance_scale");
  const Array theta = read_array(root, "particle_theta");
  const Array weight = read_array(root, "particle_weight");
  const Array distance = read_array(root, "particle_distance");
  const Array statistic = read_array(root, "particle_statistic");
  expect_width(theta, 2, parameters, "particle_theta");
  expect_width(statistic, 2, targets, "particle_statistic");
  const auto population = static_cast<std::size_t>(weight.shape.at(1));
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
  const Array theta = read_array(opened.root(), "evaluation_theta");
  const Array objective = read_array(opened.root(), "evaluation_distance");
  const Array stage = read_array(opened.root(), "evaluation_stage");
  const Array replicated = read_array(opened.root(), "evaluation_replicated_statistic");
  expect_width(theta, 1, parameters, "evaluation_theta");
  expect_width(replicated, 2, targets, "evaluation_replicated_statistic");
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
