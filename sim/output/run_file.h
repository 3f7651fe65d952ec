// run_file.h - the layout of a `reformsim run` output file, written through LabelledArrayFile:
//   dimensions  replication, step, and one per metric dimension (level, department, ...)
//   coordinates seed(replication), year(step), day_of_year(step), burn_in(step), <dim>_label(<dim>)
//   variables   every series metric over (replication, step[, dim]); every summary metric over
//               (replication[, dim]); all float64 with long_name and units
//   group       parameters: one attribute per effective parameter value
//   attributes  title, model, reformsim_version, git_commit, command_line, config_file, config
//               (the full effective config as INI text), master_seed, replications, threads,
//               start_time, end_time and, written last, complete = 1
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "sim/config/parameter_set.h"
#include "sim/output/labelled_arrays.h"
#include "sim/run/ensemble.h"

namespace reformsim {

struct RunMetadata {
  std::string title;
  std::string model;
  std::string model_description;
  std::string command_line;
  std::string config_file;
  std::uint64_t master_seed = 0;
  std::int64_t threads = 0;
  std::string start_time;  // ISO 8601, UTC
  std::string end_time;
};

// The step dimension and its coordinates year, day_of_year and burn_in.
void write_time_coordinates(const LabelledArrayFile& file, const Calendar& calendar);
// One dimension with a <name>_label coordinate per metric dimension of the catalogue.
void write_metric_dimensions(const LabelledArrayFile& file, const MetricCatalogue& metrics);

// Writes the dimensions, coordinates and metric variables of an ensemble into file's root.
void write_ensemble(const LabelledArrayFile& file, const EnsembleResult& ensemble);
// Writes the metadata attributes and the parameters group (but not `complete`).
void write_run_metadata(const LabelledArrayFile& file, const RunMetadata& metadata,
                        const ParameterSet& parameters);

// The whole run file at path: metadata, parameters, ensemble, then any extra content
// (extend), then `complete` last. The caller writes to a temporary path and renames.
void write_run_file(const std::filesystem::path& path, const RunMetadata& metadata,
                    const ParameterSet& parameters, const EnsembleResult& ensemble,
                    const std::function<void(const LabelledArrayFile&)>& extend = {});

// ISO 8601 UTC time of now: "2026-11-28T10:16:07Z".
std::string utc_timestamp();

}  // namespace reformsim
