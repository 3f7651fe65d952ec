// sweep_merge.h - one HDF5 file presenting a whole sweep: every variable of the chunk files
// that runs over `point` is concatenated along it (written chunk by chunk, never held whole in
// memory); the other variables (step, year, replication, metric dimensions) are copied once.
// Dimensions: point, replication, step[, metric dims], parameter; the swept parameters are
// coordinates over point, so xarray opens the file with every metric labelled by them.
#pragma once

#include <filesystem>
#include <string>

namespace reformsim::sweep {

struct MergeInfo {
  std::string command_line;
  std::string start_time;
};

// Merges the sweep in directory into out (a temporary path the caller renames). Throws
// ConfigError naming every missing or incomplete chunk file before writing anything.
void merge_sweep(const std::filesystem::path& directory, const std::filesystem::path& out,
                 const MergeInfo& info);

}  // namespace reformsim::sweep
