// organisation.* parameters as a user meets them: the Binhai defaults, and the refusals of lists
// that do not match the hierarchy and of bad merge-plan files named in a config.
#include <gtest/gtest.h>

#include "models/model_catalogue.h"
#include "models/organisation/organisation_settings.h"
#include "sim/config/config_error.h"
#include "sim/run/scenario.h"
#include "tests/support/test_support.h"

namespace reformsim::models {
namespace {

ParameterSet organisation_parameters() {
  const auto catalogue = all_models();
  return ParameterSet(build_registry(*catalogue.find("organisation_staff"), catalogue));
}

TEST(OrganisationSettings, DefaultsAreTheBinhaiStructure) {
  const auto parameters = organisation_parameters();
  EXPECT_NO_THROW(OrganisationSettings::validate(parameters));
  const auto settings = OrganisationSettings::from(parameters);
  EXPECT_EQ(settings.units_before(), 69);  // 60 departments + 9 park bodies (seed 1.1)
  EXPECT_EQ(settings.units_after(), 29);   // 23 + 6
  EXPECT_EQ(settings.management_layers_before, 4);
  EXPECT_EQ(settings.management_layers_after, 3);
  EXPECT_EQ(settings.level_index("unit_head"), settings.level_removed_by_flattening);
}

TEST(OrganisationSettings, RefusesPostsThatDoNotMatchTheLevels) {
  auto parameters = organisation_parameters();
  parameters.set_text("organisation.posts_per_unit_after", "1,2,3", "test.ini");
  try {
    OrganisationSettings::validate(parameters);
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.origin(), "test.ini");
    EXPECT_EQ(error.key(), "organisation.posts_per_unit_after");
    EXPECT_EQ(error.value(), "1, 2, 3");
  }
}

TEST(OrganisationSettings, RefusesMoreDepartmentsAfterThanBefore) {
  auto parameters = organisation_parameters();
  parameters.set_text("organisation.departments_after", "61", "test.ini");
  EXPECT_THROW(OrganisationSettings::validate(parameters), ConfigError);
}

TEST(OrganisationSettings, RefusesTheEntryLevelAsTheFlattenedLevel) {
  auto parameters = organisation_parameters();
  parameters.set_text("organisation.level_removed_by_flattening", "staff", "test.ini");
  EXPECT_THROW(OrganisationSettings::validate(parameters), ConfigError);
}

TEST(OrganisationSettings, ABadPlanFileIsRefusedByTheRunCommandNamingFileAndDepartment) {
  testing::TemporaryDirectory dir;
  std::string plan = "old_unit,new_unit\n";
  for (int d = 1; d <= 60; ++d)
    plan += "department " + std::to_string(d) + "," +
            (d == 17 ? "" : "new " + std::to_string(d % 23)) + "\n";
  testing::write_text(dir / "plan.csv", plan);
  const auto result =
      testing::run_reformsim({"run", "--config", "configs/organisation_staff_binhai.ini", "--quiet",
                              "--organisation.merge_plan_file=" + (dir / "plan.csv").string(),
                              "--out", (dir / "never.h5").string()});
  EXPECT_EQ(result.exit_status, 2) << result.err;
  EXPECT_NE(result.err.find("plan.csv"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("department 17"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "never.h5"));
}

}  // namespace
}  // namespace reformsim::models
