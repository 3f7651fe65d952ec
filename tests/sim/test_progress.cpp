// Progress text: a bar for terminals, plain lines for logs.
#include <gtest/gtest.h>

#include "sim/run/progress.h"

namespace reformsim {
namespace {

TEST(Progress, PlainLinesSayPercentCountsAndSeconds) {
  EXPECT_EQ(ProgressReporter::format("run x", 370, 1000, 2.14, ProgressReporter::Style::lines),
            "run x: 37% (370/1000 steps), 2.1 s");
}

TEST(Progress, BarFillsInProportion) {
  EXPECT_EQ(ProgressReporter::format("run", 500, 1000, 1.0, ProgressReporter::Style::bar),
            "run [###############...............]  50% 1.0 s");
  EXPECT_EQ(ProgressReporter::format("run", 0, 0, 0.0, ProgressReporter::Style::bar),
            "run [##############################] 100% 0.0 s");
}

TEST(Progress, QuietStyleWhenAskedWhateverTheTerminal) {
  EXPECT_EQ(ProgressReporter::style_for_stderr(true), ProgressReporter::Style::quiet);
  ProgressReporter quiet("x", 10, ProgressReporter::Style::quiet);
  quiet.counter().add(3);
  EXPECT_EQ(quiet.counter().done(), 3u);
}

}  // namespace
}  // namespace reformsim
