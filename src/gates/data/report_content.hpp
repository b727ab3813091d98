#pragma once
// The validation report of a data release: report.json for tools and
// report.md for the reviewers of the release (row counts, schema,
// duplicates, referential integrity, every check with its result).

#include <nlohmann/json.hpp>
#include <string>

#include "gates/data/data_run.hpp"

namespace relctl::gates::data {

struct ReportInput {
  std::string run_id;
  std::string created_at;
  std::string tag;
  std::string snapshot_path;  // relative to the work tree
  const Manifest* manifest = nullptr;
  const Previous* previous = nullptr;  // null when it could not be read
  const Findings* findings = nullptr;
  std::map<std::string, std::string> skipped;  // gate id -> --skip reason
  std::vector<sqlite::TableFacts> tables;
};

/// Example rows as JSON objects {column: value}, values typed as SQLite typed them.
nlohmann::json rows_json(const std::vector<std::string>& columns,
                         const std::vector<sqlite::Row>& rows);

/// report.json: keys sorted, 2-space indent, trailing newline.
std::string report_json(const ReportInput& in);

/// report.md: the same facts as a page a reviewer reads in the pull request.
std::string report_markdown(const ReportInput& in);

}  // namespace relctl::gates::data
