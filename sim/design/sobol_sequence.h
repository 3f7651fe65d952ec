// sobol_sequence.h - the Sobol low-discrepancy sequence (I. M. Sobol', USSR Comput. Math.
// Math. Phys. 7 (1967) 86-112) with Joe and Kuo's direction numbers, generated in Gray-code
// order (Antonov and Saleev 1979) as 32-bit binary fractions. Optionally scrambled by a random
// linear matrix scramble plus a digital shift (Matousek 1998; Owen 2003): the first 2^m points
// stay a (t, m, s)-net, so a power-of-two sample keeps its stratification, while the scramble
// removes the all-zero first point and makes estimates from independent seeds independent.
#pragma once

#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace reformsim::design {

class SobolSequence {
 public:
  static constexpr std::size_t max_dimensions = 64;
  static constexpr int bits = 32;

  // Throws std::invalid_argument for 0 or more than max_dimensions dimensions.
  // Without a scramble seed the sequence is Joe and Kuo's, point 0 being the origin.
  explicit SobolSequence(std::size_t dimensions,
                         std::optional<std::uint64_t> scramble_seed = std::nullopt);

  std::size_t dimensions() const { return directions_.size(); }
  // Points 0 .. count - 1, one per row, every coordinate in [0, 1).
  Eigen::MatrixXd points(std::size_t count) const;

 private:
  using Directions = std::array<std::uint32_t, bits>;  // v_1 .. v_32, most significant first
  void scramble(std::uint64_t seed);

  std::vector<Directions> directions_;
  std::vector<std::uint32_t> shift_;
};

}  // namespace reformsim::design
