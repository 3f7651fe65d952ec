// merge_command.cpp - `reformsim merge DIR --out FILE`: a sweep directory as one HDF5 file that
// xarray opens with dimensions (point, replication, step[, metric dims]) and the swept
// parameters as coordinates; `--missing-shards N` lists the shards of an N-way split that
// still have missing chunks, in Slurm's --array syntax, for resubmission.
#include <iostream>
#include <system_error>

#include "sim/cli/command.h"
#include "sim/cli/subcommands.h"
#include "sim/config/config_error.h"
#include "sim/output/output_target.h"
#include "sim/output/run_file.h"
#include "sim/sweep/shard_selection.h"
#include "sim/sweep/sweep_files.h"
#include "sim/sweep/sweep_merge.h"
#include "sim/sweep/sweep_source.h"

namespace reformsim {

namespace po = boost::program_options;

namespace {

po::options_description merge_options() {
  po::options_description options(
      "reformsim merge DIR --out FILE [--overwrite] | reformsim merge DIR --missing-shards N");
  options.add_options()("help", "this help")("directory", po::value<std::string>(),
                                             "sweep directory")(
      "out", po::value<std::string>(), "merged output file")("overwrite", po::bool_switch(),
                                                             "replace an existing output file")(
      "missing-shards", po::value<std::string>(),
      "print the shards of an N-way split that own missing chunks (Slurm --array syntax) and "
      "exit; prints nothing when the sweep is complete");
  return options;
}

int print_missing_shards(const std::filesystem::path& directory, const std::string& count_text) {
  const auto shards = sweep::parse_shard("0/" + count_text, "command line", "--missing-shards");
  const auto layout = sweep::read_sweep_layout(sweep::design_file_path(directory));
  const auto missing =
      sweep::incomplete_shards(shards.count, layout.chunks, [&](std::size_t chunk) {
        return sweep::complete_file_definition(sweep::chunk_file_path(directory, chunk)) ==
               layout.definition;
      });
  if (!missing.empty()) std::cout << sweep::array_ranges(missing) << "\n";
  return exit_success;
}

}  // namespace

int merge_command(const CommandLine& line, const ModelCatalogue&) {
  const auto options = merge_options();
  po::positional_options_description positional;
  positional.add("directory", 1);
  std::vector<ConfigEntry> overrides;
  const auto values = parse_command(line, options, positional, overrides);
  if (values.count("help")) {
    std::cout << options << "\n";
    return exit_success;
  }
  if (!overrides.empty())
    throw ConfigError("command line", "--" + overrides.front().key, overrides.front().value,
                      "merge takes no config values");
  if (!values.count("directory"))
    throw ConfigError("command line", "DIR", "", "missing: the sweep directory to merge");
  const std::filesystem::path directory = values["directory"].as<std::string>();
  std::error_code error;  // a name the system refuses is not a directory either
  if (!std::filesystem::is_directory(directory, error))
    throw ConfigError("command line", "DIR", directory.string(), "is not a directory");
  if (values.count("missing-shards"))
    return print_missing_shards(directory, values["missing-shards"].as<std::string>());
  if (!values.count("out"))
    throw ConfigError("command line", "--out", "", "missing: the merged file to write");
  OutputTarget target(values["out"].as<std::string>(), values["overwrite"].as<bool>());
  sweep::merge_sweep(directory, target.temporary_path(), {line.joined(), utc_timestamp()});
  target.commit();
  std::cout << "wrote " << target.final_path().string() << "\n";
  return exit_success;
}

}  // namespace reformsim
