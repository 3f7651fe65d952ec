#include "sim/config/csv_table.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/config/config_error.h"

namespace reformsim {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

struct Record {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

// Splits the text into records, honouring quotes (a quoted field may hold commas and newlines).
std::vector<Record> split_records(const std::string& text, const std::string& file) {
  std::vector<Record> records;
  Record current;
  std::string field;
  bool quoted = false, field_started = false;
  std::size_t line = 1;
  current.line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && trim(field).empty()) {
      quoted = true;
      field.clear();
      field_started = true;
    } else if (c == ',') {
      current.fields.push_back(field);
      field.clear();
      field_started = true;
    } else if (c == '\n') {
      if (field_started || !trim(field).empty()) current.fields.push_back(field);
      if (!current.fields.empty()) records.push_back(current);
      current = Record{{}, ++line};
      field.clear();
      field_started = false;
    } else {
      field += c;
    }
  }
  if (quoted)
    throw ConfigError(file, "", "",
                      "unbalanced quote starting before line " + std::to_string(line));
  if (field_started || !trim(field).empty()) current.fields.push_back(field);
  if (!current.fields.empty()) records.push_back(current);
  return records;
}

bool is_comment(const Record& record) {
  return !record.fields.empty() && trim(record.fields.front()).rfind('#', 0) == 0;
}

}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& path,
                        const std::vector<std::string>& required_columns, std::size_t max_bytes) {
  CsvTable table;
  table.file_ = path.string();
  // The error_code overloads: a name the system refuses (a component over NAME_MAX, say) is a
  // file that cannot be read, not a filesystem_error escaping the config's errors.
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ConfigError(table.file_, "", "", "is a directory, not a CSV file");
  const auto size = std::filesystem::file_size(path, error);
  std::ifstream stream(path, std::ios::binary);
  if (error || !stream)
    throw ConfigError(table.file_, "", "", "cannot be read (missing or no permission)");
  if (size > max_bytes)
    throw ConfigError(
        table.file_, "", std::to_string(size) + " bytes",
        "too large for an input table (limit " + std::to_string(max_bytes) + " bytes)");
  std::ostringstream text;
  text << stream.rdbuf();
  std::vector<Record> records = split_records(text.str(), table.file_);
  std::size_t first = 0;
  while (first < records.size() && is_comment(records[first]))
    ++first;
  if (first == records.size())
    throw ConfigError(table.file_, "", "", "empty: expected a header row");

  const Record& header = records[first];
  for (std::size_t c = 0; c < header.fields.size(); ++c) {
    const std::string name = trim(header.fields[c]);
    if (!table.columns_.emplace(name, c).second)
      throw ConfigError(table.file_, name, "", "column named twice in the header");
  }
  for (const auto& required : required_columns)
    if (!table.columns_.count(required))
      throw ConfigError(table.file_, required, "", "required column missing from the header");
  for (std::size_t r = first + 1; r < records.size(); ++r) {
    if (is_comment(records[r])) continue;
    if (records[r].fields.size() != header.fields.size())
      throw ConfigError(table.file_ + " line " + std::to_string(records[r].line), "",
                        std::to_string(records[r].fields.size()) + " fields",
                        "the header has " + std::to_string(header.fields.size()) + " columns");
    table.rows_.push_back(records[r].fields);
    table.lines_.push_back(records[r].line);
  }
  return table;
}

std::string CsvTable::cell(std::size_t row, const std::string& column) const {
  const auto found = columns_.find(column);
  if (found == columns_.end()) return "";
  return trim(rows_.at(row)[found->second]);
}

std::string CsvTable::origin(std::size_t row) const {
  return file_ + " line " + std::to_string(lines_.at(row));
}

double CsvTable::number(std::size_t row, const std::string& column) const {
  const std::string text = cell(row, column);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value))
    throw ConfigError(origin(row), column, text, "not a finite number");
  return value;
}

double CsvTable::number_or(std::size_t row, const std::string& column, double fallback) const {
  return cell(row, column).empty() ? fallback : number(row, column);
}

}  // namespace reformsim
