#include "sim/output/run_file.h"

#include <ctime>
#include <numeric>

#include "sim/version.h"

namespace reformsim {
namespace {

std::vector<std::int64_t> index_values(std::size_t count) {
  std::vector<std::int64_t> values(count);
  std::iota(values.begin(), values.end(), 0);
  return values;
}

// Gathers one metric's columns from every replication into a row-major array.
std::vector<double> gather(const EnsembleResult& ensemble, const MetricSpec& spec, bool series) {
  const std::size_t width =
      series ? ensemble.metrics.series_width() : ensemble.metrics.summary_width();
  std::vector<double> values;
  for (const auto& replication : ensemble.replications) {
    const auto& table = series ? replication.series : replication.summary;
    for (std::size_t row = 0; row * width < table.size(); ++row)
      for (std::size_t j = 0; j < spec.width; ++j)
        values.push_back(table[row * width + spec.offset + j]);
  }
  return values;
}

void write_metrics(const LabelledArrayFile& file, const EnsembleResult& ensemble, bool series) {
  const auto& specs = series ? ensemble.metrics.series() : ensemble.metrics.summaries();
  for (const auto& spec : specs) {
    std::vector<std::string> dims{"replication"};
    std::string coordinates = series ? "seed year day_of_year burn_in" : "seed";
    if (series) dims.push_back("step");
    if (!spec.dimension.empty()) {
      dims.push_back(spec.dimension);
      coordinates += (coordinates.empty() ? "" : " ") + spec.dimension + "_label";
    }
    file.add_variable(file.root(), spec.name, dims, gather(ensemble, spec, series),
                      {spec.long_name, spec.unit, coordinates});
  }
}

// One attribute per parameter value: numbers as numbers (booleans 0/1), text as text, numeric
// lists as arrays (an empty list as an empty string, since zero-length attributes are not
// portable), text lists as their comma-separated text.
struct ParameterAttributeWriter {
  hid_t group;
  const std::string& key;
  void operator()(bool b) const { LabelledArrayFile::set_attribute(group, key, std::int64_t{b}); }
  void operator()(std::int64_t i) const { LabelledArrayFile::set_attribute(group, key, i); }
  void operator()(double d) const { LabelledArrayFile::set_attribute(group, key, d); }
  void operator()(const std::string& s) const { LabelledArrayFile::set_attribute(group, key, s); }
  void operator()(const std::vector<std::string>& list) const {
    LabelledArrayFile::set_attribute(group, key, format_parameter_value(list));
  }
  template <typename Number>
  void operator()(const std::vector<Number>& list) const {
    if (list.empty())
      LabelledArrayFile::set_attribute(group, key, std::string());
    else
      LabelledArrayFile::set_attribute(group, key, std::span<const Number>(list));
  }
};

void write_parameter_attributes(hid_t group, const ParameterSet& parameters) {
  for (const auto& spec : parameters.registry().specs())
    std::visit(ParameterAttributeWriter{group, spec.key}, parameters.value(spec.key));
}

}  // namespace

void write_time_coordinates(const LabelledArrayFile& file, const Calendar& calendar) {
  const auto steps = static_cast<std::size_t>(calendar.total_steps());
  file.add_dimension(file.root(), "step", index_values(steps),
                     {"simulated working day since the start of the burn-in", "1", ""});
  std::vector<std::int64_t> year(steps), day(steps), burn_in(steps);
  for (std::size_t s = 0; s < steps; ++s) {
    const auto step = static_cast<std::int64_t>(s);
    year[s] = calendar.year(step);
    day[s] = calendar.day_of_year(step);
    burn_in[s] = calendar.is_burn_in(step) ? 1 : 0;
  }
  file.add_variable(
      file.root(), "year", {"step"}, std::span<const std::int64_t>(year),
      {"calendar year of the step (burn-in steps fall before first_year)", "year", ""});
  file.add_variable(file.root(), "day_of_year", {"step"}, std::span<const std::int64_t>(day),
                    {"working day within the year, from 0", "working days", ""});
  file.add_variable(file.root(), "burn_in", {"step"}, std::span<const std::int64_t>(burn_in),
                    {"1 for burn-in steps, which analyses should drop", "1", ""});
}

void write_metric_dimensions(const LabelledArrayFile& file, const MetricCatalogue& metrics) {
  for (const auto& dimension : metrics.dimensions()) {
    file.add_dimension(file.root(), dimension.name, index_values(dimension.labels.size()),
                       {dimension.long_name, "1", ""});
    file.add_text_variable(file.root(), dimension.name + "_label", dimension.name, dimension.labels,
                           {dimension.long_name + " (label)", "", ""});
  }
}

void write_ensemble(const LabelledArrayFile& file, const EnsembleResult& ensemble) {
  const std::size_t replications = ensemble.replications.size();
  file.add_dimension(file.root(), "replication", index_values(replications),
                     {"replication index", "1", ""});
  std::vector<std::uint64_t> seeds;
  for (const auto& replication : ensemble.replications)
    seeds.push_back(replication.seed);
  file.add_variable(file.root(), "seed", {"replication"}, std::span<const std::uint64_t>(seeds),
                    {"seed of the replication, derived from the master seed", "1", ""});
  write_time_coordinates(file, ensemble.calendar);
  write_metric_dimensions(file, ensemble.metrics);
  write_metrics(file, ensemble, true);
  write_metrics(file, ensemble, false);
}

void write_run_metadata(const LabelledArrayFile& file, const RunMetadata& metadata,
                        const ParameterSet& parameters) {
  const hid_t root = file.root();
  LabelledArrayFile::set_attribute(root, "title", metadata.title);
  LabelledArrayFile::set_attribute(root, "model", metadata.model);
  LabelledArrayFile::set_attribute(root, "model_description", metadata.model_description);
  LabelledArrayFile::set_attribute(root, "reformsim_version", std::string(version));
  LabelledArrayFile::set_attribute(root, "git_commit", std::string(git_commit));
  LabelledArrayFile::set_attribute(root, "command_line", metadata.command_line);
  LabelledArrayFile::set_attribute(root, "config_file", metadata.config_file);
  LabelledArrayFile::set_attribute(root, "config", parameters.to_ini());
  LabelledArrayFile::set_attribute(root, "master_seed", std::to_string(metadata.master_seed));
  LabelledArrayFile::set_attribute(root, "threads", metadata.threads);
  LabelledArrayFile::set_attribute(root, "start_time", metadata.start_time);
  LabelledArrayFile::set_attribute(root, "end_time", metadata.end_time);
  auto group = file.create_group(root, "parameters");
  write_parameter_attributes(group, parameters);
}

void write_run_file(const std::filesystem::path& path, const RunMetadata& metadata,
                    const ParameterSet& parameters, const EnsembleResult& ensemble,
                    const std::function<void(const LabelledArrayFile&)>& extend) {
  auto file = LabelledArrayFile::create(path);
  write_run_metadata(file, metadata, parameters);
  LabelledArrayFile::set_attribute(file.root(), "replications",
                                   static_cast<std::int64_t>(ensemble.replications.size()));
  write_ensemble(file, ensemble);
  if (extend) extend(file);
  // Everything else reaches the disk before the attribute that vouches for it.
  file.flush();
  LabelledArrayFile::set_attribute(file.root(), "complete", std::int64_t{1});
  file.flush();
  file.close();
}

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace reformsim
