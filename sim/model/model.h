// model.h - the interface between a model (what is simulated, in models/) and the engine (how
// it runs and records, in sim/). A Model is an immutable description: its parameters, a check
// of their combination, its metrics and a factory for state. A ModelState is one replication's
// agents; the engine is its only caller, stepping it through its named phases and asking it to
// record its metrics after every step.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/config/parameter_registry.h"
#include "sim/config/parameter_set.h"
#include "sim/model/metric_catalogue.h"
#include "sim/random/random_stream.h"
#include "sim/time/calendar.h"

namespace reformsim {

// What a phase may know about the moment it runs in.
struct StepContext {
  std::int64_t step;  // 0 .. calendar.total_steps() - 1
  const Calendar& calendar;
  std::uint64_t seed;  // this replication's seed

  RandomStream random(std::uint32_t stream, std::uint32_t purpose, std::uint64_t entity) const {
    return RandomStream(seed, DrawAddress{stream, purpose, entity, step});
  }
};

// One named part of a step. Phases run in the order given, each to completion (a phase may
// use for_each_block inside); effects between agents pass through buffers merged at the end
// of the phase that produced them.
struct Phase {
  std::string name;
  std::function<void(const StepContext&)> run;
};

// Everything a state needs when it is created for one replication.
struct ReplicationSetup {
  const ParameterSet& parameters;
  const Calendar& calendar;
  std::uint64_t seed;
  std::size_t replication;

  // Draws for building the initial population: step -1, before the first step.
  RandomStream random(std::uint32_t stream, std::uint32_t purpose, std::uint64_t entity) const {
    return RandomStream(seed, DrawAddress{stream, purpose, entity, -1});
  }
};

class ModelState {
 public:
  virtual ~ModelState() = default;
  // The phases of one step; called once, after construction.
  virtual std::vector<Phase> phases() = 0;
  // Writes this step's value of every series metric into row.
  virtual void record(const StepContext& context, MetricRow& row) const = 0;
  // Writes the summary metrics once, after the last step.
  virtual void summarise(MetricRow& row) const { (void)row; }
};

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string name() const = 0;         // as written in configs: model.name = ...
  virtual std::string description() const = 0;  // one line for --help and output files
  virtual void declare_parameters(ParameterRegistry& registry) const = 0;
  // Refuses contradictory combinations that single-parameter ranges cannot catch, by throwing
  // ConfigError naming the key, its value and its origin (parameters.origin(key)).
  virtual void validate(const ParameterSet& parameters) const { (void)parameters; }
  // The metrics this parameter set records (dimension labels may depend on parameters).
  virtual MetricCatalogue metrics(const ParameterSet& parameters) const = 0;
  virtual std::unique_ptr<ModelState> create_state(const ReplicationSetup& setup,
                                                   const MetricCatalogue& metrics) const = 0;
};

// The models this executable knows, by name. The engine looks a model up here; models/ fills it.
class ModelCatalogue {
 public:
  void add(std::shared_ptr<const Model> model);
  const Model* find(const std::string& name) const;
  std::vector<std::string> names() const;

 private:
  std::vector<std::shared_ptr<const Model>> models_;
};

}  // namespace reformsim
