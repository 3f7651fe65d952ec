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

// Where this process keeps its input: /dev/shm (memory, so a fuzzer's millions of writes spare
// the disk), the process id in the name.
inline std::filesystem::path input_stem() {
  const std::filesystem::path directory = std::filesystem::is_directory("/dev/shm")
                                              ? "/dev/shm"
                                              : std::filesystem::temp_directory_path();
  return directory / ("reformsim-fuzz-" + std::to_string(getpid()));
}

inline std::filesystem::path write_bytes(const std::filesystem::path& path,
                                         const std::uint8_t* data, std::size_t size) {
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

// A file of this process, rewritten for every input.
inline std::filesystem::path write_input(const std::uint8_t* data, std::size_t size,
                                         const std::string& extension) {
  return write_bytes(input_stem().string() + extension, data, size);
}

// Like write_input, in a directory of this process that links every entry of the repository's
// configs/: the shipped configs that seed the corpus name their targets files relative to
// themselves (targets/...), and without the links the fuzzer would spend its time on
// 'cannot be read' instead of the checks behind it.
inline std::filesystem::path write_input_beside_configs(const std::uint8_t* data, std::size_t size,
                                                        const std::string& extension) {
  static const std::filesystem::path directory = [] {
    const std::filesystem::path made = input_stem().string() + "-configs";
    std::filesystem::create_directories(made);
    for (const auto& entry : std::filesystem::directory_iterator(REFORMSIM_SOURCE_DIR "/configs")) {
      const auto link = made / entry.path().filename();
      if (!std::filesystem::exists(std::filesystem::symlink_status(link)))
        std::filesystem::create_symlink(entry.path(), link);
    }
    return made;
  }();
  return write_bytes(directory / ("input" + extension), data, size);
}

}  // namespace reformsim::fuzzing
