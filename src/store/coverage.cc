#include "store/coverage.h"

#include <map>
#include <set>
#include <unordered_map>

#include "schema/body_kinds.h"
#include "schema/format_spec.h"
#include "store/registry.h"
#include "store/review.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

struct Body {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name, parent, category, region, deadline_override;
};

struct Counts {
  int64_t due = 0, published = 0, on_time = 0, late = 0, timing_unknown = 0, missing = 0, missing_overdue = 0,
          not_due = 0, unreadable = 0, with_errors = 0, review_pending = 0, reviewed = 0, rectifying = 0, rectified = 0;
  json Json() const {
    return {{"due", due}, {"published", published}, {"on_time", on_time}, {"late", late}, {"timing_unknown", timing_unknown},
            {"missing", missing}, {"missing_overdue", missing_overdue}, {"not_due", not_due}, {"unreadable", unreadable},
            {"with_errors", with_errors}, {"review_pending", review_pending}, {"reviewed", reviewed}, {"rectifying", rectifying},
            {"rectified", rectified}};
  }
};

json Rate(int64_t numerator, int64_t denominator) {
  return {{"numerator", numerator}, {"denominator", denominator},
          {"value", denominator > 0 ? json(static_cast<double>(numerator) / static_cast<double>(denominator)) : json()}};
}

const char* ReviewChinese(std::string_view s) {
  if (s == "pending") return "待审核";
  if (s == "rectifying") return "需整改";
  if (s == "rectified") return "已整改";
  if (s == "reviewed") return "已审核";
  return "无问题";
}

const char* StatusChinese(std::string_view s) {
  if (s == "published_on_time") return "已发布（按时）";
  if (s == "published_late") return "已发布（逾期）";
  if (s == "published_timing_unknown") return "已发布（发布日期不详）";
  if (s == "unreadable") return "无法解析";
  if (s == "missing") return "未发布（已过期限）";
  return "未发布（未到期限）";
}

}  // namespace

Result<json> Coverage(Store* store, const CoverageQuery& q) {
  Db* db = store->db();
  auto rows = db->Query(
      "SELECT a.id, a.parent_id, a.name, p.name, a.category, a.kind, a.region, a.deadline FROM agencies a "
      "LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.rostered = 1 ORDER BY a.division_code, a.name");
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Body> bodies;
  std::unordered_map<int64_t, size_t> index;
  for (const auto& r : *rows) {
    Body b;
    b.id = r[0].AsInt();
    if (!r[1].null()) b.parent_id = r[1].AsInt();
    b.name = r[2].AsText();
    b.parent = r[3].AsText();
    b.category = r[4].null() ? (r[5].AsText() == "government" ? "government" : r[5].AsText() == "township" ? "township" : "department")
                             : r[4].AsText();
    b.region = r[6].AsText();
    b.deadline_override = r[7].AsText();
    index[b.id] = bodies.size();
    bodies.push_back(std::move(b));
  }
  std::set<int64_t> within;
  json under = json();
  if (q.under) {
    if (!index.count(*q.under)) return MakeError(ErrorCode::kInvalidArgument, "编号为 " + std::to_string(*q.under) + " 的机关不在名录中");
    auto sub = Subtree(store, *q.under);
    if (!sub) return tl::unexpected(sub.error());
    within.insert(sub->begin(), sub->end());
    under = {{"id", *q.under}, {"name", bodies[index[*q.under]].name}};
  }
  // The current report of each registered body for the year.
  struct Stored {
    int64_t report_id;
    std::string published, signed_date;
    bool late;
    bool tables;
  };
  std::unordered_map<int64_t, Stored> stored;
  auto reps = db->Query(
      "SELECT r.agency_id, r.id, r.published_date, r.late, r.received, r.results_total, r.signed_date "
      "FROM reports r JOIN agencies a ON a.id = r.agency_id WHERE a.rostered = 1 AND r.current = 1 AND r.year = ?",
      {q.year});
  if (!reps) return tl::unexpected(reps.error());
  // A report of a year whose format has tables, with none of table 3's totals recovered, could not be read.
  const FormatSpec* required = FormatForYear(q.year);
  const bool tables_expected = required && required->has_tables;
  for (const auto& r : *reps) {
    stored[r[0].AsInt()] = {r[1].AsInt(), r[2].AsText(), r[6].AsText(), r[3].AsInt() != 0,
                            !tables_expected || !r[4].null() || !r[5].null()};
  }
  // Review decisions: a dismissed finding counts nowhere, so `errors` here are the ones still standing.
  auto states = ReviewStates(store, q.year);
  if (!states) return tl::unexpected(states.error());
  // Each body counts in the totals and in the group of the direct child of `under` (or root) above it.
  auto group_of = [&](const Body& b) -> int64_t {
    const Body* cur = &b;
    for (int guard = 0; guard < 64; ++guard) {
      const bool top = q.under ? (cur->parent_id && *cur->parent_id == *q.under) || cur->id == *q.under
                               : !cur->parent_id || !index.count(*cur->parent_id);
      if (top || !cur->parent_id || !index.count(*cur->parent_id)) return cur->id;
      cur = &bodies[index[*cur->parent_id]];
    }
    return cur->id;
  };
  Counts total;
  std::map<int64_t, Counts> groups;
  json list = json::array();
  for (const Body& b : bodies) {
    if (q.under && !within.count(b.id)) continue;
    if (q.scope && !q.scope->Contains(b.id, b.region)) continue;
    std::string deadline, basis;
    if (!b.deadline_override.empty()) {
      deadline = std::to_string(q.year + 1) + "-" + b.deadline_override;
      basis = "名录规定的发布期限";
    } else if (auto d = DeadlineFor(KindOfCategory(b.category), q.year)) {
      deadline = d->date;
      basis = d->basis;
    }
    const bool passed = !deadline.empty() && q.today > deadline;
    std::string status;
    json entry = {{"agency_id", b.id}, {"name", b.name}, {"parent", b.parent.empty() ? json() : json(b.parent)},
                  {"category", b.category}, {"category_zh", CategoryChinese(b.category)},
                  {"region", b.region.empty() ? json() : json(b.region)}, {"deadline", deadline.empty() ? json() : json(deadline)},
                  {"deadline_basis", basis.empty() ? json() : json(basis)}};
    Counts* g = &groups[group_of(b)];
    auto bump = [&](int64_t Counts::*field) {
      ++(total.*field);
      ++(g->*field);
    };
    bump(&Counts::due);
    auto it = stored.find(b.id);
    if (it == stored.end()) {
      status = passed ? "missing" : "not_due";
      bump(passed ? &Counts::missing_overdue : &Counts::not_due);
      bump(&Counts::missing);
    } else {
      const Stored& s = it->second;
      entry["report_id"] = s.report_id;
      entry["published_date"] = s.published.empty() ? json() : json(s.published);
      auto st = states->find(b.id);
      const ReviewState review = st == states->end() ? ReviewState{} : st->second;
      entry["errors"] = review.errors;
      entry["warnings"] = review.warnings;
      entry["dismissed"] = review.dismissed;
      entry["review"] = review.Status();
      entry["review_zh"] = ReviewChinese(review.Status());
      entry["open_items"] = review.open_items;
      bump(&Counts::published);
      if (review.errors > 0) bump(&Counts::with_errors);
      const std::string rs = review.Status();
      if (rs == "pending") bump(&Counts::review_pending);
      if (rs == "reviewed") bump(&Counts::reviewed);
      if (rs == "rectifying") bump(&Counts::rectifying);
      if (rs == "rectified") bump(&Counts::rectified);
      if (!s.tables) {
        status = "unreadable";
        bump(&Counts::unreadable);
      }
      // On time against the registry's deadline when it has one, else the statute's (the D1 rule's).
      // A signature dated after the deadline is late whenever it was published; one dated before proves
      // nothing about the publication.
      std::string timing;
      if (!s.published.empty() && !deadline.empty()) {
        timing = s.published <= deadline ? "on_time" : "late";
      } else if (s.late || (!s.signed_date.empty() && !deadline.empty() && s.signed_date > deadline)) {
        timing = "late";
      } else {
        timing = "timing_unknown";
      }
      bump(timing == "on_time" ? &Counts::on_time : timing == "late" ? &Counts::late : &Counts::timing_unknown);
      if (status.empty()) status = "published_" + timing;
    }
    entry["status"] = status;
    entry["status_zh"] = StatusChinese(status);
    entry["overdue"] = passed && it == stored.end();
    list.push_back(std::move(entry));
  }
  json group_list = json::array();
  for (const auto& [id, c] : groups) {
    group_list.push_back({{"id", id}, {"name", bodies[index[id]].name}, {"counts", c.Json()}});
  }
  json rates = {{"published", Rate(total.published, total.due)},
                {"on_time", Rate(total.on_time, total.on_time + total.late)},  // of those whose timing is known
                {"missing_overdue", Rate(total.missing_overdue, total.due)},
                {"with_errors", Rate(total.with_errors, total.published)}};
  return json{{"year", q.year}, {"under", under}, {"today", q.today}, {"counts", total.Json()}, {"rates", std::move(rates)},
              {"groups", std::move(group_list)}, {"bodies", std::move(list)}};
}

}  // namespace xxgk::store
