#include "sim/sweep/sweep_mpi.h"

#include <mpi.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "sim/config/config_error.h"

namespace reformsim::sweep {
namespace {

constexpr int request_tag = 1, reply_tag = 2;
constexpr long long no_more_chunks = -1;

void broadcast_text(std::string& text, int root) {
  long long size = static_cast<long long>(text.size());
  MPI_Bcast(&size, 1, MPI_LONG_LONG, root, MPI_COMM_WORLD);
  text.resize(static_cast<std::size_t>(size));
  if (size > 0) MPI_Bcast(text.data(), static_cast<int>(size), MPI_CHAR, root, MPI_COMM_WORLD);
}

}  // namespace

// Rank 0's dispatcher: answers each request with the next chunk position from the counter
// rank 0's own loop also draws from, until every other rank has been told there is no more.
// Polls with MPI_Test and short sleeps, so it does not spin a core the simulations need.
void dispatch(std::atomic<std::size_t>& next, std::size_t total, int ranks) {
  int finished = 0;
  while (finished < ranks - 1) {
    int ignored = 0, arrived = 0;
    MPI_Request request;
    MPI_Status status;
    MPI_Irecv(&ignored, 1, MPI_INT, MPI_ANY_SOURCE, request_tag, MPI_COMM_WORLD, &request);
    while (!arrived) {
      MPI_Test(&request, &arrived, &status);
      if (!arrived) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const std::size_t position = next.fetch_add(1);
    const long long reply = position < total ? static_cast<long long>(position) : no_more_chunks;
    if (reply == no_more_chunks) ++finished;
    MPI_Send(&reply, 1, MPI_LONG_LONG, status.MPI_SOURCE, reply_tag, MPI_COMM_WORLD);
  }
}

long long request_chunk() {
  int nothing = 0;
  long long reply = no_more_chunks;
  MPI_Send(&nothing, 1, MPI_INT, 0, request_tag, MPI_COMM_WORLD);
  MPI_Recv(&reply, 1, MPI_LONG_LONG, 0, reply_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return reply;
}

bool MpiSession::launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK");
}

MpiSession::MpiSession() {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    throw std::runtime_error("the MPI library does not provide MPI_THREAD_SERIALIZED");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  MPI_Finalize();
}

std::vector<std::size_t> prepare_on_rank_zero(const SweepRun& run, bool overwrite, ChunkRange range,
                                              const MpiSession& session) {
  std::vector<std::size_t> chunks;
  std::string failure[4];  // origin, key, value, problem of rank 0's ConfigError
  if (session.rank() == 0) {
    try {
      prepare_sweep_directory(run, overwrite);
      chunks = missing_chunks(run.directory, run.design.definition, range);
    } catch (const ConfigError& error) {
      failure[0] = error.origin(), failure[1] = error.key(), failure[2] = error.value();
      failure[3] = error.problem().empty() ? std::string("failed") : error.problem();
    } catch (const std::exception& error) {
      failure[0] = "rank 0", failure[3] = error.what();
    }
  }
  for (auto& text : failure)
    broadcast_text(text, 0);
  if (!failure[3].empty()) throw ConfigError(failure[0], failure[1], failure[2], failure[3]);
  long long count = static_cast<long long>(chunks.size());
  MPI_Bcast(&count, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
  std::vector<unsigned long long> shared(chunks.begin(), chunks.end());
  shared.resize(static_cast<std::size_t>(count));
  if (count > 0)
    MPI_Bcast(shared.data(), static_cast<int>(count), MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  return {shared.begin(), shared.end()};
}

std::size_t run_chunks_over_ranks(const SweepRun& run, const std::vector<std::size_t>& chunks,
                                  const MpiSession& session, ProgressCounter* counter) {
  std::mutex file_lock;
  std::size_t done = 0;
  if (session.rank() != 0) {
    for (long long position = request_chunk(); position != no_more_chunks;
         position = request_chunk(), ++done)
      write_chunk(
          run,
          run_chunk(run.scenario, run.design, chunks[static_cast<std::size_t>(position)], counter),
          file_lock);
    return done;
  }
  std::atomic<std::size_t> next{0};
  std::thread dispatcher(dispatch, std::ref(next), chunks.size(), session.size());
  for (std::size_t position = next.fetch_add(1); position < chunks.size();
       position = next.fetch_add(1), ++done)
    write_chunk(run, run_chunk(run.scenario, run.design, chunks[position], counter), file_lock);
  dispatcher.join();
  return done;
}

void barrier(const MpiSession&) {
  MPI_Barrier(MPI_COMM_WORLD);
}

}  // namespace reformsim::sweep
