// parameter_spec.h - a parameter declared once: key, type, default, accepted range, unit,
// description and source. Everything else (command-line options, config validation, the
// parameter attributes of output files, the generated parameter table) derives from it.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

namespace reformsim {

enum class ParameterType {
  boolean,
  integer,
  real,
  text,
  choice,
  integer_list,
  real_list,
  text_list
};

using ParameterValue =
    std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>,
                 std::vector<double>, std::vector<std::string>>;

struct ParameterSpec {
  std::string key;  // "section.name", as written in INI files and after "--" on the command line
  ParameterType type = ParameterType::real;
  ParameterValue default_value;
  double minimum = -std::numeric_limits<double>::infinity();  // numeric types, list elements too
  double maximum = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;  // the accepted words of a choice
  std::string unit;                  // "working days", "persons", "fraction", "" if dimensionless
  std::string description;
  std::string source;  // "seed section 2.2", "assumption", "calibrated", ...
  // An input of the reform (departments, layers, steps, items, powers, the reform's days): set
  // from the reported article, never fitted; `reformsim calibrate` refuses to free it.
  bool reform_input = false;

  std::string section() const;
  std::string range_text() const;  // "[0, 1]", "one of merit, seniority", "true or false"
};

std::string type_name(ParameterType type);

// Parses one textual value for spec: throws std::invalid_argument with the reason (wrong type,
// out of range, not a choice); the caller adds the origin and key.
ParameterValue parse_parameter_value(const ParameterSpec& spec, const std::string& text);

// The canonical text of a value, which parse_parameter_value reads back to the same value
// (reals with 17 significant digits, lists comma-separated).
std::string format_parameter_value(const ParameterValue& value);

// spec marked as an input of the reform: `registry.add(reform_input(integer_parameter(...)))`.
ParameterSpec reform_input(ParameterSpec spec);

// Builders that keep declarations one line each in the models.
ParameterSpec real_parameter(std::string key, double default_value, double minimum, double maximum,
                             std::string unit, std::string description, std::string source);
ParameterSpec integer_parameter(std::string key, std::int64_t default_value, double minimum,
                                double maximum, std::string unit, std::string description,
                                std::string source);
ParameterSpec boolean_parameter(std::string key, bool default_value, std::string description,
                                std::string source);
ParameterSpec text_parameter(std::string key, std::string default_value, std::string description,
                             std::string source);
ParameterSpec choice_parameter(std::string key, std::string default_value,
                               std::vector<std::string> choices, std::string description,
                               std::string source);
ParameterSpec real_list_parameter(std::string key, std::vector<double> default_value,
                                  double minimum, double maximum, std::string unit,
                                  std::string description, std::string source);
ParameterSpec integer_list_parameter(std::string key, std::vector<std::int64_t> default_value,
                                     double minimum, double maximum, std::string unit,
                                     std::string description, std::string source);
ParameterSpec text_list_parameter(std::string key, std::vector<std::string> default_value,
                                  std::string description, std::string source);

}  // namespace reformsim
