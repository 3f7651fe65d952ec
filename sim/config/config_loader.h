// config_loader.h - reads INI config files (Boost.Program_options syntax, "[section]" then
// "key = value") and "--section.key=value" command-line overrides into raw entries, then into a
// validated ParameterSet. A file may start with "include = other.ini" or "include = a.ini, b.ini"
// (relative to itself): included values come first, in order, and the including file overrides
// them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/config/parameter_set.h"

namespace reformsim {

struct ConfigEntry {
  std::string key;
  std::string value;
  std::string origin;  // the file it was read from, or "command line"
};

// All entries of a config file, includes resolved (included entries first). Throws ConfigError
// naming the file for an unreadable file, bad syntax, a key given twice in one file, or an
// include cycle.
std::vector<ConfigEntry> read_config_file(const std::filesystem::path& file);

// "section.key=value" strings (the leading "--" already removed) as entries.
std::vector<ConfigEntry> parse_overrides(const std::vector<std::string>& overrides);

// The last value given for key among entries, or fallback.
std::string find_entry(const std::vector<ConfigEntry>& entries, const std::string& key,
                       const std::string& fallback);

// Applies entries in order onto the defaults of registry; throws ConfigError at the first
// unknown key or bad value, naming its origin.
ParameterSet apply_entries(std::shared_ptr<const ParameterRegistry> registry,
                           const std::vector<ConfigEntry>& entries);

}  // namespace reformsim

namespace reformsim {

// A path-valued text parameter resolved the way a reader expects: relative to the directory of
// the config file that set it (so configs can name their neighbours), relative to the current
// directory when it came from the command line or a default. "" stays "".
std::filesystem::path path_parameter(const ParameterSet& parameters, const std::string& key);

}  // namespace reformsim
