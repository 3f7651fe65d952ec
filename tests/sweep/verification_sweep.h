// verification_sweep.h - a sweep of a verification model (models/verification) run through
// the reformsim executable as a user runs it, then `reformsim sensitivity` on it, and the
// pieces a test compares: the design's parameter values, the indices written to the
// sensitivity file, their labels and the printed table.
#pragma once

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace reformsim::testing {

// One swept parameter: key, range.
struct SweptParameter {
  std::string key;
  double low, high;
  std::string argument() const {
    std::ostringstream text;
    text.precision(17);
    text << key << "=" << low << ":" << high;
    return text.str();
  }
};

inline std::vector<std::string> keys_of(const std::vector<SweptParameter>& parameters) {
  std::vector<std::string> keys;
  for (const auto& parameter : parameters)
    keys.push_back(parameter.key);
  return keys;
}

// reformsim sweep --config configs/verification/MODEL.ini --design DESIGN --param ... ;
// one replication (the models are deterministic) and a fixed seed.
inline CommandResult run_verification_sweep(const std::string& model, const std::string& design,
                                            const std::vector<SweptParameter>& parameters,
                                            const std::string& samples, const std::string& out,
                                            std::vector<std::string> extra = {}) {
  std::vector<std::string> arguments{"sweep", "--quiet"};
  auto add = [&](const std::string& option, const std::string& value) {
    arguments.push_back(option);
    arguments.push_back(value);
  };
  add("--config", "configs/verification/" + model + ".ini");
  add("--design", design);
  add("--samples", samples);
  add("--replications", "1");
  add("--seed", "2024");
  add("--out", out);
  for (const auto& parameter : parameters)
    add("--param", parameter.argument());
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return run_reformsim(arguments);
}

// The design's parameter values (points x parameters, in the order given), as design.h5
// records them: what each design point was simulated at.
inline Eigen::MatrixXd design_values(const std::string& sweep_directory,
                                     const std::vector<std::string>& keys) {
  Eigen::MatrixXd values;
  for (std::size_t f = 0; f < keys.size(); ++f) {
    const auto column = read_hdf5_doubles(sweep_directory + "/design.h5", keys[f]);
    if (f == 0)
      values.resize(static_cast<Eigen::Index>(column.size()),
                    static_cast<Eigen::Index>(keys.size()));
    values.col(static_cast<Eigen::Index>(f)) =
        Eigen::Map<const Eigen::VectorXd>(column.data(), static_cast<Eigen::Index>(column.size()));
  }
  return values;
}

inline Eigen::VectorXd read_vector(const std::string& file, const std::string& name) {
  const auto values = read_hdf5_doubles(file, name);
  return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

// The labels of a labelled dimension (statistic_label, parameter_label), in file order.
inline std::vector<std::string> read_labels(const std::string& file, const std::string& name) {
  for (const auto& [dataset, bytes] : read_all_datasets(file)) {
    if (dataset != name) continue;
    std::vector<std::string> labels;
    std::string label;
    for (char c : bytes) {
      if (c != '\0') {
        label += c;
        continue;
      }
      labels.push_back(label);
      label.clear();
    }
    return labels;
  }
  ADD_FAILURE() << "no dataset " << name << " in " << file;
  return {};
}

// One row of the printed table: statistic, parameter and its numbers (S1, its interval, ST,
// its interval; or mu, mu*, its interval, sigma).
struct TableRow {
  std::string statistic, parameter;
  std::vector<double> numbers;
};

// The rows of the table `reformsim sensitivity` prints (header and "wrote" line skipped).
inline std::vector<TableRow> parse_table(const std::string& printed) {
  std::vector<TableRow> rows;
  std::istringstream lines(printed);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    if (line.rfind("wrote ", 0) == 0) continue;
    char statistic[128], parameter[128];
    double n[6];
    if (std::sscanf(line.c_str(), "%127s %127s %lf [%lf,%lf] %lf [%lf,%lf]", statistic, parameter,
                    n, n + 1, n + 2, n + 3, n + 4, n + 5) == 8)
      rows.push_back({statistic, parameter, {n, n + 6}});
    else if (std::sscanf(line.c_str(), "%127s %127s %lf %lf [%lf,%lf] %lf", statistic, parameter, n,
                         n + 1, n + 2, n + 3, n + 4) == 7)
      rows.push_back({statistic, parameter, {n, n + 5}});
    else
      ADD_FAILURE() << "not a table row: '" << line << "'";
  }
  return rows;
}

}  // namespace reformsim::testing
