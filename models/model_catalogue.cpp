#include "models/model_catalogue.h"

#include "models/approvals/approvals_model.h"
#include "models/binhai/binhai_model.h"
#include "models/demo/demo_market_model.h"
#include "models/firms/firms_enforcement_model.h"
#include "models/staff/organisation_staff_model.h"
#include "models/verification/verification_models.h"

namespace reformsim::models {

ModelCatalogue all_models() {
  ModelCatalogue catalogue;
  catalogue.add(std::make_shared<BinhaiModel>());
  catalogue.add(std::make_shared<DemoMarketModel>());
  catalogue.add(std::make_shared<ApprovalsModel>());
  catalogue.add(std::make_shared<OrganisationStaffModel>());
  catalogue.add(std::make_shared<FirmsEnforcementModel>());
  // Test functions with known sensitivity indices, for checking the sweep pipeline.
  catalogue.add(std::make_shared<IshigamiModel>());
  catalogue.add(std::make_shared<SobolGModel>());
  catalogue.add(std::make_shared<LinearTestModel>());
  return catalogue;
}

}  // namespace reformsim::models
