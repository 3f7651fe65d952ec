// fuzz_input_file.h - what the fuzz targets share: the fuzzer's bytes written to a file (the
// readers under test take paths, as the command line gives them), and the rule that bad input
// may only ever be refused with a ConfigError. Any other exception escapes and libFuzzer
// reports it as a crash, like a sanitizer finding.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace reformsim::fuzzing {

// A file of this process in /dev/shm (memory, so a fuzzer's millions of writes spare the disk),
// rewritten for every input.
inline std::filesystem::path write_input(const std::uint8_t* data, std::size_t size,
                                         const std::string& extension) {
  const std::filesystem::path directory = std::filesystem::is_directory("/dev/shm")
                                              ? "/dev/shm"
                                              : std::filesystem::temp_directory_path();
  const auto path = directory / ("reformsim-fuzz-" + std::to_string(getpid()) + extension);
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace reformsim::fuzzing
