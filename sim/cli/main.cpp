// main.cpp - the reformsim executable: the engine's command line over the models of models/.
#include "models/model_catalogue.h"
#include "sim/cli/cli.h"

int main(int argc, char** argv) {
  const reformsim::ModelCatalogue models = reformsim::models::all_models();
  return reformsim::run_cli({argv + 1, argv + argc}, models);
}
