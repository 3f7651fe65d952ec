// checkpoint.h - continuing a calibration from its own output file. The file written after
// each generation (or MSM evaluation batch) holds everything the algorithms need to go on,
// as float64 and int64 values that read back bit for bit, so a resumed run produces the same
// numbers as one never interrupted. Writes go to a temporary name and are renamed into place,
// so a killed process leaves the previous checkpoint intact. Reading checks every dataset's
// declared shape against the configured parameters and targets, the other datasets and the read
// cap before allocating: a damaged or crafted file is a ConfigError naming file, dataset and
// shape, never an allocation of what it merely declares.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "sim/calibration/abc_smc.h"
#include "sim/calibration/msm.h"

namespace reformsim::calibration {

// Writes through write_file(temporary) and renames temporary onto final_path.
void publish_checkpoint(const std::filesystem::path& temporary,
                        const std::filesystem::path& final_path,
                        const std::function<void(const std::filesystem::path&)>& write_file);

// The root's text attribute `calibration_inputs` and `method`, and whether `complete` = 1.
struct CheckpointHeader {
  std::string method;
  std::string inputs_text;
  bool complete = false;
};
CheckpointHeader read_checkpoint_header(const std::filesystem::path& file);

// The state of an ABC-SMC file: every evaluation, every complete generation, the simulation
// count (the stop reason is left empty: the caller re-derives it). parameters and targets give
// the expected widths; ConfigError when the file does not match them or declares more than
// max_elements_read_at_once elements in a dataset.
AbcState read_abc_checkpoint(const std::filesystem::path& file, std::size_t parameters,
                             std::size_t targets);

// The evaluations of an MSM file, to replay.
std::vector<MsmEvaluation> read_msm_checkpoint(const std::filesystem::path& file,
                                               std::size_t parameters, std::size_t targets);

}  // namespace reformsim::calibration
