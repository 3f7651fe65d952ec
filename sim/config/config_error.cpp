#include "sim/config/config_error.h"

namespace reformsim {
namespace {

std::string compose(const std::string& origin, const std::string& key, const std::string& value,
                    const std::string& problem) {
  std::string message = origin;
  if (!key.empty()) message += ": key '" + key + "'";
  if (!key.empty() || !value.empty()) message += " = '" + value + "'";
  return message + ": " + problem;
}

}  // namespace

ConfigError::ConfigError(std::string origin, std::string key, std::string value,
                         std::string problem)
    : std::runtime_error(compose(origin, key, value, problem)),
      origin_(std::move(origin)),
      key_(std::move(key)),
      value_(std::move(value)),
      problem_(std::move(problem)) {}

}  // namespace reformsim
