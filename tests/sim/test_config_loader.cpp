// Config files: INI sections, includes (the including file wins), and every malformed file
// refused with its name.
#include <gtest/gtest.h>

#include "sim/config/config_error.h"
#include "sim/config/config_loader.h"
#include "tests/support/test_support.h"

namespace reformsim {
namespace {

using testing::TemporaryDirectory;
using testing::write_text;

std::string error_reading(const std::filesystem::path& path) {
  try {
    read_config_file(path);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ConfigLoader, ReadsSectionsIntoDottedKeysWithTheirOrigin) {
  TemporaryDirectory dir;
  write_text(dir / "a.ini", "# comment\nmodel.name = demo\n[run]\nseed = 3\n[market]\nx = 1.5\n");
  const auto entries = read_config_file(dir / "a.ini");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].key, "run.seed");
  EXPECT_EQ(entries[1].value, "3");
  EXPECT_EQ(entries[2].origin, (dir / "a.ini").string());
}

TEST(ConfigLoader, IncludedValuesComeFirstSoTheIncludingFileWins) {
  TemporaryDirectory dir;
  std::filesystem::create_directory(dir / "sub");
  write_text(dir / "sub" / "base.ini", "[run]\nseed = 1\nreplications = 5\n");
  write_text(dir / "top.ini", "include = sub/base.ini\n[run]\nseed = 2\n");
  const auto entries = read_config_file(dir / "top.ini");
  EXPECT_EQ(find_entry(entries, "run.seed", ""), "2");
  EXPECT_EQ(find_entry(entries, "run.replications", ""), "5");
}

TEST(ConfigLoader, SeveralIncludesApplyInOrderBeforeTheIncludingFile) {
  TemporaryDirectory dir;
  write_text(dir / "a.ini", "[run]\nseed = 1\nreplications = 5\n");
  write_text(dir / "b.ini", "[run]\nseed = 2\n[calendar]\nyears = 3\n");
  write_text(dir / "top.ini", "include = a.ini, b.ini\n[calendar]\nyears = 4\n");
  const auto entries = read_config_file(dir / "top.ini");
  EXPECT_EQ(find_entry(entries, "run.seed", ""), "2");
  EXPECT_EQ(find_entry(entries, "run.replications", ""), "5");
  EXPECT_EQ(find_entry(entries, "calendar.years", ""), "4");
  write_text(dir / "bad.ini", "include = a.ini,\n");
  EXPECT_NE(error_reading(dir / "bad.ini").find("empty file name"), std::string::npos);
}

TEST(ConfigLoader, RefusesIncludeCycles) {
  TemporaryDirectory dir;
  write_text(dir / "a.ini", "include = b.ini\n");
  write_text(dir / "b.ini", "include = a.ini\n");
  EXPECT_NE(error_reading(dir / "a.ini").find("include cycle"), std::string::npos);
}

TEST(ConfigLoader, RefusesMissingFilesDirectoriesAndBadSyntaxNamingTheFile) {
  TemporaryDirectory dir;
  EXPECT_NE(error_reading(dir / "missing.ini").find("missing.ini: cannot be read"),
            std::string::npos);
  EXPECT_NE(error_reading(dir.path()).find("is a directory"), std::string::npos);
  // A name longer than the system allows (NAME_MAX 255): refused as unreadable, not thrown as
  // a filesystem_error (found by fuzz_config through run.targets_file).
  const std::string too_long = std::string(300, 'R') + ".ini";
  EXPECT_NE(error_reading(dir / too_long).find(too_long + ": cannot be read"), std::string::npos);
  write_text(dir / "bad.ini", "[run\nseed = 1\n");
  const std::string message = error_reading(dir / "bad.ini");
  EXPECT_NE(message.find("bad.ini: malformed config file"), std::string::npos) << message;
}

TEST(ConfigLoader, RefusesAKeyGivenTwiceInOneFile) {
  TemporaryDirectory dir;
  write_text(dir / "twice.ini", "[run]\nseed = 1\nseed = 2\n");
  const std::string message = error_reading(dir / "twice.ini");
  EXPECT_NE(message.find("key 'run.seed'"), std::string::npos) << message;
  EXPECT_NE(message.find("given twice"), std::string::npos) << message;
}

TEST(ConfigLoader, OverridesNeedKeyEqualsValue) {
  const auto entries = parse_overrides({"run.seed=5", "market.x=a=b"});
  EXPECT_EQ(entries[0].key, "run.seed");
  EXPECT_EQ(entries[1].value, "a=b");
  EXPECT_EQ(entries[0].origin, "command line");
  EXPECT_THROW(parse_overrides({"run.seed"}), ConfigError);
}

TEST(ConfigLoader, ApplyEntriesValidatesEveryValueAgainstTheRegistry) {
  auto registry = std::make_shared<ParameterRegistry>();
  registry->add(integer_parameter("run.seed", 1, 0, 100, "", "", ""));
  const auto set = apply_entries(registry, {{"run.seed", "7", "x.ini"}});
  EXPECT_EQ(set.integer("run.seed"), 7);
  EXPECT_THROW(apply_entries(registry, {{"run.seed", "700", "x.ini"}}), ConfigError);
  EXPECT_THROW(apply_entries(registry, {{"run.sed", "7", "x.ini"}}), ConfigError);
}

}  // namespace
}  // namespace reformsim
