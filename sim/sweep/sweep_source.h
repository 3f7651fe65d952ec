// sweep_source.h - a finished sweep as one set of arrays over `point`, whether it is a sweep
// directory (design.h5 plus its chunk files) or a merged file: merge reads the first, the
// sensitivity analysis either. A missing or incomplete chunk is an error that names the file;
// nothing is ever filled in.
#pragma once

#include <Eigen/Dense>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/design/design.h"
#include "sim/sweep/hdf5_reading.h"

namespace reformsim::sweep {

// What the sensitivity analysis needs to know about a design, read from its files.
struct SweepLayout {
  design::DesignKind kind = design::DesignKind::latin_hypercube;
  std::size_t samples = 0, morris_levels = 0, points = 0, replications = 0;
  std::size_t chunk_points = 0, chunks = 0;
  std::vector<std::string> parameters;
  std::string definition;
  Eigen::MatrixXd unit;  // points x parameters
};

// Reads the layout from design.h5 or a merged file (both hold the same attributes and
// design variables). Throws ConfigError naming the file when it is not one.
SweepLayout read_sweep_layout(const std::filesystem::path& file);

// The chunk files of directory that are missing, incomplete or of another sweep, as
// "chunk-000003.h5 (points 12-15)".
std::vector<std::string> missing_chunk_descriptions(const std::filesystem::path& directory,
                                                    const SweepLayout& layout);

class SweepSource {
 public:
  // A directory with design.h5 or a merged file. ConfigError if anything is missing, naming
  // every missing chunk file.
  explicit SweepSource(const std::filesystem::path& path);

  const SweepLayout& layout() const { return layout_; }
  // The files holding the points, in point order (the chunks, or the merged file).
  const std::vector<std::filesystem::path>& files() const { return files_; }
  // The shape of a variable with extents[0] the number of points if it is over point.
  DatasetShape shape(const std::string& name) const;
  // A float64 variable over point, all points in order, row-major.
  std::vector<double> point_values(const std::string& name) const;
  // A variable not over point (year, burn_in, ...), read from the first file.
  std::vector<std::int64_t> shared_integers(const std::string& name) const;

 private:
  SweepLayout layout_;
  std::vector<std::filesystem::path> files_;
};

}  // namespace reformsim::sweep
