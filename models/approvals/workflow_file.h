// workflow_file.h - application types' workflows declared in a CSV file (approvals.workflow_file,
// configs/workflows/) instead of generated from the counts: one row per approval item, with its
// department, its steps without and with step_reduction, whether the city holds it, and the
// earlier items it waits for under parallel_approval (README.md, "Workflows declared in a file").
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "models/approvals/approval_settings.h"

namespace reformsim::models {

// The declared items of each application type, in file order; a type the file does not mention
// has none (its workflow stays generated).
using DeclaredWorkflows = std::array<std::vector<DeclaredItem>, application_type_count>;

// Reads the file against `departments` approval departments (approvals.departments). The file is
// user input, so every problem is a ConfigError naming the file and row, the column and the
// value: an unknown type, a duplicate or unnamed item, a department outside 1..departments,
// steps that are not whole numbers >= 1, a city_level other than 0/1, an `after` naming an
// unknown or a later item; a missing file or required column as CsvTable::read says.
DeclaredWorkflows read_workflow_file(const std::filesystem::path& file, std::int64_t departments);

}  // namespace reformsim::models
