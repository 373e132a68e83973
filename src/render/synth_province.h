// A generated province for the supervisor's tests and benchmarks: a registry of bodies in four levels
// (province → cities → counties → departments), and each body's report of each year as a text file, with
// known fates: some missing, some published late, some with an arithmetic defect, and counties whose report
// aggregates their departments (层级汇总), some of them deliberately off. The generator also says what the
// supervisor's tools must find. Deterministic in the seed; pure (returns data, writes nothing).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace xxgk {

struct ProvinceOptions {
  uint64_t seed = 1;
  int cities = 9;
  int counties_per_city = 9;
  int departments_per_county = 36;  // at most 36
  int first_year = 2020, last_year = 2024;
  // Shares of body-years, drawn per body and year from the seed.
  double missing = 0.05, late = 0.05, defective = 0.08;
  double rollup_off = 0.2;  // share of county reports that do not equal the sum of their departments
};

struct ProvinceFile {
  std::string name;  // "<year>/<agency>.txt"
  std::string text;
};

struct Province {
  std::string registry_csv;  // 名称,上级机关,类别,地区,汇总
  std::vector<ProvinceFile> files;
  // What the tools must find: {bodies, province, cities:[…], years:{"2024": {due, published, late, missing,
  //  with_errors, late_bodies:[…], missing_bodies:[…], defective_bodies:[…], substantive:{numerator,
  //  denominator}}}, rollup:{"2024": {"<county>": {report: bool, off: bool, missing:[…]}}}}.
  nlohmann::json expected;
};

Province MakeProvince(const ProvinceOptions& options);

}  // namespace xxgk
