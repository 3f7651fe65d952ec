// metric_catalogue.h - what a model records: named time series (one value, or one value per
// label of a dimension, every step) and summaries (once per replication), each with a unit and
// a long name. The output writer turns each into a labelled array; the catalogue is the
// output-file dictionary.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace reformsim {

// An extra axis of a metric, such as the management levels or the departments.
struct MetricDimension {
  std::string name;  // "level"; becomes the dimension name in the output file
  std::string long_name;
  std::vector<std::string> labels;  // one per position along the axis
};

struct MetricSpec {
  std::string name;  // "organisational_efficiency"
  std::string long_name;
  std::string unit;        // "1" for dimensionless fractions, "persons", "working days"
  std::string dimension;   // "" for a scalar, else the name of a MetricDimension
  std::size_t offset = 0;  // first column in the row
  std::size_t width = 1;   // columns: 1, or the dimension's size
};

// Handle to a declared metric: which columns of a row it owns.
struct MetricId {
  std::size_t offset = 0;
  std::size_t width = 0;
};

class MetricCatalogue {
 public:
  void add_dimension(MetricDimension dimension);
  // Throws std::logic_error for a duplicate name or an undeclared dimension.
  MetricId add_series(std::string name, std::string long_name, std::string unit,
                      std::string dimension = "");
  MetricId add_summary(std::string name, std::string long_name, std::string unit,
                       std::string dimension = "");

  // The columns of a declared series or summary; std::logic_error if never declared.
  MetricId id(const std::string& name) const;

  const std::vector<MetricDimension>& dimensions() const { return dimensions_; }
  const MetricDimension& dimension(const std::string& name) const;
  const std::vector<MetricSpec>& series() const { return series_; }
  const std::vector<MetricSpec>& summaries() const { return summaries_; }
  std::size_t series_width() const { return series_width_; }
  std::size_t summary_width() const { return summary_width_; }

 private:
  MetricId add(std::vector<MetricSpec>& list, std::size_t& width, MetricSpec spec);

  std::vector<MetricDimension> dimensions_;
  std::vector<MetricSpec> series_, summaries_;
  std::size_t series_width_ = 0, summary_width_ = 0;
};

// One step's (or one replication's) values; unset entries stay NaN, meaning "not defined"
// (for example a median time when nothing completed), never a silent zero.
class MetricRow {
 public:
  explicit MetricRow(std::span<double> values) : values_(values) {}
  void set(MetricId id, double value) { values_[id.offset] = value; }
  void set(MetricId id, std::size_t index, double value) { values_[id.offset + index] = value; }
  double get(MetricId id, std::size_t index = 0) const { return values_[id.offset + index]; }

 private:
  std::span<double> values_;
};

}  // namespace reformsim
