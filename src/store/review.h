// Review and rectification. A finding has an identity that survives `recheck` and new versions: its body,
// its year and its key (the rule and the cells it is about; for a finding about no cell, the rule and its
// message without digits). A reviewer confirms or dismisses it with a reason; a dismissed finding counts
// nowhere (coverage, scores, the notice). A confirmed one can become a rectification item (整改) for the
// body, with a due date; the item closes itself when a newer version of the report no longer raises the
// finding, and its events keep the whole path. Every decision leaves an audit row.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace xxgk::store {

// The key of a finding: "C2|t3.granted.total,t3.granted.natural_person"; "C15|没有找到第部分" for one
// without cells. `cells` is the JSON array the store keeps.
std::string FindingKey(std::string_view rule, const nlohmann::json& cells, std::string_view message);

enum class Decision { kConfirmed, kDismissed };

// Confirms or dismisses a finding of the report's body and year (the report must raise it now). A second
// decision replaces the first (both are in the audit trail). Errors: kInvalidArgument for an unknown
// report or key, an empty reason for a dismissal.
Result<void> ReviewFinding(Store* store, int64_t report_id, std::string_view key, Decision decision, std::string_view reason,
                           std::string_view actor);

// Opens a rectification item for a confirmed finding, due on `due` (ISO date). Errors: kInvalidArgument for
// a finding not confirmed, a bad date, an item already open. Returns the item's id.
Result<int64_t> OpenRectification(Store* store, int64_t report_id, std::string_view key, std::string_view due,
                                  std::string_view actor);
// Closes an item by hand (the officer's explanation, the reviewer's acceptance), with a note.
Result<void> CloseRectification(Store* store, int64_t id, std::string_view note, std::string_view actor);

// Closes the open items of a body and year whose finding the current report no longer raises, naming the
// version that corrected it. Only items of findings from `origin` ("report": the pipeline's, checked when a
// report is stored or rechecked; "corpus": the cross-year rules', checked when they have run). Runs in the
// caller's transaction. Returns how many closed.
Result<size_t> SyncRectifications(Db* db, int64_t agency_id, int year, std::string_view origin);

// The review state of each finding of a report: {key → {decision, reason, reviewer, at, rectification:
// {id, status, due, opened_at, closed_at, events:[{at, actor, event, detail}]}}}.
Result<nlohmann::json> ReviewsOfReport(Store* store, int64_t agency_id, int year);

struct RectificationFilter {
  std::optional<int> year;
  std::optional<std::string> status;         // open | closed
  std::optional<std::vector<int64_t>> bodies;  // only these bodies (a subtree); nullopt: all
  std::optional<int64_t> id;                   // one item
};
// Items: [{id, agency_id, agency, year, key, rule, message, due, status, overdue, opened_by, opened_at,
// closed_at, report_id (the current report), events:[…]}], open ones first, by due date. `today` decides
// `overdue`.
Result<nlohmann::json> ListRectifications(Store* store, const RectificationFilter& filter, const std::string& today);

// A body and year's state for coverage: "pending" (findings not all reviewed), "rectifying" (an open item),
// "rectified" (items, all closed), "reviewed" (all reviewed, no item), "clean" (no findings).
struct ReviewState {
  int64_t unreviewed = 0, confirmed = 0, dismissed = 0, open_items = 0, closed_items = 0;
  // errors and warnings not dismissed (what counts)
  int64_t errors = 0, warnings = 0;
  std::string Status() const;
};
// The states of the current reports of a year, by body.
Result<std::unordered_map<int64_t, ReviewState>> ReviewStates(Store* store, int year);

}  // namespace xxgk::store
