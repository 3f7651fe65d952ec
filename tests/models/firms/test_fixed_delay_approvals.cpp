// FixedDelayApprovals: the delay and trips are fixed at submission, shorten from the approval
// measures' day (unless switched off), withdrawals are reported once, and every application is
// completed, withdrawn or still in progress.
#include <gtest/gtest.h>

#include "models/firms/fixed_delay_approvals.h"
#include "tests/models/firms/firms_fixture.h"

namespace reformsim::models {
namespace {

constexpr auto registration = ApplicationType::business_registration;
constexpr auto investment = ApplicationType::investment_project;

struct FixedDelayDays {
  testing::FirmsRun run;
  Calendar calendar{250, 0, 2017, 2};
  FixedDelayApprovals approvals{FixedDelaySettings::from(run.parameters),
                                ReformSchedule(run.parameters)};
  void advance_to(std::int64_t day) { approvals.advance({day, calendar, 1}); }
};

TEST(FixedDelayApprovals, DelayAndTripsShortenFromTheReformDay) {
  FixedDelayDays days;
  EXPECT_EQ(days.approvals.delay_on(investment, 249.5), 54);
  EXPECT_EQ(days.approvals.delay_on(investment, 250), 8);
  EXPECT_EQ(days.approvals.trips_on(registration, 10), 4);
  EXPECT_EQ(days.approvals.trips_on(registration, 260), 1);
  days.advance_to(300);
  EXPECT_EQ(days.approvals.expected_wait_days(registration), 3);
  EXPECT_EQ(days.approvals.expected_trips(investment), 1);
}

TEST(FixedDelayApprovals, NoShorteningWhenSwitchedOff) {
  FixedDelayDays days;
  days.run.set("fixed_approvals.reform_shortening", false);
  FixedDelayApprovals approvals(FixedDelaySettings::from(days.run.parameters),
                                ReformSchedule(days.run.parameters));
  EXPECT_EQ(approvals.delay_on(investment, 400), 54);
}

TEST(FixedDelayApprovals, AnApplicationKeepsTheDelayItWasSubmittedUnder) {
  FixedDelayDays days;
  days.advance_to(240);
  const auto before = days.approvals.submit({investment, 7, 240.5});  // due 294.5
  days.advance_to(250);
  const auto after = days.approvals.submit({investment, 8, 250.25});  // due 258.25
  std::vector<std::pair<std::uint64_t, std::int64_t>> completions;
  for (std::int64_t day = 251; day < 300; ++day) {
    days.advance_to(day);
    for (const auto& outcome : days.approvals.outcomes_today())
      completions.push_back({outcome.application, day});
  }
  ASSERT_EQ(completions.size(), 2u);
  EXPECT_EQ(completions[0], std::make_pair(after, std::int64_t{258}));
  EXPECT_EQ(completions[1], std::make_pair(before, std::int64_t{294}));
}

TEST(FixedDelayApprovals, AWithdrawalIsReportedOnceAndEveryApplicationIsAccountedFor) {
  FixedDelayDays days;
  days.advance_to(0);
  std::vector<std::uint64_t> ids;
  for (int k = 0; k < 10; ++k)
    ids.push_back(days.approvals.submit({k % 2 ? investment : registration, 100u + k, 0.5}));
  days.approvals.withdraw(ids[1]);
  days.approvals.withdraw(ids[1]);  // twice: ignored
  int withdrawn_reports = 0;
  for (std::int64_t day = 1; day < 20; ++day) {
    days.advance_to(day);
    for (const auto& outcome : days.approvals.outcomes_today()) {
      withdrawn_reports += outcome.withdrawn;
      if (outcome.withdrawn) {
        EXPECT_EQ(outcome.applicant, 101u);
      }
    }
    if (day == 15) days.approvals.withdraw(ids[0]);  // already completed on day 10: ignored
  }
  EXPECT_EQ(withdrawn_reports, 1);
  for (ApplicationType type : {registration, investment})
    EXPECT_EQ(days.approvals.submitted(type), days.approvals.completed(type) +
                                                  days.approvals.withdrawn(type) +
                                                  days.approvals.in_progress(type));
  EXPECT_EQ(days.approvals.completed(registration), 5u);
  EXPECT_EQ(days.approvals.in_progress(investment), 4u);  // 54 days: still waiting
}

}  // namespace
}  // namespace reformsim::models
