#include "sim/design/sobol_sequence.h"

#include <bit>
#include <stdexcept>
#include <string>

#include "sim/design/design_random.h"
#include "sim/design/joe_kuo_directions.h"
#include "sim/random/random_stream.h"

namespace reformsim::design {
namespace {

std::array<std::uint32_t, SobolSequence::bits> van_der_corput_directions() {
  std::array<std::uint32_t, SobolSequence::bits> v{};
  for (int i = 0; i < SobolSequence::bits; ++i)
    v[i] = std::uint32_t{1} << (31 - i);
  return v;
}

// Joe and Kuo's recurrence: v_i = v_{i-s} ^ (v_{i-s} >> s) ^ sum_k a_k v_{i-k}.
std::array<std::uint32_t, SobolSequence::bits> polynomial_directions(const SobolPolynomial& p) {
  std::array<std::uint32_t, SobolSequence::bits> v{};
  const int s = p.degree;
  for (int i = 0; i < s; ++i)
    v[i] = p.initial_directions[i] << (31 - i);
  for (int i = s; i < SobolSequence::bits; ++i) {
    v[i] = v[i - s] ^ (v[i - s] >> s);
    for (int k = 1; k < s; ++k)
      if ((p.coefficients >> (s - 1 - k)) & 1u) v[i] ^= v[i - k];
  }
  return v;
}

}  // namespace

SobolSequence::SobolSequence(std::size_t dimensions, std::optional<std::uint64_t> scramble_seed) {
  if (dimensions == 0 || dimensions > max_dimensions)
    throw std::invalid_argument("Sobol sequence: " + std::to_string(dimensions) +
                                " dimensions, accepted 1 to " + std::to_string(max_dimensions));
  directions_.push_back(van_der_corput_directions());
  for (std::size_t d = 1; d < dimensions; ++d)
    directions_.push_back(polynomial_directions(joe_kuo_polynomials[d - 1]));
  shift_.assign(dimensions, 0);
  if (scramble_seed) scramble(*scramble_seed);
}

// Left-multiplies each dimension's generator matrix by a random lower-triangular binary
// matrix with unit diagonal (output digit r mixes input digits 0..r), then draws a digital
// shift: Matousek's "linear matrix scrambling" as used by SciPy's qmc.Sobol(scramble=True).
void SobolSequence::scramble(std::uint64_t seed) {
  for (std::size_t d = 0; d < directions_.size(); ++d) {
    RandomStream matrix_draws(seed, {design_stream, scramble_matrix_purpose, d, 0});
    std::array<std::uint32_t, bits> rows{};
    for (int r = 0; r < bits; ++r) {
      const std::uint32_t own_digit = std::uint32_t{1} << (31 - r);
      const std::uint32_t higher_digits = r == 0 ? 0u : ~((own_digit << 1) - 1u);
      rows[r] = own_digit | (matrix_draws.next_u32() & higher_digits);
    }
    for (auto& direction : directions_[d]) {
      std::uint32_t mixed = 0;
      for (int r = 0; r < bits; ++r)
        if (std::popcount(rows[r] & direction) & 1) mixed |= std::uint32_t{1} << (31 - r);
      direction = mixed;
    }
    shift_[d] = RandomStream(seed, {design_stream, digital_shift_purpose, d, 0}).next_u32();
  }
}

Eigen::MatrixXd SobolSequence::points(std::size_t count) const {
  if (count > (std::size_t{1} << bits))
    throw std::invalid_argument("Sobol sequence: more than 2^32 points requested");
  const auto k = directions_.size();
  Eigen::MatrixXd result(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(k));
  std::vector<std::uint32_t> x = shift_;
  constexpr double scale = 1.0 / 4294967296.0;  // 2^-32
  for (std::size_t n = 0; n < count; ++n) {
    for (std::size_t d = 0; d < k; ++d)
      result(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d)) = x[d] * scale;
    // Gray code: point n + 1 differs from point n in the direction of n's lowest zero bit.
    const int changed = std::countr_one(static_cast<std::uint64_t>(n));
    if (changed < bits)
      for (std::size_t d = 0; d < k; ++d)
        x[d] ^= directions_[d][static_cast<std::size_t>(changed)];
  }
  return result;
}

}  // namespace reformsim::design
