// main.cpp - the reformsim executable: the engine's command line over the models of models/.
#include <hdf5.h>

#include "models/model_catalogue.h"
#include "sim/cli/cli.h"

int main(int argc, char** argv) {
  // HDF5 1.10 crashes (SIGSEGV in H5F__close_cb) in its exit-time clean-up when a file's close
  // failed, as on a full disk: the process exits through its own error path instead, and the
  // operating system reclaims what HDF5 still holds. Must precede any other HDF5 call.
  H5dont_atexit();
  const reformsim::ModelCatalogue models = reformsim::models::all_models();
  return reformsim::run_cli({argv + 1, argv + argc}, models);
}
