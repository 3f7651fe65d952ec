// sweep_mpi.h - a sweep over the ranks of MPI_COMM_WORLD (`mpirun -n K reformsim sweep ...`),
// compiled only with the CMake option REFORMSIM_MPI. Rank 0 prepares the directory (writes or
// checks the design file) and lists the missing chunks; then chunks go to ranks dynamically:
// a dispatcher thread on rank 0 hands out the next chunk to whichever rank asks (rank 0's own
// workers draw from the same counter), so a rank that finishes early takes more. Each rank
// writes the chunk files it computes; rank 0 writes the index once every rank is done. Chunk
// contents depend only on the design and the seeds, never on which rank ran them.
#pragma once

#include <atomic>
#include <vector>

#include "sim/sweep/sweep_runner.h"

namespace reformsim::sweep {

class MpiSession {
 public:
  // True when this process was started by mpirun (OpenMPI's or a PMIx launcher's variables).
  static bool launched_by_mpirun();
  MpiSession();   // MPI_Init_thread, asking for MPI_THREAD_SERIALIZED
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0, size_ = 1;
};

// Rank 0 runs prepare_sweep_directory and missing_chunks(range); every rank receives the same
// list of chunks to compute, or the same ConfigError rank 0 met.
std::vector<std::size_t> prepare_on_rank_zero(const SweepRun& run, bool overwrite, ChunkRange range,
                                              const MpiSession& session);

// Computes chunks (the same list on every rank) over all ranks; returns how many this rank did.
std::size_t run_chunks_over_ranks(const SweepRun& run, const std::vector<std::size_t>& chunks,
                                  const MpiSession& session, ProgressCounter* counter);

// The dynamic dispatcher, shared with calibration (sim/calibration/mpi_batch_simulator.h): on
// rank 0, answers each other rank's request with the next position drawn from `next` (which
// rank 0's own loop draws from too), or with -1 once `next` reaches total, until every other
// rank has had its -1; polls, so it does not spin a core. request_chunk() is the other ranks'
// side: the next position, or -1 when there is none.
void dispatch(std::atomic<std::size_t>& next, std::size_t total, int ranks);
long long request_chunk();

// Waits for every rank.
void barrier(const MpiSession& session);

}  // namespace reformsim::sweep
