#include "sim/random/random_stream.h"

namespace reformsim {

std::uint64_t RandomStream::uniform_index(std::uint64_t count) {
  if (count <= 1) return 0;
  // Rejection from the largest multiple of count below 2^64 keeps the result unbiased.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % count;
  while (true) {
    const std::uint64_t bits = std::uint64_t{next_u32()} << 32 | next_u32();
    if (bits < limit) return bits % count;
  }
}

double RandomStream::exponential(double rate) {
  return -std::log(uniform()) / rate;
}

double RandomStream::lognormal(double log_mean, double log_standard_deviation) {
  return std::exp(normal(log_mean, log_standard_deviation));
}

std::uint64_t RandomStream::poisson(double mean) {
  return poisson(mean, mean > 0.0 && mean < 30.0 ? std::exp(-mean) : 0.0);
}

std::uint64_t RandomStream::poisson_large_mean(double mean) {
  // PTRS transformed rejection (Hormann 1993), exact for large means.
  const double slam = std::sqrt(mean), loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  while (true) {
    const double u = uniform() - 0.5, v = uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1))
      return static_cast<std::uint64_t>(k);
  }
}

}  // namespace reformsim
