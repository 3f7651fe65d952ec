// config_error.h - the one exception type for bad user input (config files, command-line
// values, input tables). It names where the bad value came from, the key and the value, so
// that the command-line boundary can print it verbatim and exit with status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace reformsim {

class ConfigError : public std::runtime_error {
 public:
  // origin: a file path or "command line"; key may be empty for file-level problems.
  ConfigError(std::string origin, std::string key, std::string value, std::string problem);

  const std::string& origin() const { return origin_; }
  const std::string& key() const { return key_; }
  const std::string& value() const { return value_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string origin_, key_, value_, problem_;
};

}  // namespace reformsim
