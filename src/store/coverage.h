// Coverage of a year over the registry (or a subtree of it): which registered bodies have published, on
// time or late, which have not, and whose report could not be read, with counts, rates and lists. Every
// count comes with its numerator and denominator; every body links to its stored report.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/queries.h"
#include "store/store.h"

namespace xxgk::store {

struct CoverageQuery {
  int year = 0;
  std::optional<int64_t> under;        // a registered body: it and its subtree; nullopt: the whole registry
  std::string today;                   // ISO date: a deadline after it has not passed yet
  std::optional<AccessScope> scope;    // the caller's scope (nullopt: everything)
};

// {year, under:{id,name}|null, today, counts:{due, published, on_time, late, timing_unknown, missing,
//  missing_overdue, not_due, unreadable, with_errors, review_pending, reviewed, rectifying, rectified}, rates:{published|on_time|…: {numerator, denominator, value}},
//  groups:[{id, name, counts}] (each direct child's subtree), bodies:[{agency_id, name, parent, category,
//  region, deadline, deadline_basis, status, status_zh, overdue, report_id, published_date, errors and
//  warnings (not dismissed), dismissed (findings a reviewer dismissed), review (store/review.h ReviewState::Status), review_zh,
//  open_items}]}. status: published_on_time | published_late | published_timing_unknown | unreadable |
// missing | not_due. Errors: kInvalidArgument for a body that is not registered.
Result<nlohmann::json> Coverage(Store* store, const CoverageQuery& query);

}  // namespace xxgk::store
