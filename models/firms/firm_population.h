// firm_population.h - the market entities as a structure of arrays. Index order is entry order
// and ids only grow, so the id array is sorted: a firm is found by binary search, and removing
// exits keeps the order (and every block reduction over it) independent of the thread count.
// The enforcement attributes (violation propensity, open violation, last inspection, compliance
// burden) are the firm's, written by the enforcement mechanism through InspectedFirms, as are the
// values enforcement keeps per firm between days (inspected_firms.h).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/common/selected_indices.h"
#include "models/enforcement/inspected_firms.h"

namespace reformsim::models {

// One firm's attributes when it is created (initial population or a registration).
struct FirmRecord {
  std::uint64_t id = 0;
  std::uint8_t sector = 0;
  bool foreign_invested = false, exporting = false;
  double log_productivity = 0, capital = 0, employment = 0, margin = 0;
  double violation_propensity = 0;
  std::uint8_t violation_remit = no_violation;
};

class FirmPopulation {
 public:
  std::size_t size() const { return id.size(); }
  void reserve(std::size_t firms);
  void add(const FirmRecord& firm);
  // Removes every firm whose exiting flag is set, keeping the order (the columns in parallel);
  // returns how many left.
  std::size_t remove_exiting();
  std::optional<std::size_t> index_of(std::uint64_t firm_id) const;
  InspectedFirms inspected();
  // The one way capital changes after entry: it keeps log_capital equal to log(capital).
  void add_capital(std::size_t firm, double amount) {
    capital[firm] += amount;
    log_capital[firm] = std::log(capital[firm]);
  }

  std::vector<std::uint64_t> id;
  std::vector<std::uint8_t> sector, foreign_invested, exporting, exiting;
  std::vector<double> log_productivity, capital, employment, margin;
  // log(capital), kept beside it: production needs it every day, capital changes only when a
  // project is installed (a log per firm-day was 2-3% of a Binhai run's instructions).
  std::vector<double> log_capital;
  std::vector<double> violation_propensity, compliance_burden;
  std::vector<double> violation_onset, inspection_rate, no_inspection;  // enforcement's caches
  std::vector<std::uint8_t> violation_remit;
  std::vector<std::int32_t> last_inspection_day;
  SelectedIndices exit_positions;  // scratch of remove_exiting(), kept between days

  static constexpr std::size_t column_count = 17;  // the columns for_each_column visits
  template <typename Visit>
  void for_each_column(Visit&& visit) {
    visit(id), visit(sector), visit(foreign_invested), visit(exporting), visit(exiting);
    visit(log_productivity), visit(capital), visit(log_capital), visit(employment), visit(margin);
    visit(violation_propensity), visit(compliance_burden), visit(violation_onset);
    visit(inspection_rate), visit(no_inspection), visit(violation_remit);
    visit(last_inspection_day);
  }
};

}  // namespace reformsim::models
