#include "models/demo/demo_market_model.h"

#include "models/demo/demo_market_state.h"
#include "sim/config/config_error.h"

namespace reformsim::models {

std::string DemoMarketModel::description() const {
  return "demonstration market: firms with random-walk productivity, exit below a threshold, "
         "entry when the value of entry beats the wait for a licence; one reform shortens it";
}

void DemoMarketModel::declare_parameters(ParameterRegistry& registry) const {
  const std::string demo = "demonstration value";
  registry.add(integer_parameter("market.initial_firms", 10000, 0, 1e8, "firms",
                                 "firms at the start of the burn-in", demo));
  registry.add(integer_parameter("market.sectors", 4, 1, 16, "sectors",
                                 "sectors firms are spread over uniformly", demo));
  registry.add(real_parameter("market.initial_log_productivity_sd", 0.5, 0, 5, "log points",
                              "spread of initial and entrant log productivity", demo));
  registry.add(real_parameter("market.productivity_volatility", 0.02, 0, 1, "log points per day",
                              "daily standard deviation of log productivity", demo));
  registry.add(real_parameter("market.exit_log_productivity", -1.5, -20, 20, "log points",
                              "a firm exits when its log productivity falls below this", demo));
  registry.add(real_parameter("market.entrant_arrivals_per_day", 8, 0, 1e6, "entrants per day",
                              "mean of the Poisson stream of potential entrants", demo));
  registry.add(real_parameter("market.entry_value_days", 20, 0.001, 1e4, "working days",
                              "mean (exponential) value of entry, in days of waiting it is "
                              "worth; an entrant registers when it exceeds the approval wait",
                              demo));
  registry.add(
      reform_input(real_parameter("market.approval_days_before", 30, 0, 1e4, "working days",
                                  "wait for a licence before the reform", demo)));
  registry.add(reform_input(real_parameter("market.approval_days_after", 8, 0, 1e4, "working days",
                                           "wait for a licence from the reform day on", demo)));
  registry.add(
      reform_input(integer_parameter("market.reform_day", 250, -1e6, 1e6, "working days",
                                     "reported day (0 = first day of calendar.first_year) the "
                                     "demonstration reform starts",
                                     demo)));
  registry.add(real_parameter("market.entry_subsidy_factor", 1.5, 1, 100, "1",
                              "multiplies the value of entry while the entry subsidy is on", demo));
  registry.add(boolean_parameter("reform.faster_licensing", true,
                                 "from the reform day the wait is approval_days_after", demo));
  registry.add(boolean_parameter("reform.entry_subsidy", false,
                                 "from the reform day the value of entry is multiplied by "
                                 "entry_subsidy_factor",
                                 demo));
}

void DemoMarketModel::validate(const ParameterSet& parameters) const {
  const std::string key = "market.exit_log_productivity";
  // Initial log productivity is centred on 0: a threshold at or above it would empty the market
  // on the first day, which is a typo, not a scenario.
  if (parameters.real(key) >= 0)
    throw ConfigError(parameters.origin(key), key, format_parameter_value(parameters.value(key)),
                      "must be below 0 (the mean initial log productivity), or every firm "
                      "exits on the first day");
}

MetricCatalogue DemoMarketModel::metrics(const ParameterSet& parameters) const {
  MetricCatalogue catalogue;
  std::vector<std::string> sectors;
  for (std::int64_t s = 0; s < parameters.integer("market.sectors"); ++s)
    sectors.push_back("sector_" + std::to_string(s));
  catalogue.add_dimension({"sector", "sector of the firm", sectors});
  catalogue.add_series("firms", "firms in the market at the end of the day", "firms");
  catalogue.add_series("entries", "firms registered during the day", "firms");
  catalogue.add_series("exits", "firms that exited during the day", "firms");
  catalogue.add_series("output", "sum of firms' productivity (output index)", "output units");
  catalogue.add_series("mean_log_productivity", "mean log productivity of firms", "log points");
  catalogue.add_series("approval_days", "wait for a licence in force that day", "working days");
  catalogue.add_series("firms_by_sector", "firms by sector", "firms", "sector");
  catalogue.add_summary("total_entries", "firms registered over the whole run", "firms");
  catalogue.add_summary("total_exits", "firms exited over the whole run", "firms");
  return catalogue;
}

std::unique_ptr<ModelState> DemoMarketModel::create_state(const ReplicationSetup& setup,
                                                          const MetricCatalogue& metrics) const {
  auto id = [&](const char* name) { return metrics.id(name); };
  DemoMarketMetrics ids{id("firms"),
                        id("entries"),
                        id("exits"),
                        id("output"),
                        id("mean_log_productivity"),
                        id("approval_days"),
                        id("firms_by_sector"),
                        id("total_entries"),
                        id("total_exits")};
  return std::make_unique<DemoMarketState>(setup, DemoMarketSettings::from(setup.parameters), ids);
}

}  // namespace reformsim::models
