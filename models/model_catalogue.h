// model_catalogue.h - every model this build of reformsim can run, by the name a config gives
// in `model.name`.
#pragma once

#include "sim/model/model.h"

namespace reformsim::models {

ModelCatalogue all_models();

}  // namespace reformsim::models
