// Malformed inputs of every kind a user hands reformsim: scenario configs, targets files,
// merge plans, and files given where an output file is expected (describe, calibrate --resume,
// --out). Each is refused with its expected exit status and a message naming what is wrong;
// none crashes (ends by a signal), none hangs (killed after a time limit), none allocates
// without bound (run under a 2 GiB address-space limit outside sanitizer builds, so an
// unbounded allocation ends as a failure, not as a swapping machine). Inputs found by fuzzing
// (tests/fuzz) are among them. test_run_command.cpp covers the first bad configs (unknown key,
// wrong type, range, empty, malformed, missing); this table does not repeat them.
#include <gtest/gtest.h>

#include <hdf5_hl.h>

#include <functional>

#include "models/model_catalogue.h"
#include "sim/calibration/calibration_config.h"
#include "sim/output/labelled_arrays.h"
#include "tests/reliability/bounded_process.h"
#include "tests/support/test_support.h"

namespace reformsim::reliability {
namespace {

using testing::TemporaryDirectory;

enum class Use { config, targets_file, merge_plan, describe, resume, out, merge, sensitivity };

struct BadInput {
  std::string name;
  Use use;
  std::string content;  // written to the input file; see `path`
  int exit_status = 2;
  std::vector<std::string> expected;  // each must appear in stderr ($FILE: the input's path)
  std::string path = "";              // an existing path to use instead of writing content
  std::vector<std::string> extra = {};
  // Makes the input at the given path instead of writing content (crafted HDF5 files, sweep
  // directories).
  std::function<void(const std::filesystem::path&)> make = {};
};

void PrintTo(const BadInput& bad, std::ostream* stream) {
  *stream << bad.name;
}

const std::string demo = "model.name = demo_market\n";

std::vector<std::string> arguments_for(const BadInput& bad, const std::string& file,
                                       const TemporaryDirectory& dir) {
  const std::string out = (dir / "out.h5").string();
  std::vector<std::string> arguments;
  switch (bad.use) {
    case Use::config:
      arguments = {"run", "--config", file, "--out", out, "--quiet"};
      break;
    case Use::targets_file:
      arguments = {
          "run", "--config", "configs/demo_market.ini", "--run.targets_file=" + file, "--out",
          out,   "--quiet"};
      break;
    case Use::merge_plan:
      arguments = {"run",
                   "--config",
                   "configs/organisation_staff_binhai.ini",
                   "--organisation.merge_plan_file=" + file,
                   "--out",
                   out,
                   "--quiet"};
      break;
    case Use::describe:
      arguments = {"describe", file};
      break;
    case Use::resume:
      arguments = {"calibrate", "--config", "configs/calibration/demo_market_abc.ini",
                   "--method",  "abc-smc",  "--resume",
                   "--out",     file,       "--quiet"};
      break;
    case Use::out:
      arguments = {"run", "--config", "configs/demo_market.ini",    "--out",
                   file,  "--quiet",  "--market.initial_firms=100", "--calendar.burn_in_days=0"};
      break;
    case Use::merge:
      arguments = {"merge", file, "--out", out};
      break;
    case Use::sensitivity:
      arguments = {"sensitivity", file, "--out", out, "--quiet", "--output", "firms"};
      break;
  }
  arguments.insert(arguments.end(), bad.extra.begin(), bad.extra.end());
  return arguments;
}

class BadInputs : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputs, AreRefusedWithTheirMessageWithoutCrashHangOrUnboundedMemory) {
  const BadInput& bad = GetParam();
  TemporaryDirectory dir;
  std::string file = bad.path;
  if (bad.make) {
    file = (dir / (bad.use == Use::merge || bad.use == Use::sensitivity ? "sweep" : "input.h5"))
               .string();
    bad.make(file);
  } else if (file.empty()) {
    file =
        (dir / ("input" + std::string(bad.use == Use::config ? ".ini"
                                      : bad.use == Use::targets_file || bad.use == Use::merge_plan
                                          ? ".csv"
                                          : ".h5")))
            .string();
    testing::write_text(file, bad.content);
  }
  const auto before = dir.entries();
  Limits limits;
  limits.timeout = std::chrono::milliseconds(120000);
  limits.address_space_bytes = std::size_t{2} << 30;
  const auto result = run_reformsim_bounded(arguments_for(bad, file, dir), limits);
  ASSERT_FALSE(result.timed_out) << "hangs";
  ASSERT_EQ(result.signal, 0) << "crashes\n" << result.err;
  EXPECT_EQ(result.exit_status, bad.exit_status) << result.err;
  EXPECT_EQ(result.err.find("std::bad_alloc"), std::string::npos) << result.err;
  for (auto expected : bad.expected) {
    if (const auto at = expected.find("$FILE"); at != std::string::npos)
      expected.replace(at, 5, file);
    EXPECT_NE(result.err.find(expected), std::string::npos) << "missing '" << expected << "' in\n"
                                                            << result.err;
  }
  EXPECT_EQ(dir.entries(), before) << "something was written";
}

// Found by review of the include syntax ("include = a.ini, b.ini"): no cycle, but every level
// including the next one ten times made 10^8 reads of the last file (a hang, and entries without
// bound); the number of files read for one config is capped now.
TEST(BadIncludes, AFanOutOfIncludesIsRefusedNotReadExponentially) {
  TemporaryDirectory dir;
  const int levels = 8;
  for (int level = 0; level < levels; ++level) {
    std::string next = "level" + std::to_string(level + 1) + ".ini";
    std::string text = "include = " + next;
    for (int copy = 1; copy < 10; ++copy)
      text += ", " + next;
    testing::write_text(dir / ("level" + std::to_string(level) + ".ini"),
                        (level == 0 ? demo : std::string()) + text + "\n");
  }
  testing::write_text(dir / ("level" + std::to_string(levels) + ".ini"), "[market]\nsectors = 4\n");
  Limits limits;
  limits.timeout = std::chrono::milliseconds(60000);
  limits.address_space_bytes = std::size_t{2} << 30;
  const auto result = run_reformsim_bounded(
      {"run", "--config", (dir / "level0.ini").string(), "--out", (dir / "out.h5").string()},
      limits);
  ASSERT_FALSE(result.timed_out) << "hangs";
  EXPECT_EQ(result.exit_status, 2) << result.how() << "\n" << result.err;
  EXPECT_NE(result.err.find("more than 256 files read for one config"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));
}

// A merge plan for organisation_staff_binhai.ini (60 departments into 23, 9 park bodies into
// 6), then damaged by each case.
std::string valid_merge_plan(int departments = 60, int parks = 9) {
  std::string text = "old_unit,new_unit,kind,big_system\n";
  for (int d = 0; d < departments; ++d)
    text += "Department " + std::to_string(d) + ",New department " + std::to_string(d % 23) +
            ",department,finance\n";
  for (int p = 0; p < parks; ++p)
    text += "Park " + std::to_string(p) + ",New park " + std::to_string(p % 6) + ",park_body,\n";
  return text;
}

const std::string targets_header = "key,value,uncertainty,use,statistic,metric,year,base_year\n";

std::string target_row(const std::string& row) {
  return targets_header + row + "\n";
}

std::string many_lines(std::size_t bytes, const std::string& line) {
  std::string text;
  text.reserve(bytes + line.size());
  while (text.size() <= bytes)
    text += line;
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Configs, BadInputs,
    ::testing::Values(
        BadInput{"config_truncated_in_a_value",
                 Use::config,
                 demo + "[market]\ninitial_firms =",
                 2,
                 {"market.initial_firms", "not an integer"}},
        BadInput{"config_truncated_in_a_section",
                 Use::config,
                 demo + "[calen",
                 2,
                 {"$FILE", "malformed config file"}},
        BadInput{"config_nan_real",
                 Use::config,
                 demo + "[market]\nproductivity_volatility = nan\n",
                 2,
                 {"market.productivity_volatility", "'nan'", "not a finite number"}},
        BadInput{"config_infinite_real",
                 Use::config,
                 demo + "[market]\nentry_value_days = inf\n",
                 2,
                 {"market.entry_value_days", "'inf'", "not a finite number"}},
        BadInput{"config_negative_size",
                 Use::config,
                 demo + "[market]\ninitial_firms = -5\n",
                 2,
                 {"market.initial_firms", "'-5'", "out of range", "[0, 100000000]"}},
        BadInput{"config_huge_size_over_the_declared_maximum",
                 Use::config,
                 demo + "[market]\ninitial_firms = 100000001\n",
                 2,
                 {"market.initial_firms", "out of range", "[0, 100000000]"}},
        BadInput{"config_integer_beyond_64_bits",
                 Use::config,
                 demo + "[run]\nreplications = 99999999999999999999999\n",
                 2,
                 {"run.replications", "not an integer"}},
        BadInput{"config_huge_replications",
                 Use::config,
                 demo + "[run]\nreplications = 100001\n",
                 2,
                 {"run.replications", "out of range", "[1, 100000]"}},
        BadInput{"config_real_for_an_integer",
                 Use::config,
                 demo + "[calendar]\nyears = 2.5\n",
                 2,
                 {"calendar.years", "'2.5'", "not an integer"}},
        BadInput{"config_trailing_junk_after_a_number",
                 Use::config,
                 demo + "[market]\nsectors = 4 sectors\n",
                 2,
                 {"market.sectors", "not an integer"}},
        BadInput{"config_not_a_boolean",
                 Use::config,
                 demo + "[reform]\nentry_subsidy = maybe\n",
                 2,
                 {"reform.entry_subsidy", "'maybe'", "not a boolean"}},
        BadInput{"config_unknown_section",
                 Use::config,
                 demo + "[nowhere]\nthing = 1\n",
                 2,
                 {"nowhere.thing", "unknown key"}},
        BadInput{"config_key_given_twice",
                 Use::config,
                 demo + "[market]\nsectors = 4\nsectors = 5\n",
                 2,
                 {"market.sectors", "key given twice"}},
        BadInput{"config_include_cycle",
                 Use::config,
                 "include = input.ini\n" + demo,
                 2,
                 {"include cycle"}},
        BadInput{"config_include_missing",
                 Use::config,
                 "include = nothing_here.ini\n" + demo,
                 2,
                 {"nothing_here.ini", "cannot be read"}},
        BadInput{"config_include_a_directory",
                 Use::config,
                 "include = .\n" + demo,
                 2,
                 {"is a directory"}},
        // Found by review of the fuzz target: an endless include (a device) was read without
        // bound; a config is now capped at 4 MiB.
        BadInput{"config_include_endless_device",
                 Use::config,
                 "include = /dev/zero\n" + demo,
                 2,
                 {"/dev/zero", "too large for a config file"}},
        BadInput{"config_over_the_size_cap",
                 Use::config,
                 demo + many_lines(5 << 20, "# a comment line to make the file too large\n"),
                 2,
                 {"$FILE", "too large for a config file"}},
        BadInput{"config_is_a_directory", Use::config, "", 2, {"is a directory"}, "/tmp"},
        BadInput{"config_non_utf8_key",
                 Use::config,
                 demo + "[market]\n\xff\xfe = 1\n",
                 2,
                 {"unknown key"}},
        BadInput{"config_non_utf8_model_name",
                 Use::config,
                 "model.name = demo\xe9market\n",
                 2,
                 {"model.name", "unknown model"}},
        BadInput{"config_nul_bytes",
                 Use::config,
                 demo + std::string("[market]\nsectors = 4\0\0\n", 24),
                 2,
                 {"$FILE", "malformed config file"}},
        BadInput{"config_targets_file_missing",
                 Use::config,
                 demo + "[run]\ntargets_file = no_such_targets.csv\n",
                 2,
                 {"no_such_targets.csv", "cannot be read"}}),
    [](const auto& param_info) { return param_info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    TargetsFiles, BadInputs,
    ::testing::Values(
        BadInput{
            "targets_empty", Use::targets_file, "", 2, {"$FILE", "empty: expected a header row"}},
        BadInput{"targets_comments_only",
                 Use::targets_file,
                 "# nothing\n# at all\n",
                 2,
                 {"empty: expected a header row"}},
        BadInput{"targets_missing_column",
                 Use::targets_file,
                 "key,value,use\nk,1,fit\n",
                 2,
                 {"uncertainty", "required column missing"}},
        BadInput{"targets_truncated_row",
                 Use::targets_file,
                 targets_header + "entries_2018,3500,300,fit,window_sum,entr",
                 2,
                 {"line 2", "6 fields", "the header has 8 columns"}},
        BadInput{"targets_unbalanced_quote",
                 Use::targets_file,
                 targets_header + "\"entries,3500,300,fit,window_sum,entries,2018,\n",
                 2,
                 {"unbalanced quote"}},
        BadInput{"targets_nan_value",
                 Use::targets_file,
                 target_row("k,nan,300,fit,window_sum,entries,2018,"),
                 2,
                 {"line 2", "value", "'nan'", "not a finite number"}},
        BadInput{"targets_text_for_a_number",
                 Use::targets_file,
                 target_row("k,many,300,fit,window_sum,entries,2018,"),
                 2,
                 {"value", "'many'", "not a finite number"}},
        BadInput{"targets_negative_uncertainty",
                 Use::targets_file,
                 target_row("k,1,-3,fit,window_sum,entries,2018,"),
                 2,
                 {"uncertainty", "'-3'", "must be > 0"}},
        BadInput{"targets_unknown_use",
                 Use::targets_file,
                 target_row("k,1,3,maybe,window_sum,entries,2018,"),
                 2,
                 {"use", "'maybe'", "accepted fit or check"}},
        BadInput{"targets_unknown_statistic",
                 Use::targets_file,
                 target_row("k,1,3,fit,median,entries,2018,"),
                 2,
                 {"statistic", "'median'", "unknown statistic"}},
        BadInput{"targets_unknown_metric",
                 Use::targets_file,
                 target_row("k,1,3,fit,window_sum,no_such_metric,2018,"),
                 2,
                 {"metric", "'no_such_metric'", "records no"}},
        BadInput{"targets_unknown_label",
                 Use::targets_file,
                 target_row("k,1,3,fit,window_mean,firms_by_sector[sector_99],2018,"),
                 2,
                 {"firms_by_sector[sector_99]", "labels of dimension 'sector'"}},
        BadInput{"targets_year_outside_the_calendar",
                 Use::targets_file,
                 target_row("k,1,3,fit,window_sum,entries,1990,"),
                 2,
                 {"year", "'1990'", "outside the simulated years 2017-2018"}},
        // Found by fuzzing (fuzz_targets_file): a year beyond the 64-bit range was cast from
        // double to int64, undefined behaviour; refused now.
        BadInput{"targets_huge_year",
                 Use::targets_file,
                 target_row("k,1,3,fit,window_sum,entries,1e300,"),
                 2,
                 {"year", "'1e300'", "out of range"}},
        BadInput{"targets_fractional_year",
                 Use::targets_file,
                 target_row("k,1,3,fit,window_sum,entries,2018.5,"),
                 2,
                 {"year", "'2018.5'", "not a whole number"}},
        BadInput{"targets_growth_without_base_year",
                 Use::targets_file,
                 target_row("k,1,3,fit,window_sum_growth,entries,2018,"),
                 2,
                 {"base_year", "growth statistics need a base year"}},
        BadInput{"targets_key_twice",
                 Use::targets_file,
                 targets_header +
                     "k,1,3,fit,window_sum,entries,2018,\nk,2,3,fit,window_sum,entries,2018,\n",
                 2,
                 {"line 3", "target key given twice"}},
        BadInput{"targets_non_utf8_metric",
                 Use::targets_file,
                 target_row("k,1,3,fit,window_sum,entr\xe9\xff,2018,"),
                 2,
                 {"metric", "records no"}},
        BadInput{"targets_over_the_size_cap",
                 Use::targets_file,
                 targets_header + many_lines(17 << 20, "# padding padding padding padding\n"),
                 2,
                 {"too large for an input table"}},
        // A device has no file size: refused before any reading.
        BadInput{"targets_endless_device",
                 Use::targets_file,
                 "",
                 2,
                 {"/dev/zero", "cannot be read"},
                 "/dev/zero"}),
    [](const auto& param_info) { return param_info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    MergePlans, BadInputs,
    ::testing::Values(
        BadInput{"merge_plan_empty", Use::merge_plan, "", 2, {"$FILE", "empty"}},
        BadInput{"merge_plan_missing_new_unit_column",
                 Use::merge_plan,
                 "old_unit,kind\nA,department\n",
                 2,
                 {"new_unit", "required column missing"}},
        BadInput{"merge_plan_too_few_departments",
                 Use::merge_plan,
                 valid_merge_plan(59),
                 2,
                 {"organisation.departments_before", "59"}},
        BadInput{"merge_plan_old_unit_twice",
                 Use::merge_plan,
                 valid_merge_plan() + "Department 3,New department 4,department,finance\n",
                 2,
                 {"Department 3", "mapped more than once"}},
        BadInput{"merge_plan_old_unit_to_nothing",
                 Use::merge_plan,
                 valid_merge_plan(59) + "Department 59,,department,finance\n",
                 2,
                 {"Department 59", "maps to no new unit"}},
        BadInput{"merge_plan_unknown_kind",
                 Use::merge_plan,
                 valid_merge_plan(59) + "Department 59,New department 1,ministry,finance\n",
                 2,
                 {"kind", "'ministry'", "department or park_body"}},
        BadInput{"merge_plan_department_into_a_park_body",
                 Use::merge_plan,
                 valid_merge_plan(59) + "Department 59,New park 1,department,finance\n",
                 2,
                 {"Department 59", "different kinds"}},
        BadInput{"merge_plan_truncated",
                 Use::merge_plan,
                 valid_merge_plan().substr(0, valid_merge_plan().size() / 2),
                 2,
                 {"the header has 4 columns"}},
        BadInput{"merge_plan_non_utf8_kind",
                 Use::merge_plan,
                 valid_merge_plan(59) + "Department 59,New department 1,d\xe9partement,finance\n",
                 2,
                 {"kind", "department or park_body"}}),
    [](const auto& param_info) { return param_info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    OutputFiles, BadInputs,
    ::testing::Values(
        BadInput{"describe_empty_file", Use::describe, "", 2, {"not an HDF5 file"}},
        BadInput{"describe_text_file", Use::describe, "complete = 1\n", 2, {"not an HDF5 file"}},
        BadInput{"describe_hdf5_signature_then_garbage",
                 Use::describe,
                 std::string("\x89HDF\r\n\x1a\n", 8) + std::string(4096, '\x7f'),
                 2,
                 {"$FILE"}},
        BadInput{"describe_a_directory", Use::describe, "", 2, {"/tmp", "is a directory"}, "/tmp"},
        BadInput{"resume_an_empty_file",
                 Use::resume,
                 "",
                 2,
                 {"--resume", "not a readable calibration file"}},
        BadInput{"resume_a_text_file",
                 Use::resume,
                 "generation = 3\n",
                 2,
                 {"not a readable calibration file"}},
        BadInput{"out_is_a_directory", Use::out, "", 2, {"--out", "is a directory"}, "/tmp"},
        BadInput{"out_in_a_missing_directory",
                 Use::out,
                 "",
                 2,
                 {"--out", "does not exist"},
                 "/nonexistent-reformsim-directory/out.h5"},
        // Names longer than NAME_MAX: a filesystem_error with exit status 1 before.
        BadInput{"out_name_too_long_for_the_system",
                 Use::out,
                 "",
                 2,
                 {"--out", "cannot be used", "File name too long"},
                 "/tmp/" + std::string(300, 'o') + ".h5"},
        BadInput{"merge_directory_name_too_long_for_the_system",
                 Use::merge,
                 "",
                 2,
                 {"DIR", "is not a directory"},
                 "/tmp/" + std::string(300, 'm')}),
    [](const auto& param_info) { return param_info.param.name; });

// Crafted HDF5 inputs: datasets declaring shapes they never stored (chunked and never written,
// so a 160 GB declaration costs a few kB of file). Found by review: `calibrate --resume` of
// such a checkpoint resized a vector to 160 GB (std::bad_alloc, exit 1), and merge and
// sensitivity read whatever shape a chunk file declared; now every whole-dataset read checks
// the declared shape against the read cap and the dimensions it must match, first.

// Adds to file (replacing any dataset of that name) a float64 dataset declaring shape, with the
// dimension scales named in scales attached (HDF5 does not check their lengths).
void declare_unwritten_dataset(const std::filesystem::path& file, const std::string& name,
                               const std::vector<hsize_t>& shape,
                               const std::vector<std::string>& scales = {}) {
  const hid_t opened = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(opened, 0) << file;
  if (H5Lexists(opened, name.c_str(), H5P_DEFAULT) > 0)
    H5Ldelete(opened, name.c_str(), H5P_DEFAULT);
  const hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
  const hid_t properties = H5Pcreate(H5P_DATASET_CREATE);
  std::vector<hsize_t> chunk(shape.size(), 1);
  chunk.back() = std::min<hsize_t>(shape.back(), 1024);
  H5Pset_chunk(properties, static_cast<int>(chunk.size()), chunk.data());
  const hid_t dataset = H5Dcreate2(opened, name.c_str(), H5T_NATIVE_DOUBLE, space, H5P_DEFAULT,
                                   properties, H5P_DEFAULT);
  EXPECT_GE(dataset, 0) << name;
  for (std::size_t axis = 0; axis < scales.size(); ++axis) {
    const hid_t scale = H5Dopen2(opened, scales[axis].c_str(), H5P_DEFAULT);
    EXPECT_GE(H5DSattach_scale(dataset, scale, static_cast<unsigned>(axis)), 0) << scales[axis];
    H5Dclose(scale);
  }
  H5Dclose(dataset);
  H5Pclose(properties);
  H5Sclose(space);
  H5Fclose(opened);
}

// The header `calibrate --resume` checks first: this calibration's method and inputs, so the
// reading gets as far as the datasets.
calibration::CalibrationConfig demo_calibration() {
  return calibration::load_calibration(models::all_models(),
                                       "configs/calibration/demo_market_abc.ini", {}, "", "");
}

// Stands for the demo calibration's number of targets in a declared shape: the config is loaded
// when the file is made, not when the table is built (test discovery runs elsewhere).
constexpr hsize_t demo_targets = ~hsize_t{0};

std::function<void(const std::filesystem::path&)> abc_checkpoint_declaring(
    std::vector<std::pair<std::string, std::vector<hsize_t>>> datasets) {
  return [datasets](const std::filesystem::path& path) {
    const auto config = demo_calibration();
    {
      auto file = LabelledArrayFile::create(path);
      LabelledArrayFile::set_attribute(file.root(), "method", "abc-smc");
      LabelledArrayFile::set_attribute(file.root(), "calibration_inputs",
                                       calibration::calibration_inputs_text(config, "abc-smc"));
    }
    for (auto [name, shape] : datasets) {
      for (auto& extent : shape)
        if (extent == demo_targets) extent = config.targets.size();
      declare_unwritten_dataset(path, name, shape);
    }
  };
}

// A real saltelli sweep of 8 points in one chunk, whose metric firms then declares 1e10 points.
void sweep_with_a_huge_chunk_variable(const std::filesystem::path& directory) {
  const auto config = directory.parent_path() / "tiny.ini";
  testing::write_text(config,
                      "include = " + (testing::source_dir() / "configs/demo_market.ini").string() +
                          "\n[run]\ntargets_file =\nreplications = 1\n[calendar]\n"
                          "burn_in_days = 0\nyears = 1\ndays_per_year = 20\n[market]\n"
                          "initial_firms = 100\n");
  const auto result = testing::run_reformsim(
      {"sweep", "--config", config.string(), "--design", "saltelli", "--param",
       "market.entry_value_days=5:60", "--param", "market.approval_days_after=1:30", "--samples",
       "2", "--chunk-points", "8", "--out", directory.string(), "--quiet"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  declare_unwritten_dataset(directory / "chunk-000000.h5", "firms", {10000000000ull, 1, 20},
                            {"point", "replication", "step"});
}

INSTANTIATE_TEST_SUITE_P(
    CraftedHdf5, BadInputs,
    ::testing::Values(
        BadInput{"resume_checkpoint_declaring_1e10_evaluations",
                 Use::resume,
                 "",
                 2,
                 {"$FILE", "evaluation_theta", "shape 10000000000 x 2",
                  "declares more than the 134217728 elements"},
                 "",
                 {},
                 abc_checkpoint_declaring({{"evaluation_theta", {10000000000ull, 2}}})},
        BadInput{"resume_checkpoint_datasets_disagree",
                 Use::resume,
                 "",
                 2,
                 {"$FILE", "evaluation_statistic", "shape 5 x", "expected 3 x"},
                 "",
                 {},
                 abc_checkpoint_declaring({{"evaluation_theta", {3, 2}},
                                           {"evaluation_statistic", {5, demo_targets}}})},
        BadInput{"resume_checkpoint_missing_datasets",
                 Use::resume,
                 "",
                 2,
                 {"$FILE", "not a readable calibration checkpoint", "evaluation_theta"},
                 "",
                 {},
                 abc_checkpoint_declaring({})},
        BadInput{"merge_chunk_declaring_1e10_points",
                 Use::merge,
                 "",
                 2,
                 {"chunk-000000.h5", "firms", "shape 10000000000 x 1 x 20", "declares more than"},
                 "",
                 {},
                 sweep_with_a_huge_chunk_variable},
        BadInput{"sensitivity_chunk_declaring_1e10_points",
                 Use::sensitivity,
                 "",
                 2,
                 {"chunk-000000.h5", "firms", "shape 10000000000 x 1 x 20", "declares more than"},
                 "",
                 {},
                 sweep_with_a_huge_chunk_variable}),
    [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace reformsim::reliability
