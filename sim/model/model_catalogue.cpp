#include <stdexcept>

#include "sim/model/model.h"

namespace reformsim {

void ModelCatalogue::add(std::shared_ptr<const Model> model) {
  if (find(model->name())) throw std::logic_error("model '" + model->name() + "' added twice");
  models_.push_back(std::move(model));
}

const Model* ModelCatalogue::find(const std::string& name) const {
  for (const auto& model : models_)
    if (model->name() == name) return model.get();
  return nullptr;
}

std::vector<std::string> ModelCatalogue::names() const {
  std::vector<std::string> names;
  for (const auto& model : models_)
    names.push_back(model->name());
  return names;
}

}  // namespace reformsim
