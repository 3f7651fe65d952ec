#include "sim/cli/command.h"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include "sim/config/config_error.h"

namespace reformsim {

namespace po = boost::program_options;

std::string CommandLine::joined() const {
  std::string text = program + " " + command;
  for (const auto& argument : arguments)
    text += " " + argument;
  return text;
}

po::variables_map parse_command(const CommandLine& line, const po::options_description& options,
                                const po::positional_options_description& positional,
                                std::vector<ConfigEntry>& overrides) {
  po::variables_map values;
  try {
    const auto parsed = po::command_line_parser(line.arguments)
                            .options(options)
                            .positional(positional)
                            .allow_unregistered()
                            .run();
    for (const auto& token : po::collect_unrecognized(parsed.options, po::exclude_positional)) {
      const auto equals = token.find('=');
      const bool is_override = token.rfind("--", 0) == 0 && equals != std::string::npos &&
                               token.substr(0, equals).find('.') != std::string::npos;
      if (!is_override)
        throw ConfigError("command line", token, "",
                          "unknown option for '" + line.command +
                              "' (config values are given as --section.key=value); see "
                              "reformsim " +
                              line.command + " --help");
      const auto entries = parse_overrides({token.substr(2)});
      overrides.insert(overrides.end(), entries.begin(), entries.end());
    }
    po::store(parsed, values);
    po::notify(values);
  } catch (const po::error& error) {
    throw ConfigError("command line", "", "", std::string(error.what()));
  }
  return values;
}

void add_common_options(po::options_description& options) {
  options.add_options()("threads", po::value<int>()->default_value(0),
                        "worker threads (0 = all cores; more than the cores oversubscribes)")(
      "quiet", po::bool_switch(), "no progress output on stderr");
}

namespace {

int checked_threads(int requested) {
  if (requested < 0 || requested > 4096)
    throw ConfigError("command line", "--threads", std::to_string(requested),
                      "out of range: accepted 0 (all cores) to 4096");
  return requested > 0 ? requested : tbb::info::default_concurrency();
}

}  // namespace

ThreadPoolLimit::ThreadPoolLimit(int requested)
    : threads_(checked_threads(requested)),
      control_(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads_)),
      arena_(threads_) {}

}  // namespace reformsim
