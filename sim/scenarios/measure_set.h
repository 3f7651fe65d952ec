// measure_set.h - the reform measures a decomposition switches: each a name and the boolean
// parameters it sets. "--measures a,b=x+y" means measure a switches reform.a, and measure b
// switches reform.x and reform.y together (a documented group of measures); a key with a dot is
// taken as written.
#pragma once

#include <string>
#include <vector>

#include "sim/config/parameter_set.h"
#include "sim/scenarios/shapley.h"

namespace reformsim {

struct ReformMeasure {
  std::string name;
  std::vector<std::string> keys;  // boolean parameters
};

// Parses the --measures text and checks every key is a declared boolean parameter (ConfigError
// naming "--measures", the key and the problem); at most 20 measures.
std::vector<ReformMeasure> parse_measures(const std::string& text,
                                          const ParameterRegistry& registry);

// The parameters with the measures in mask switched on and the others off.
ParameterSet with_measures(const ParameterSet& full, const std::vector<ReformMeasure>& measures,
                           MeasureMask mask);

// "a+c" for mask 0b101 of measures a, b, c; "none" for 0.
std::string mask_label(const std::vector<ReformMeasure>& measures, MeasureMask mask);

}  // namespace reformsim
