// Rules that need more than one report: C6 (上年结转 against last year's 结转下年度), C7 (现行有效件数
// carried over), C10, R1 (sections 一/五/六 repeating last year's text) and the roster-based deadline D1.
// Pure functions over snapshots of kept reports, so they are tested without a database; RunCrossYearChecks
// reads and writes through ReportHistory, which the store implements.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cstdint>

#include "check/deadlines.h"
#include "core/result.h"
#include "report/report.h"

namespace xxgk {

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
std::optional<Finding> RosterDeadlineFinding(const YearSnapshot& report, BodyKind kind, std::string_view deadline = {});

// R1's measure, exposed for tests: the share of `cur`'s character shingles found in `prev`, and the
// longest repeated passages (at most `max_passages`, each at least `min_passage` code points).
struct Repetition {
  double share = 0;
  size_t compared_chars = 0;
  std::vector<std::string> passages;
};
Repetition MeasureRepetition(std::string_view prev, std::string_view cur, size_t max_passages = 3, size_t min_passage = 20);

// One body's kept reports, as the cross-year rules read them.
struct BodyHistory {
  int64_t body = 0;
  bool rostered = false;             // the body is on a roster, which …
  std::optional<BodyKind> kind;      // … may give its kind: then D1 uses it instead of the guess from the name
  std::string deadline;              // … or its own deadline, MM-DD of the year after the report's ("" for none)
  std::vector<YearSnapshot> reports; // by year (year 0: unknown), then in the order kept
};

// The cross-year findings of each of a body's reports (same order as body.reports). The report standing for
// a year is the last one kept for it; each is compared with the one standing for the year before.
std::vector<std::vector<Finding>> CorpusFindings(const BodyHistory& body, const CorpusCheckOptions& options);

// Where the cross-year rules read reports and write their findings. store::Store implements it; every error
// is the keeper's (kDatabase) and stops the run.
class ReportHistory {
 public:
  virtual ~ReportHistory() = default;
  // Every body that has reports.
  virtual Result<std::vector<int64_t>> BodiesWithReports() = 0;
  virtual Result<BodyHistory> LoadBody(int64_t body) = 0;
  // Replaces the corpus findings of these bodies' reports with `findings` (per body, per report), all or
  // nothing.
  virtual Result<void> SaveCorpusFindings(const std::vector<BodyHistory>& bodies,
                                          const std::vector<std::vector<std::vector<Finding>>>& findings) = 0;
};

// Runs the rules above for `bodies` (all when empty): loads and saves in chunks of 256 bodies, computing on up
// to `threads` threads (0: all cores, at most 8). Returns the first error of `history`.
Result<void> RunCrossYearChecks(ReportHistory* history, std::vector<int64_t> bodies, const CorpusCheckOptions& options,
                                unsigned threads = 0);

}  // namespace xxgk
