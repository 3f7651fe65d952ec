// mpirun.h - the reformsim executable started as K MPI ranks on this one machine, for the tests
// of the MPI sweep and calibration (built only with REFORMSIM_MPI, which defines
// REFORMSIM_MPIEXEC as the launcher CMake found).
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace reformsim::testing {

// As root on one machine, over TCP, more ranks than cores allowed.
inline void allow_mpirun_here() {
  setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  setenv("OMPI_MCA_rmaps_base_oversubscribe", "1", 1);
  setenv("OMPI_MCA_btl", "self,tcp", 1);
}

inline CommandResult mpirun(int ranks, const std::vector<std::string>& arguments) {
  std::vector<std::string> line{"-n", std::to_string(ranks), REFORMSIM_BINARY_PATH};
  line.insert(line.end(), arguments.begin(), arguments.end());
  return run_program(REFORMSIM_MPIEXEC, line);
}

}  // namespace reformsim::testing
