// Checks that need more than one report: C6 (上年结转 against last year's 结转下年度), C7 (现行有效件数
// carried over), R1 (sections 一/五/六 repeating last year's text) and the roster-based deadline D1.
// Pure functions over snapshots of stored reports, so they are tested without a database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/deadlines.h"
#include "report/report.h"

namespace xxgk::store {

// What the cross-year rules need of one stored report.
struct YearSnapshot {
  int64_t report_id = 0;
  int year = 0;
  std::string format;
  std::string agency;
  std::map<std::string, std::optional<double>> cells;  // cell id → value (null: blank or not recovered)
  std::map<std::string, std::string> sections;         // section key → text
  std::optional<std::string> signed_date, published_date;
};

// Builds a snapshot from a stored report JSON (xxgk/report@1). Returns nullopt if the JSON is unusable.
std::optional<YearSnapshot> SnapshotFromJson(std::string_view json, int64_t report_id);

struct CorpusCheckOptions {
  double r1_threshold = 0.5;     // R1 when at least this share of this year's text repeats last year's
  size_t r1_min_chars = 200;     // sections 一/五/六 shorter than this together are not compared
  double c7_warn_share = 0.2;    // C7 is a warning (not info) beyond this relative deviation …
  double c7_warn_abs = 5;        // … and this absolute one
};

// Findings for `cur` given the same body's report of the year before.
std::vector<Finding> CrossYearFindings(const YearSnapshot& prev, const YearSnapshot& cur, const CorpusCheckOptions& options);

// D1 with the kind of body from a roster (replaces the guess from the name); nullopt when on time or
// when no statutory date applies.
std::optional<Finding> RosterDeadlineFinding(const YearSnapshot& report, BodyKind kind);

// R1's measure, exposed for tests: the share of `cur`'s character shingles found in `prev`, and the
// longest repeated passages (at most `max_passages`, each at least `min_passage` code points).
struct Repetition {
  double share = 0;
  size_t compared_chars = 0;
  std::vector<std::string> passages;
};
Repetition MeasureRepetition(std::string_view prev, std::string_view cur, size_t max_passages = 3, size_t min_passage = 20);

}  // namespace xxgk::store
