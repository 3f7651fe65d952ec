// mpi_batch_simulator.h - calibration over the ranks of MPI_COMM_WORLD (`mpirun -n K reformsim
// calibrate ...`, built with REFORMSIM_MPI). Rank 0 runs the algorithm (ABC-SMC or MSM) and
// alone writes checkpoints and the output; every other rank only serves evaluation requests.
// Each batch the algorithm hands to simulate() is sent to the serving ranks, then its requests
// go to ranks dynamically through the sweep's dispatcher (sweep::dispatch): whichever rank
// asks gets the next request, rank 0 computing too, so a rank that finishes early takes more.
// The results come back to rank 0 by position. A result is a pure function of its request
// (batch_simulator.h), so the calibration is bit-identical for any number of ranks.
#pragma once

#include "sim/calibration/model_simulator.h"
#include "sim/sweep/sweep_mpi.h"

namespace reformsim::calibration {

// Rank 0's simulator. Its destructor tells every serving rank to stop, on every path out of the
// command (finished, refused, failed), so no rank is left waiting.
class MpiBatchSimulator : public BatchSimulator {
 public:
  MpiBatchSimulator(ModelSimulator& local, const sweep::MpiSession& session);
  ~MpiBatchSimulator() override;
  MpiBatchSimulator(const MpiBatchSimulator&) = delete;
  MpiBatchSimulator& operator=(const MpiBatchSimulator&) = delete;

  std::vector<ReplicatedStatistics> simulate(const std::vector<EvaluationRequest>& batch) override;

 private:
  ModelSimulator& local_;
  const sweep::MpiSession& session_;
};

// Every rank but 0: serves rank 0's batches with `local` until told to stop; returns how many
// requests this rank simulated.
std::size_t serve_calibration_requests(ModelSimulator& local, const sweep::MpiSession& session);

}  // namespace reformsim::calibration
