// cli.h - the `reformsim` command line: subcommands, each with --help. Bad input is refused
// before any work starts with a message naming file, key and value, and exit status 2;
// a failure while working exits 1; success exits 0.
#pragma once

#include <string>
#include <vector>

#include "sim/model/model.h"

namespace reformsim {

inline constexpr int exit_success = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_bad_input = 2;

// Runs `reformsim <arguments...>` (arguments exclude the program name).
int run_cli(const std::vector<std::string>& arguments, const ModelCatalogue& models);

}  // namespace reformsim
