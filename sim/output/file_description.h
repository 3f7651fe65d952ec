// file_description.h - what an output file holds, read back without knowing the model: its
// attributes, groups and variables with their dimensions, and whether it is complete.
#pragma once

#include <filesystem>
#include <string>

namespace reformsim {

// True only for a readable HDF5 file whose root carries complete = 1.
bool is_complete_output(const std::filesystem::path& path);

// A human-readable listing: the provenance attributes, completeness, every variable with its
// dimensions, shape, units and long name, every group (in creation order, or by name in files
// that do not index it, such as h5py's), and the parameters group as name = value lines.
// Throws Hdf5Error naming the file if it is a directory or not a readable HDF5 file.
std::string describe_file(const std::filesystem::path& path);

}  // namespace reformsim
