#include "sim/model/metric_catalogue.h"

#include <stdexcept>

namespace reformsim {

void MetricCatalogue::add_dimension(MetricDimension dimension) {
  for (const auto& existing : dimensions_)
    if (existing.name == dimension.name)
      throw std::logic_error("metric dimension '" + dimension.name + "' declared twice");
  if (dimension.labels.empty())
    throw std::logic_error("metric dimension '" + dimension.name + "' has no labels");
  dimensions_.push_back(std::move(dimension));
}

const MetricDimension& MetricCatalogue::dimension(const std::string& name) const {
  for (const auto& existing : dimensions_)
    if (existing.name == name) return existing;
  throw std::logic_error("metric dimension '" + name + "' was never declared");
}

MetricId MetricCatalogue::id(const std::string& name) const {
  for (const auto* list : {&series_, &summaries_})
    for (const auto& spec : *list)
      if (spec.name == name) return MetricId{spec.offset, spec.width};
  throw std::logic_error("metric '" + name + "' was never declared");
}

MetricId MetricCatalogue::add(std::vector<MetricSpec>& list, std::size_t& width, MetricSpec spec) {
  for (const auto* other : {&series_, &summaries_})
    for (const auto& existing : *other)
      if (existing.name == spec.name)
        throw std::logic_error("metric '" + spec.name + "' declared twice");
  spec.width = spec.dimension.empty() ? 1 : dimension(spec.dimension).labels.size();
  spec.offset = width;
  width += spec.width;
  list.push_back(spec);
  return MetricId{spec.offset, spec.width};
}

MetricId MetricCatalogue::add_series(std::string name, std::string long_name, std::string unit,
                                     std::string dimension) {
  return add(series_, series_width_,
             {std::move(name), std::move(long_name), std::move(unit), std::move(dimension)});
}

MetricId MetricCatalogue::add_summary(std::string name, std::string long_name, std::string unit,
                                      std::string dimension) {
  return add(summaries_, summary_width_,
             {std::move(name), std::move(long_name), std::move(unit), std::move(dimension)});
}

}  // namespace reformsim
