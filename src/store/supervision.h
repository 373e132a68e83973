// Indicators and scores of a year over the registry (or a subtree), from the stored cells and findings.
// Their definitions are data (store/packs.h): an indicator is a ratio of table cells (or the share of late or
// copied reports) with tiers; a scoring pack gives points per missing or late report, per finding, per
// indicator tier and per counted cell, with caps. Every rate states its numerator and denominator and the
// cells they sum; every deduction says why. Dismissed findings (store/review.h) count nowhere.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>

#include "core/result.h"
#include "store/coverage.h"
#include "store/store.h"

namespace xxgk::store {

// A year's registered bodies (their coverage rows) with their current reports' tables and findings, read
// once for the computations below.
class YearData;
Result<std::shared_ptr<const YearData>> LoadYear(Store* store, const CoverageQuery& query);
// The coverage (store/coverage.h) the year was read with.
const nlohmann::json& CoverageOf(const YearData& year);

// The same as the functions below, over years already read.
nlohmann::json IndicatorsOf(const YearData& year, const YearData& previous, const nlohmann::json& pack);
nlohmann::json ScoresOf(const YearData& year, const nlohmann::json& pack, const nlohmann::json& indicators);
nlohmann::json CommonProblemsOf(const YearData& year);

// {year, previous_year, min_cases, indicators:[{id, name, kind, total:{numerator, denominator, value, tier,
//  reason}, previous:{…}, bodies:[{agency_id, name, report_id, numerator, denominator, value, tier, reason,
//  cells:{id: value}}]}]}. `query` as for Coverage; `pack` an indicators pack.
Result<nlohmann::json> Indicators(Store* store, const CoverageQuery& query, const nlohmann::json& pack);

// {year, pack:{id, name, source}, bodies:[{rank, agency_id, name, parent, score, deducted, items:[{what,
//  points, detail, report_id}]}]} by rank (ties share one). `indicators` supplies the tiers a pack may
// deduct for.
Result<nlohmann::json> Scores(Store* store, const CoverageQuery& query, const nlohmann::json& pack, const nlohmann::json& indicators);

// The commonest problems of the year's current reports (not dismissed): [{rule, title, severity, reports,
// example:{agency, report_id, message}}], most reports first.
Result<nlohmann::json> CommonProblems(Store* store, const CoverageQuery& query);

}  // namespace xxgk::store
