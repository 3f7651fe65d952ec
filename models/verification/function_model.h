// function_model.h - a model that is a deterministic function of its parameters: it records
// one summary metric y per replication and has no agents, no phases and no random draws. The
// verification models derive from it, so a sweep over them measures the pipeline (design,
// runs, chunk files, statistics, estimators) and nothing else.
#pragma once

#include "sim/model/model.h"

namespace reformsim::models {

class FunctionModel : public Model {
 public:
  // The summary y ("--output y" in reformsim sensitivity); no series.
  MetricCatalogue metrics(const ParameterSet& parameters) const override;
  std::unique_ptr<ModelState> create_state(const ReplicationSetup& setup,
                                           const MetricCatalogue& metrics) const override;
  // The function's value at the parameters.
  virtual double evaluate(const ParameterSet& parameters) const = 0;
};

// The state of a FunctionModel replication: y, computed once when it is created.
class FunctionValueState : public ModelState {
 public:
  FunctionValueState(double y, MetricId y_metric) : y_(y), y_metric_(y_metric) {}
  std::vector<Phase> phases() override { return {}; }
  void record(const StepContext&, MetricRow&) const override {}
  void summarise(MetricRow& row) const override { row.set(y_metric_, y_); }

 private:
  double y_;
  MetricId y_metric_;
};

}  // namespace reformsim::models
