// staff_work.cpp - one working day of every staff member, in parallel (tiled_reduction.h):
// ageing, effort moving towards its target under the day's pay-performance sensitivity, output
// and the KPI score; then pay (which needs the day's mean KPI) and who leaves tonight.
#include "models/staff/staff_equations.h"
#include "models/staff/staff_system.h"
#include "sim/parallel/blocks.h"
#include "sim/parallel/tiled_reduction.h"

namespace reformsim::models {

void StaffSystem::work(const StepContext& context) {
  sensitivity_ = sensitivity_on(today_);
  const double year = 1.0 / static_cast<double>(context.calendar.days_per_year());
  const double kpi_total = kpi_sum_.reduce(
      staff_.size(), 0.0,
      [&](std::size_t i, std::size_t) {
        staff_.age[i] += year, staff_.experience[i] += year, staff_.tenure[i] += year;
        const double target = effort_target(settings_, sensitivity_, staff_.motivation[i]);
        staff_.effort[i] = next_effort(staff_.effort[i], target, settings_.effort_adjustment_rate);
        staff_.output[i] = staff_.competence[i] * staff_.effort[i];
        auto noise = context.random(staff_member_stream, draw_kpi_noise, staff_.id[i]);
        staff_.kpi[i] = next_kpi(staff_.kpi[i], staff_.output[i], settings_.kpi_smoothing,
                                 settings_.kpi_measurement_noise, noise.normal());
        return staff_.kpi[i];
      },
      [](double& total, double kpi, std::size_t) { total += kpi; },
      [](double a, double b) { return a + b; }, work_schedule_);
  const double mean_kpi = staff_.size() > 0 ? kpi_total / static_cast<double>(staff_.size()) : 0;
  for_each_block(
      staff_.size(),
      [&](const Block& block) {
        for (std::size_t i = block.begin; i < block.end; ++i) {
          const double base =
              settings_.base_pay_by_level[static_cast<std::size_t>(staff_.level[i])];
          staff_.pay[i] = pay(base, settings_, sensitivity_, staff_.kpi[i], mean_kpi);
          Leaving leaving = Leaving::stays;
          if (staff_.age[i] >= settings_.retirement_age) {
            leaving = Leaving::retires;
          } else if (staff_.competence[i] < settings_.exit_competence_threshold ||
                     staff_.pay[i] < settings_.exit_pay_threshold * flat_pay(base, settings_)) {
            auto exit = context.random(staff_member_stream, draw_exit, staff_.id[i]);
            if (exit.bernoulli(settings_.exit_hazard_per_day)) leaving = Leaving::exits;
          }
          staff_.leaving[i] = static_cast<std::uint8_t>(leaving);
        }
      },
      elementwise_block_size(staff_.size()));
}

}  // namespace reformsim::models
