// design_random.h - the stream and purpose ids of every random draw a design makes. Fixed
// forever: a design rebuilt from the same seed, today or in a year, is the same bit for bit,
// which is what lets a resumed or sharded sweep check that it continues the same design.
#pragma once

#include <cstdint>

namespace reformsim::design {

inline constexpr std::uint32_t design_stream = 0x5e3d;

enum DesignPurpose : std::uint32_t {
  scramble_matrix_purpose = 1,
  digital_shift_purpose = 2,
  latin_hypercube_permutation_purpose = 3,
  latin_hypercube_jitter_purpose = 4,
  morris_start_purpose = 5,
  morris_order_purpose = 6,
};

}  // namespace reformsim::design
