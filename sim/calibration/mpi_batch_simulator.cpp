#include "sim/calibration/mpi_batch_simulator.h"

#include <mpi.h>

#include <chrono>
#include <exception>
#include <functional>
#include <thread>

namespace reformsim::calibration {
namespace {

// Tags of the calibration's messages (the sweep's dispatcher uses 1 and 2).
constexpr int header_tag = 21, theta_tag = 22, seed_tag = 23, result_tag = 24;
constexpr long long stop = -1;

void nap() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// Waits for a message by polling (MPI's blocking calls spin a core the simulations need).
MPI_Status wait_for(int source, int tag) {
  MPI_Status status;
  for (int arrived = 0;;) {
    MPI_Iprobe(source, tag, MPI_COMM_WORLD, &arrived, &status);
    if (arrived) return status;
    nap();
  }
}

template <typename Value>
std::vector<Value> receive(MPI_Datatype type, int source, int tag) {
  const MPI_Status status = wait_for(source, tag);
  int count = 0;
  MPI_Get_count(&status, type, &count);
  std::vector<Value> values(static_cast<std::size_t>(count));
  MPI_Recv(values.data(), count, type, status.MPI_SOURCE, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return values;
}

template <typename Value>
void send(const std::vector<Value>& values, MPI_Datatype type, int destination, int tag) {
  MPI_Request request;
  MPI_Isend(values.data(), static_cast<int>(values.size()), type, destination, tag, MPI_COMM_WORLD,
            &request);
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    nap();
  }
}

}  // namespace

MpiBatchSimulator::MpiBatchSimulator(ModelSimulator& local, const sweep::MpiSession& session)
    : local_(local), session_(session) {}

MpiBatchSimulator::~MpiBatchSimulator() {
  const std::vector<long long> header{stop, 0, 0};
  for (int rank = 1; rank < session_.size(); ++rank)
    send(header, MPI_LONG_LONG, rank, header_tag);
}

std::vector<ReplicatedStatistics> MpiBatchSimulator::simulate(
    const std::vector<EvaluationRequest>& batch) {
  if (session_.size() == 1 || batch.empty()) return local_.simulate(batch);
  const std::size_t count = batch.size(), parameters = batch.front().theta.size(),
                    replications = batch.front().seeds.size();
  std::vector<double> theta;
  std::vector<std::uint64_t> seeds;
  for (const auto& request : batch) {
    theta.insert(theta.end(), request.theta.begin(), request.theta.end());
    seeds.insert(seeds.end(), request.seeds.begin(), request.seeds.end());
  }
  const std::vector<long long> header{static_cast<long long>(count),
                                      static_cast<long long>(parameters),
                                      static_cast<long long>(replications)};
  for (int rank = 1; rank < session_.size(); ++rank) {
    send(header, MPI_LONG_LONG, rank, header_tag);
    send(theta, MPI_DOUBLE, rank, theta_tag);
    send(seeds, MPI_UINT64_T, rank, seed_tag);
  }
  std::vector<ReplicatedStatistics> results(count);
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::thread dispatcher(sweep::dispatch, std::ref(next), count, session_.size());
  try {
    for (std::size_t n = next.fetch_add(1); n < count; n = next.fetch_add(1))
      results[n] = std::move(local_.simulate({batch[n]}).front());
  } catch (...) {
    failure = std::current_exception();
    next.store(count);  // hand out nothing more; the other ranks finish what they hold
  }
  dispatcher.join();
  // One message from every serving rank: blocks of (position, statistics[target][replication]).
  for (int rank = 1; rank < session_.size(); ++rank) {
    const auto values = receive<double>(MPI_DOUBLE, MPI_ANY_SOURCE, result_tag);
    std::size_t at = 0;
    while (at < values.size()) {
      const auto position = static_cast<std::size_t>(values[at]);
      const auto targets = static_cast<std::size_t>(values[at + 1]);
      at += 2;
      ReplicatedStatistics statistics(targets, std::vector<double>(replications));
      for (auto& target : statistics)
        for (auto& value : target)
          value = values[at++];
      results[position] = std::move(statistics);
    }
  }
  if (failure) std::rethrow_exception(failure);
  return results;
}

std::size_t serve_calibration_requests(ModelSimulator& local, const sweep::MpiSession&) {
  std::size_t served = 0;
  while (true) {
    const auto header = receive<long long>(MPI_LONG_LONG, 0, header_tag);
    if (header.size() != 3 || header[0] == stop) return served;
    const auto parameters = static_cast<std::size_t>(header[1]);
    const auto replications = static_cast<std::size_t>(header[2]);
    const auto theta = receive<double>(MPI_DOUBLE, 0, theta_tag);
    const auto seeds = receive<std::uint64_t>(MPI_UINT64_T, 0, seed_tag);
    std::vector<double> out;
    for (long long position = sweep::request_chunk(); position >= 0;
         position = sweep::request_chunk(), ++served) {
      const auto n = static_cast<std::size_t>(position);
      const EvaluationRequest request{
          {theta.begin() + static_cast<std::ptrdiff_t>(n * parameters),
           theta.begin() + static_cast<std::ptrdiff_t>((n + 1) * parameters)},
          {seeds.begin() + static_cast<std::ptrdiff_t>(n * replications),
           seeds.begin() + static_cast<std::ptrdiff_t>((n + 1) * replications)}};
      const auto statistics = local.simulate({request}).front();
      out.push_back(static_cast<double>(n));
      out.push_back(static_cast<double>(statistics.size()));
      for (const auto& target : statistics)
        out.insert(out.end(), target.begin(), target.end());
    }
    send(out, MPI_DOUBLE, 0, result_tag);
  }
}

}  // namespace reformsim::calibration
