// Parameters are declared once and every value is checked against its declaration: type,
// range, choices; a value's text round-trips; the registry refuses programming errors.
#include <gtest/gtest.h>

#include <memory>

#include "sim/config/config_error.h"
#include "sim/config/parameter_set.h"

namespace reformsim {
namespace {

std::shared_ptr<ParameterRegistry> sample_registry() {
  auto registry = std::make_shared<ParameterRegistry>();
  registry->add(real_parameter("staff.retirement_age", 60, 50, 70, "years", "age", "assumption"));
  registry->add(integer_parameter("staff.count", 100, 0, 1e6, "persons", "staff", "assumption"));
  registry->add(boolean_parameter("reform.pay", true, "pay by KPI", "seed 1.3"));
  registry->add(choice_parameter("staff.promotion", "merit", {"merit", "seniority"}, "rule", "x"));
  registry->add(real_list_parameter("staff.weights", {1, 0.5}, 0, 10, "1", "weights", "x"));
  registry->add(integer_list_parameter("staff.posts", {1, 3}, 1, 100, "posts", "posts", "x"));
  registry->add(text_list_parameter("staff.names", {"a", "b"}, "names", "x"));
  registry->add(text_parameter("staff.plan", "", "plan file", "x"));
  return registry;
}

std::string error_of(ParameterSet& set, const std::string& key, const std::string& text) {
  try {
    set.set_text(key, text, "file.ini");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ParameterSet, StartsAtDeclaredDefaultsWithOriginDefault) {
  ParameterSet set(sample_registry());
  EXPECT_EQ(set.real("staff.retirement_age"), 60);
  EXPECT_EQ(set.integer("staff.count"), 100);
  EXPECT_TRUE(set.boolean("reform.pay"));
  EXPECT_EQ(set.text("staff.promotion"), "merit");
  EXPECT_EQ(set.reals("staff.weights"), (std::vector<double>{1, 0.5}));
  EXPECT_EQ(set.origin("staff.count"), "default");
}

TEST(ParameterSet, ParsesEveryTypeAndRecordsTheOrigin) {
  ParameterSet set(sample_registry());
  set.set_text("staff.retirement_age", " 62.5 ", "a.ini");
  set.set_text("staff.count", "7", "a.ini");
  set.set_text("reform.pay", "off", "a.ini");
  set.set_text("staff.promotion", "seniority", "a.ini");
  set.set_text("staff.weights", "2, 3.5,4", "a.ini");
  set.set_text("staff.posts", "1,2,3", "a.ini");
  set.set_text("staff.names", "x , y", "command line");
  EXPECT_EQ(set.real("staff.retirement_age"), 62.5);
  EXPECT_EQ(set.integer("staff.count"), 7);
  EXPECT_FALSE(set.boolean("reform.pay"));
  EXPECT_EQ(set.text("staff.promotion"), "seniority");
  EXPECT_EQ(set.reals("staff.weights"), (std::vector<double>{2, 3.5, 4}));
  EXPECT_EQ(set.integers("staff.posts"), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(set.texts("staff.names"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(set.origin("staff.names"), "command line");
}

TEST(ParameterSet, RefusesOutOfRangeNamingOriginKeyValueAndRange) {
  ParameterSet set(sample_registry());
  const std::string message = error_of(set, "staff.retirement_age", "200");
  EXPECT_NE(message.find("file.ini"), std::string::npos) << message;
  EXPECT_NE(message.find("staff.retirement_age"), std::string::npos) << message;
  EXPECT_NE(message.find("'200'"), std::string::npos) << message;
  EXPECT_NE(message.find("[50, 70] years"), std::string::npos) << message;
}

TEST(ParameterSet, RefusesWrongTypes) {
  ParameterSet set(sample_registry());
  EXPECT_NE(error_of(set, "staff.count", "7.5").find("not an integer"), std::string::npos);
  EXPECT_NE(error_of(set, "staff.count", "").find("not an integer"), std::string::npos);
  EXPECT_NE(error_of(set, "staff.retirement_age", "sixty").find("not a finite number"),
            std::string::npos);
  EXPECT_NE(error_of(set, "staff.retirement_age", "nan").find("not a finite number"),
            std::string::npos);
  EXPECT_NE(error_of(set, "reform.pay", "maybe").find("not a boolean"), std::string::npos);
  EXPECT_NE(error_of(set, "staff.promotion", "luck").find("one of merit, seniority"),
            std::string::npos);
  EXPECT_NE(error_of(set, "staff.posts", "1,0").find("out of range"), std::string::npos);
}

TEST(ParameterSet, RefusesUnknownKeys) {
  ParameterSet set(sample_registry());
  const std::string message = error_of(set, "staff.retirment_age", "60");
  EXPECT_NE(message.find("unknown key"), std::string::npos) << message;
  EXPECT_NE(message.find("staff.retirment_age"), std::string::npos) << message;
}

TEST(ParameterSet, TypedValuesGoThroughTheSameValidation) {
  ParameterSet set(sample_registry());
  set.set_value("staff.retirement_age", 55.0, "sweep");
  EXPECT_EQ(set.real("staff.retirement_age"), 55.0);
  EXPECT_THROW(set.set_value("staff.retirement_age", 80.0, "sweep"), ConfigError);
}

TEST(ParameterSet, ReadingWithTheWrongGetterIsAProgrammingError) {
  ParameterSet set(sample_registry());
  EXPECT_THROW(set.integer("staff.retirement_age"), std::logic_error);
  EXPECT_THROW(set.real("staff.undeclared"), std::logic_error);
}

TEST(ParameterSet, IniTextLoadsBackToTheSameValues) {
  ParameterSet set(sample_registry());
  set.set_text("staff.retirement_age", "55.1", "a");
  set.set_text("staff.weights", "0.30000000000000004, 1e-9", "a");
  const std::string ini = set.to_ini();
  EXPECT_NE(ini.find("[staff]\nretirement_age = 55.1\n"), std::string::npos) << ini;
  ParameterSet again(sample_registry());
  // Parse the INI text line by line as the loader would.
  std::string section;
  std::size_t start = 0;
  while (start < ini.size()) {
    const auto end = ini.find('\n', start);
    const std::string line = ini.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    if (line.front() == '[') {
      section = line.substr(1, line.size() - 2);
      continue;
    }
    const auto equals = line.find(" = ");
    again.set_text(section + "." + line.substr(0, equals), line.substr(equals + 3), "ini");
  }
  for (const auto& spec : set.registry().specs())
    EXPECT_EQ(set.value(spec.key), again.value(spec.key)) << spec.key;
}

TEST(ParameterRegistry, RefusesDuplicateAndSectionlessKeys) {
  ParameterRegistry registry;
  registry.add(real_parameter("a.b", 1, 0, 2, "", "", ""));
  EXPECT_THROW(registry.add(real_parameter("a.b", 1, 0, 2, "", "", "")), std::logic_error);
  EXPECT_THROW(registry.add(real_parameter("nosection", 1, 0, 2, "", "", "")), std::logic_error);
}

TEST(ParameterRegistry, MarkdownTableListsEveryParameterWithUnitAndSource) {
  const auto registry = sample_registry();
  const std::string table = registry->markdown_table();
  EXPECT_NE(table.find("| `staff.retirement_age` | real | 60 | [50, 70] | years | age | "
                       "assumption |"),
            std::string::npos)
      << table;
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 2 + 8);
}

}  // namespace
}  // namespace reformsim
