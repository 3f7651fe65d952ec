# Precompiled headers: the standard library, Boost.Program_options, oneTBB and Eigen headers
# that almost every translation unit parses anyway, and GoogleTest for the tests. Parsing them
# is a third to a half of a translation unit's compile time here (GCC's -ftime-report), and CI
# builds the project three times (Release, ASan + UBSan, TSan), so this is a large share of
# its time. The generated code is the same; only parsing is skipped.
#
# One precompiled header serves each library and one serves every test suite (REUSE_FROM), so
# the cost of building it is paid once per target, not once per file. A file that forgets an
# include of its own can compile with the header and not without it: configure with
# -DREFORMSIM_PRECOMPILED_HEADERS=OFF to check that.
option(REFORMSIM_PRECOMPILED_HEADERS "Precompile the common standard and library headers" ON)

set(REFORMSIM_COMMON_HEADERS
  <algorithm> <array> <cmath> <cstdint> <filesystem> <functional> <iostream> <map> <memory>
  <optional> <set> <span> <sstream> <stdexcept> <string> <vector>
  <boost/program_options.hpp> <tbb/global_control.h> <tbb/parallel_for.h> <tbb/task_arena.h>
  <Eigen/Dense>)

# reformsim_precompile_common_headers(target): the target's own precompiled header.
function(reformsim_precompile_common_headers target)
  if(REFORMSIM_PRECOMPILED_HEADERS)
    target_precompile_headers(${target} PRIVATE ${REFORMSIM_COMMON_HEADERS})
  endif()
endfunction()
