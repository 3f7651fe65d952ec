// subcommands.h - one function per `reformsim` subcommand; each throws ConfigError for bad input
// and returns an exit status.
#pragma once

#include "sim/cli/cli.h"
#include "sim/cli/command.h"

namespace reformsim {

int run_command(const CommandLine& line, const ModelCatalogue& models);
int describe_command(const CommandLine& line, const ModelCatalogue& models);
int parameters_command(const CommandLine& line, const ModelCatalogue& models);
int compare_command(const CommandLine& line, const ModelCatalogue& models);
int decompose_command(const CommandLine& line, const ModelCatalogue& models);
int calibrate_command(const CommandLine& line, const ModelCatalogue& models);
int sweep_command(const CommandLine& line, const ModelCatalogue& models);
int merge_command(const CommandLine& line, const ModelCatalogue& models);
int sensitivity_command(const CommandLine& line, const ModelCatalogue& models);

}  // namespace reformsim
