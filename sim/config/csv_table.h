// csv_table.h - reads small CSV input tables (targets, merge plans, reported figures): a header
// row naming the columns, RFC 4180 quoting ("a, b" and "" for a quote), '#' comment lines
// before the header allowed. Every problem is a ConfigError naming the file, the row and the
// column, and a size cap keeps a wrong file from exhausting memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace reformsim {

class CsvTable {
 public:
  // Throws ConfigError(file, ...) for an unreadable or empty file, a file over max_bytes,
  // unbalanced quotes, a row whose field count differs from the header's, or a header missing
  // one of required_columns.
  static CsvTable read(const std::filesystem::path& file,
                       const std::vector<std::string>& required_columns,
                       std::size_t max_bytes = 16 * 1024 * 1024);

  const std::string& file() const { return file_; }
  std::size_t rows() const { return rows_.size(); }
  bool has_column(const std::string& column) const { return columns_.count(column) > 0; }
  // The cell, trimmed; "" for a column the file does not have.
  std::string cell(std::size_t row, const std::string& column) const;
  // Where a row came from, for messages: "file.csv row 4" (1-based file line of the row).
  std::string origin(std::size_t row) const;

  // Typed cells: ConfigError(origin(row), column, text, problem) when not a finite number.
  double number(std::size_t row, const std::string& column) const;
  double number_or(std::size_t row, const std::string& column, double fallback) const;

 private:
  std::string file_;
  std::map<std::string, std::size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> lines_;
};

}  // namespace reformsim
