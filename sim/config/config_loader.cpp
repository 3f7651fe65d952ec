#include "sim/config/config_loader.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/config/config_error.h"

namespace reformsim {
namespace {

namespace po = boost::program_options;

// A config file is text a person writes: anything larger is a wrong file (a data file, a
// device such as /dev/zero), refused before it can exhaust memory.
constexpr std::size_t max_config_bytes = 4 * 1024 * 1024;
// Files read for one config, includes counted each time: a file including another several
// times, which does the same, would otherwise grow exponentially (ten files, ten times each:
// ten billion reads).
constexpr std::size_t max_config_files = 256;

// The whole stream, or ConfigError once it exceeds max_config_bytes (never reads further).
std::string read_bounded(std::istream& stream, const std::string& origin) {
  std::string text;
  char buffer[65536];
  while (stream) {
    stream.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(stream.gcount()));
    if (text.size() > max_config_bytes)
      throw ConfigError(
          origin, "", "more than " + std::to_string(max_config_bytes) + " bytes",
          "too large for a config file (limit " + std::to_string(max_config_bytes) + " bytes)");
  }
  return text;
}

void read_recursive(const std::filesystem::path& file, std::vector<std::filesystem::path>& stack,
                    std::vector<ConfigEntry>& entries, std::size_t& files_read) {
  const std::string origin = file.string();
  if (++files_read > max_config_files)
    throw ConfigError(origin, "include", origin,
                      "more than " + std::to_string(max_config_files) +
                          " files read for one config (includes counted each time)");
  std::error_code ignored;
  const auto canonical = std::filesystem::weakly_canonical(file, ignored);
  for (const auto& open : stack)
    if (open == canonical) throw ConfigError(origin, "include", origin, "include cycle");
  // The error_code overload: a name the system refuses is a file that cannot be read (below).
  if (std::filesystem::is_directory(file, ignored))
    throw ConfigError(origin, "", "", "is a directory, not a config file");
  std::ifstream stream(file);
  if (!stream) throw ConfigError(origin, "", "", "cannot be read (missing or no permission)");

  std::istringstream text(read_bounded(stream, origin));
  po::parsed_options parsed(nullptr);
  try {
    parsed = po::parse_config_file<char>(text, po::options_description(), true);
  } catch (const po::error& error) {
    throw ConfigError(origin, "", "", std::string("malformed config file: ") + error.what());
  }
  stack.push_back(canonical);
  std::set<std::string> seen;
  std::vector<ConfigEntry> own;
  for (const auto& option : parsed.options) {
    const std::string value = option.value.empty() ? "" : option.value.front();
    if (!seen.insert(option.string_key).second)
      throw ConfigError(origin, option.string_key, value, "key given twice in the same file");
    if (option.string_key == "include") {
      // "include = a.ini, b.ini": each in turn, later ones overriding earlier ones.
      std::size_t start = 0;
      while (start <= value.size()) {
        const auto comma = value.find(',', start);
        std::string name =
            value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (name.empty()) throw ConfigError(origin, "include", value, "empty file name in include");
        read_recursive(file.parent_path() / name, stack, entries, files_read);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      continue;
    }
    own.push_back({option.string_key, value, origin});
  }
  stack.pop_back();
  entries.insert(entries.end(), own.begin(), own.end());
}

}  // namespace

std::vector<ConfigEntry> read_config_file(const std::filesystem::path& file) {
  std::vector<std::filesystem::path> stack;
  std::vector<ConfigEntry> entries;
  std::size_t files_read = 0;
  read_recursive(file, stack, entries, files_read);
  return entries;
}

std::vector<ConfigEntry> parse_overrides(const std::vector<std::string>& overrides) {
  std::vector<ConfigEntry> entries;
  for (const auto& text : overrides) {
    const auto equals = text.find('=');
    if (equals == std::string::npos)
      throw ConfigError("command line", text, "", "expected --section.key=value");
    entries.push_back({text.substr(0, equals), text.substr(equals + 1), "command line"});
  }
  return entries;
}

std::string find_entry(const std::vector<ConfigEntry>& entries, const std::string& key,
                       const std::string& fallback) {
  std::string found = fallback;
  for (const auto& entry : entries)
    if (entry.key == key) found = entry.value;
  return found;
}

ParameterSet apply_entries(std::shared_ptr<const ParameterRegistry> registry,
                           const std::vector<ConfigEntry>& entries) {
  ParameterSet parameters(std::move(registry));
  for (const auto& entry : entries)
    parameters.set_text(entry.key, entry.value, entry.origin);
  return parameters;
}

}  // namespace reformsim

namespace reformsim {

std::filesystem::path path_parameter(const ParameterSet& parameters, const std::string& key) {
  const std::filesystem::path value = parameters.text(key);
  if (value.empty() || value.is_absolute()) return value;
  const std::filesystem::path origin = parameters.origin(key);
  const bool from_file = origin != "default" && origin.string().rfind("command line", 0) != 0;
  return from_file ? origin.parent_path() / value : value;
}

}  // namespace reformsim
