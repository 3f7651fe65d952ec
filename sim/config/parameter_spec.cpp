#include "sim/config/parameter_spec.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace reformsim {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  if (trim(text).empty()) return items;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    items.push_back(trim(text.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

std::string format_number(double number) {
  if (std::isinf(number)) return number > 0 ? "inf" : "-inf";
  char buffer[32];
  // Whole numbers as whole numbers ("60", not "6e+01"); others as the shortest text that reads
  // back exactly, so configs written from a ParameterSet stay readable.
  if (number == std::floor(number) && std::fabs(number) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", number);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.17g", number);
  for (int digits = 1; digits <= 17; ++digits) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", digits, number);
    if (std::strtod(shorter, nullptr) == number) return shorter;
  }
  return buffer;
}

void check_range(const ParameterSpec& spec, double number) {
  if (number < spec.minimum || number > spec.maximum)
    throw std::invalid_argument("out of range: accepted " + spec.range_text() +
                                (spec.unit.empty() ? "" : " " + spec.unit));
}

std::int64_t parse_integer(const ParameterSpec& spec, const std::string& raw) {
  const std::string text = trim(raw);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    throw std::invalid_argument("not an integer: accepted " + spec.range_text());
  check_range(spec, static_cast<double>(number));
  return number;
}

double parse_real(const ParameterSpec& spec, const std::string& raw) {
  const std::string text = trim(raw);
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(number))
    throw std::invalid_argument("not a finite number: accepted " + spec.range_text());
  check_range(spec, number);
  return number;
}

bool parse_boolean(const std::string& raw) {
  const std::string text = trim(raw);
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  throw std::invalid_argument("not a boolean: accepted true or false");
}

std::string parse_choice(const ParameterSpec& spec, const std::string& raw) {
  const std::string text = trim(raw);
  for (const auto& choice : spec.choices)
    if (choice == text) return text;
  throw std::invalid_argument("not an accepted choice: accepted " + spec.range_text());
}

template <typename Element, typename Parse>
std::vector<Element> parse_list(const std::string& text, Parse parse) {
  std::vector<Element> values;
  for (const auto& item : split_list(text))
    values.push_back(parse(item));
  return values;
}

struct ValueFormatter {
  std::string operator()(bool b) const { return b ? "true" : "false"; }
  std::string operator()(std::int64_t i) const { return std::to_string(i); }
  std::string operator()(double d) const { return format_number(d); }
  std::string operator()(const std::string& s) const { return s; }
  template <typename Element>
  std::string operator()(const std::vector<Element>& list) const {
    std::string text;
    for (std::size_t i = 0; i < list.size(); ++i)
      text += (i ? ", " : "") + (*this)(list[i]);
    return text;
  }
};

ParameterSpec make_spec(std::string key, ParameterType type, ParameterValue default_value,
                        double minimum, double maximum, std::string unit, std::string description,
                        std::string source) {
  ParameterSpec spec;
  spec.key = std::move(key);
  spec.type = type;
  spec.default_value = std::move(default_value);
  spec.minimum = minimum;
  spec.maximum = maximum;
  spec.unit = std::move(unit);
  spec.description = std::move(description);
  spec.source = std::move(source);
  return spec;
}

constexpr double unbounded = std::numeric_limits<double>::infinity();

}  // namespace

std::string ParameterSpec::section() const {
  const auto dot = key.find('.');
  return dot == std::string::npos ? "" : key.substr(0, dot);
}

std::string ParameterSpec::range_text() const {
  switch (type) {
    case ParameterType::boolean:
      return "true or false";
    case ParameterType::text:
    case ParameterType::text_list:
      return "any text";
    case ParameterType::choice: {
      std::string text = "one of ";
      for (std::size_t i = 0; i < choices.size(); ++i)
        text += (i ? ", " : "") + choices[i];
      return text;
    }
    default:
      return "[" + format_number(minimum) + ", " + format_number(maximum) + "]";
  }
}

std::string type_name(ParameterType type) {
  switch (type) {
    case ParameterType::boolean:
      return "boolean";
    case ParameterType::integer:
      return "integer";
    case ParameterType::real:
      return "real";
    case ParameterType::text:
      return "text";
    case ParameterType::choice:
      return "choice";
    case ParameterType::integer_list:
      return "integer list";
    case ParameterType::real_list:
      return "real list";
    case ParameterType::text_list:
      return "text list";
  }
  return "unknown";
}

ParameterValue parse_parameter_value(const ParameterSpec& spec, const std::string& text) {
  switch (spec.type) {
    case ParameterType::boolean:
      return parse_boolean(text);
    case ParameterType::integer:
      return parse_integer(spec, text);
    case ParameterType::real:
      return parse_real(spec, text);
    case ParameterType::text:
      return trim(text);
    case ParameterType::choice:
      return parse_choice(spec, text);
    case ParameterType::integer_list:
      return parse_list<std::int64_t>(
          text, [&](const std::string& item) { return parse_integer(spec, item); });
    case ParameterType::real_list:
      return parse_list<double>(text,
                                [&](const std::string& item) { return parse_real(spec, item); });
    case ParameterType::text_list:
      return split_list(text);
  }
  throw std::logic_error("unhandled parameter type");
}

std::string format_parameter_value(const ParameterValue& value) {
  return std::visit(ValueFormatter{}, value);
}

ParameterSpec reform_input(ParameterSpec spec) {
  spec.reform_input = true;
  return spec;
}

ParameterSpec real_parameter(std::string key, double default_value, double minimum, double maximum,
                             std::string unit, std::string description, std::string source) {
  return make_spec(std::move(key), ParameterType::real, default_value, minimum, maximum,
                   std::move(unit), std::move(description), std::move(source));
}

ParameterSpec integer_parameter(std::string key, std::int64_t default_value, double minimum,
                                double maximum, std::string unit, std::string description,
                                std::string source) {
  return make_spec(std::move(key), ParameterType::integer, default_value, minimum, maximum,
                   std::move(unit), std::move(description), std::move(source));
}

ParameterSpec boolean_parameter(std::string key, bool default_value, std::string description,
                                std::string source) {
  return make_spec(std::move(key), ParameterType::boolean, default_value, -unbounded, unbounded, "",
                   std::move(description), std::move(source));
}

ParameterSpec text_parameter(std::string key, std::string default_value, std::string description,
                             std::string source) {
  return make_spec(std::move(key), ParameterType::text, std::move(default_value), -unbounded,
                   unbounded, "", std::move(description), std::move(source));
}

ParameterSpec choice_parameter(std::string key, std::string default_value,
                               std::vector<std::string> choices, std::string description,
                               std::string source) {
  auto spec = make_spec(std::move(key), ParameterType::choice, std::move(default_value), -unbounded,
                        unbounded, "", std::move(description), std::move(source));
  spec.choices = std::move(choices);
  return spec;
}

ParameterSpec real_list_parameter(std::string key, std::vector<double> default_value,
                                  double minimum, double maximum, std::string unit,
                                  std::string description, std::string source) {
  return make_spec(std::move(key), ParameterType::real_list, std::move(default_value), minimum,
                   maximum, std::move(unit), std::move(description), std::move(source));
}

ParameterSpec integer_list_parameter(std::string key, std::vector<std::int64_t> default_value,
                                     double minimum, double maximum, std::string unit,
                                     std::string description, std::string source) {
  return make_spec(std::move(key), ParameterType::integer_list, std::move(default_value), minimum,
                   maximum, std::move(unit), std::move(description), std::move(source));
}

ParameterSpec text_list_parameter(std::string key, std::vector<std::string> default_value,
                                  std::string description, std::string source) {
  return make_spec(std::move(key), ParameterType::text_list, std::move(default_value), -unbounded,
                   unbounded, "", std::move(description), std::move(source));
}

}  // namespace reformsim
