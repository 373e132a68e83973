// The registry of bodies that must publish a report: names and aliases, a tree of parents, the category
// (本级政府 / 部门 / 乡镇街道 / 其他), the division code and region, and a deadline that overrides the
// statute. It is the store's `agencies` rows marked `rostered`; a report is matched to a registered body by
// name, alias or normalised form (store/agency_names.h), and a report titled by its area belongs to the
// area's 管委会 or 人民政府. Reports that match no registered body wait in a queue until a person matches
// them; the match is kept as an alias.
//
// Importing is a plan first (added, changed, removed), then one transaction with an audit row.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "schema/body_kinds.h"
#include "store/store.h"

namespace xxgk::store {

// The registry's categories: "government" 本级政府, "department" 部门, "township" 乡镇街道, "other" 其他.
const char* CategoryChinese(std::string_view category);
// Accepts the Chinese words (本级政府, 人民政府, 政府, 部门, 乡镇, 街道, 乡镇街道, 其他) and the English
// names; nullopt otherwise.
std::optional<std::string> ParseCategory(std::string_view text);
// The statutory kind of a category (其他 follows 部门's deadline unless the registry gives one).
BodyKind KindOfCategory(std::string_view category);

// One row of a registry file.
struct RegistryEntry {
  size_t row = 0;  // 1-based, as a spreadsheet numbers it
  std::string name;
  std::vector<std::string> aliases;
  std::string parent;    // 上级机关 (a name in the file or already registered); "" for a root
  std::string category;  // as ParseCategory gives; guessed from the name when the column is empty
  std::string code;      // 行政区划代码
  std::string region;    // 地区; "" to take it from the name
  std::string deadline;  // "MM-DD" (the year after the report's), or "" for the statute
  bool aggregates = false;  // 汇总: its report's tables sum those of the bodies directly below it (层级汇总)
};

// Reads the rows of a CSV or XLSX registry. The first row is the header: 名称 (required), 别名, 上级机关,
// 类别, 行政区划代码, 地区, 发布期限, 汇总 (是/否) (English names too: name, aliases, parent, category, code,
// region, deadline, aggregates). Aliases are separated by 、 ; ； | or a line break. A deadline is MM-DD, M月D日, a full date
// (its month and day), or a spreadsheet date. Errors (kInvalidArgument) name the row and the column: an
// unknown category or deadline, a name given twice, a parent that is the body itself.
Result<std::vector<RegistryEntry>> ParseRegistry(const std::vector<std::vector<std::string>>& rows);

enum class ImportMode { kMerge, kReplace };  // replace: registered bodies absent from the file leave it

struct RegistryChange {
  std::string name;
  std::string what;  // the changed fields, in Chinese: "上级机关：甲 → 乙；类别：部门 → 其他"
};
struct RegistryPlan {
  std::vector<std::string> added;
  std::vector<RegistryChange> changed;
  std::vector<std::string> removed;  // replace mode only
  size_t unchanged = 0;
  size_t matched = 0;  // unregistered bodies with reports that the import matched (names, aliases, areas)
};
nlohmann::json PlanJson(const RegistryPlan& plan);

// What importing would do, without changing anything. Errors: kInvalidArgument for a parent that is
// neither in the file nor registered, or a cycle of parents (named).
Result<RegistryPlan> PlanRegistry(Store* store, const std::vector<RegistryEntry>& entries, ImportMode mode);
// Imports in one transaction with an audit row (registry.import), then matches waiting reports.
Result<RegistryPlan> ImportRegistry(Store* store, const std::vector<RegistryEntry>& entries, ImportMode mode,
                                    std::string_view actor);

// The registered body a name denotes (by name, alias, normalised form or its area's 管委会/人民政府), or
// nullopt.
Result<std::optional<int64_t>> FindRegistered(Store* store, std::string_view name);
// The ids of a body and every body below it in the registry.
Result<std::vector<int64_t>> Subtree(Store* store, int64_t root);

// The registry as a list in tree order: [{id, name, parent_id, parent, depth, category, category_zh, code,
// region, deadline, aliases:[…], reports}], under `root` when given (with it first).
Result<nlohmann::json> RegistryList(Store* store, std::optional<int64_t> root);
// Moves a registered body under another (nullopt: to the top). Refuses a move into its own subtree.
Result<void> MoveBody(Store* store, int64_t body, std::optional<int64_t> parent, std::string_view actor);
// Changes a registered body's fields (each given one; nullopt leaves it): category (as ParseCategory reads
// it), deadline (as a registry file writes it; "" for the statute), 汇总, division code, region. Audited.
struct BodyEdit {
  std::optional<std::string> category, deadline, code, region;
  std::optional<bool> aggregates;
};
Result<void> EditBody(Store* store, int64_t body, const BodyEdit& edit, std::string_view actor);
// Takes a body out of the registry (its reports and aliases stay; the bodies below it move up to its
// parent). Audited.
Result<void> RemoveBody(Store* store, int64_t body, std::string_view actor);
// Adds an alias to a registered body (audited); reports filed under the alias move to it.
Result<void> AddRegistryAlias(Store* store, int64_t body, std::string_view alias, std::string_view actor);

// 层级汇总 for a year: each registered parent marked `aggregates` (or only `parent`), its report's table
// cells (tables 3 and 4) against the sum over its direct children's current reports, cell by cell:
// [{agency_id, name, report_id|null, children:[{agency_id, name, report_id|null}], missing:[names],
//  differences:[{cell, label, parent, children_sum, difference, parts:[{name, value}]}], cells_compared}].
// A parent without a report, or whose children have none, is listed with nothing compared and says why.
Result<nlohmann::json> RegistryRollup(Store* store, int year, std::optional<int64_t> parent);

// Bodies with reports that match no registered body, while the registry has any: [{agency_id, name,
// region, reports, years:[…], suggestions:[{id, name}]}] (suggestions: registered bodies of the same
// region, closest names first, at most 5). Within `scope` when given.
Result<nlohmann::json> UnmatchedBodies(Store* store);
// A person's match: the unregistered body `from` becomes an alias of the registered `to` (its reports move).
Result<void> MatchBody(Store* store, int64_t from, int64_t to, std::string_view actor);

}  // namespace xxgk::store
