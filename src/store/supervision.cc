#include "store/supervision.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "schema/rules.h"
#include "store/queries.h"
#include "store/review.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

struct StoredFinding {
  std::string rule, severity, key, message;
  std::optional<double> actual;
  bool dismissed = false;
};

// One registered body in a year: its coverage row, its current report's tables and findings.
struct Entry {
  json row;  // the coverage row (store/coverage.h)
  int64_t agency_id = 0;
  std::optional<int64_t> report_id;
  json tables;
  std::vector<StoredFinding> findings;  // not dismissed first… all of them, each marked
};

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

}  // namespace

class YearData {
 public:
  int year = 0;
  json coverage;
  std::vector<Entry> entries;
};

namespace {

Result<std::vector<Entry>> Load(Store* store, const CoverageQuery& q, json* coverage_out = nullptr) {
  auto cov = Coverage(store, q);
  if (!cov) return tl::unexpected(cov.error());
  std::vector<Entry> out;
  std::unordered_map<int64_t, size_t> by_report;
  for (const auto& b : (*cov)["bodies"]) {
    Entry e;
    e.row = b;
    e.agency_id = b["agency_id"].get<int64_t>();
    if (b.contains("report_id")) {
      e.report_id = b["report_id"].get<int64_t>();
      by_report[*e.report_id] = out.size();
    }
    out.push_back(std::move(e));
  }
  Db* db = store->db();
  std::set<std::pair<int64_t, std::string>> dismissed;
  auto d = db->Query("SELECT agency_id, finding_key FROM finding_reviews WHERE year = ? AND decision = 'dismissed'", {q.year});
  if (!d) return tl::unexpected(d.error());
  for (const auto& r : *d) dismissed.insert({r[0].AsInt(), r[1].AsText()});
  std::vector<int64_t> ids;
  for (const auto& [id, i] : by_report) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  constexpr size_t kChunk = 400;
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    const size_t n = std::min(kChunk, ids.size() - start);
    SqlParams params(ids.begin() + start, ids.begin() + start + n);
    auto texts = db->Query("SELECT report_id, json FROM report_texts WHERE report_id IN (" + Placeholders(n) + ")", params);
    if (!texts) return tl::unexpected(texts.error());
    for (const auto& r : *texts) out[by_report[r[0].AsInt()]].tables = TablesOfReportJson(r[1].AsText());
    auto found = db->Query("SELECT report_id, rule, severity, cells, message, actual FROM findings WHERE report_id IN (" +
                               Placeholders(n) + ") ORDER BY id",
                           params);
    if (!found) return tl::unexpected(found.error());
    for (const auto& r : *found) {
      Entry& e = out[by_report[r[0].AsInt()]];
      StoredFinding f;
      f.rule = r[1].AsText();
      f.severity = r[2].AsText();
      f.message = r[4].AsText();
      f.key = FindingKey(f.rule, json::parse(r[3].AsText(), nullptr, false), f.message);
      f.actual = r[5].AsOptReal();
      f.dismissed = dismissed.count({e.agency_id, f.key}) > 0;
      e.findings.push_back(std::move(f));
    }
  }
  if (coverage_out) *coverage_out = std::move(*cov);
  return out;
}

// The values of the cells a pattern names ("t3.denied_*.total": each matching row); false when a named cell
// is absent or empty.
bool CollectCells(const json& tables, const std::string& pattern, json* cells, double* sum) {
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t dot = pattern.find('.', start);
    parts.push_back(pattern.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  bool complete = true, any = false;
  std::function<void(const json&, size_t, const std::string&)> walk = [&](const json& node, size_t i, const std::string& path) {
    if (i == parts.size()) {
      any = true;
      if (node.is_number()) {
        (*cells)[path] = node;
        *sum += node.get<double>();
      } else {
        (*cells)[path] = nullptr;
        complete = false;
      }
      return;
    }
    const std::string& part = parts[i];
    const std::string prefix = path.empty() ? part : path + "." + part;
    const size_t star = part.find('*');
    if (star == std::string::npos) {
      if (node.is_object() && node.contains(part)) {
        walk(node[part], i + 1, prefix);
      } else {
        (*cells)[prefix] = nullptr;
        complete = false;
        any = true;
      }
      return;
    }
    if (!node.is_object()) return;
    const std::string head = part.substr(0, star), tail = part.substr(star + 1);
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string& k = it.key();
      if (k.size() >= head.size() + tail.size() && k.compare(0, head.size(), head) == 0 &&
          k.compare(k.size() - tail.size(), tail.size(), tail) == 0) {
        walk(*it, i + 1, path.empty() ? k : path + "." + k);
      }
    }
  };
  walk(tables, 0, "");
  return complete && any;
}

json Tier(const json& tiers, std::optional<double> value) {
  if (!value || !tiers.is_array()) return nullptr;
  for (const auto& t : tiers) {
    if (t.contains("below") && *value < t["below"].get<double>()) return t["tier"];
    if (t.contains("above") && *value > t["above"].get<double>()) return t["tier"];
  }
  return nullptr;
}

json RateJson(double num, double den, const json& tiers, int64_t min_cases, bool enough_check, std::string reason = "") {
  std::optional<double> value;
  if (reason.empty()) {
    if (enough_check && den < static_cast<double>(min_cases)) {
      reason = "分母仅 " + std::to_string(static_cast<int64_t>(den)) + " 件，少于 " + std::to_string(min_cases) + " 件，不计算比率";
    } else if (den <= 0) {
      reason = "分母为 0";
    } else {
      value = num / den;
    }
  }
  return {{"numerator", num}, {"denominator", den}, {"value", value ? json(*value) : json()}, {"tier", Tier(tiers, value)},
          {"reason", reason.empty() ? json() : json(reason)}};
}

const StoredFinding* CopiedFinding(const Entry& e) {
  const std::string_view r1 = InfoOf(Rule::kR1).id;
  for (const auto& f : e.findings) {
    if (f.rule == r1 && !f.dismissed) return &f;
  }
  return nullptr;
}

// One year's indicators: each with its total over the bodies and, when `bodies` is set, each body's value.
json Compute(const std::vector<Entry>& entries, const json& pack, bool bodies) {
  const int64_t min_cases = pack.value("min_cases", 10);
  json out = json::array();
  for (const auto& ind : pack["indicators"]) {
    const std::string kind = ind.value("kind", "");
    const json tiers = ind.value("tiers", json::array());
    json rows = json::array();
    double num_total = 0, den_total = 0;
    for (const Entry& e : entries) {
      if (!e.report_id) continue;
      json row = {{"agency_id", e.agency_id}, {"name", e.row["name"]}, {"report_id", *e.report_id}};
      if (kind == "ratio") {
        json cells = json::object();
        double num = 0, den = 0, minus = 0;
        bool complete = true;
        for (const auto& p : ind["numerator"]) complete &= CollectCells(e.tables, p.get<std::string>(), &cells, &num);
        for (const auto& p : ind["denominator"]) complete &= CollectCells(e.tables, p.get<std::string>(), &cells, &den);
        for (const auto& p : ind.value("minus", json::array())) complete &= CollectCells(e.tables, p.get<std::string>(), &cells, &minus);
        den -= minus;
        if (complete) {
          num_total += num;
          den_total += den;
        }
        row.update(RateJson(num, den, tiers, min_cases, true, complete ? "" : "统计表中缺少所需单元格"));
        row["cells"] = std::move(cells);
      } else if (kind == "late") {
        const std::string status = e.row.value("status", "");
        const double late = status == "published_late" ? 1 : 0;
        num_total += late;
        den_total += 1;
        row.update(RateJson(late, 1, json::array(), min_cases, false));
      } else {  // copied: the share of the text the R1 rule found copied from the previous year
        const StoredFinding* f = CopiedFinding(e);
        const double share = f && f->actual ? *f->actual : 0;
        num_total += f ? 1 : 0;
        den_total += 1;
        row.update(RateJson(share, 1, tiers, min_cases, false));
      }
      if (bodies) rows.push_back(std::move(row));
    }
    json one = {{"id", ind["id"]}, {"name", ind["name"]}, {"kind", kind},
                {"total", RateJson(num_total, den_total, tiers, min_cases, kind == "ratio")}};
    if (bodies) one["bodies"] = std::move(rows);
    out.push_back(std::move(one));
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const YearData>> LoadYear(Store* store, const CoverageQuery& query) {
  auto data = std::make_shared<YearData>();
  data->year = query.year;
  auto entries = Load(store, query, &data->coverage);
  if (!entries) return tl::unexpected(entries.error());
  data->entries = std::move(*entries);
  return std::shared_ptr<const YearData>(std::move(data));
}

const json& CoverageOf(const YearData& year) { return year.coverage; }

json IndicatorsOf(const YearData& now, const YearData& then, const json& pack) {
  json current = Compute(now.entries, pack, true), previous = Compute(then.entries, pack, false);
  for (size_t i = 0; i < current.size(); ++i) current[i]["previous"] = previous[i]["total"];
  return json{{"year", now.year}, {"previous_year", then.year}, {"pack", {{"id", pack["id"]}, {"name", pack["name"]}}},
              {"min_cases", pack.value("min_cases", 10)}, {"indicators", std::move(current)}};
}

Result<json> Indicators(Store* store, const CoverageQuery& query, const json& pack) {
  auto now = LoadYear(store, query);
  if (!now) return tl::unexpected(now.error());
  CoverageQuery before = query;
  before.year = query.year - 1;
  auto then = LoadYear(store, before);
  if (!then) return tl::unexpected(then.error());
  return IndicatorsOf(**now, **then, pack);
}

Result<json> Scores(Store* store, const CoverageQuery& query, const json& pack, const json& indicators) {
  auto year = LoadYear(store, query);
  if (!year) return tl::unexpected(year.error());
  return ScoresOf(**year, pack, indicators);
}

Result<json> CommonProblems(Store* store, const CoverageQuery& query) {
  auto year = LoadYear(store, query);
  if (!year) return tl::unexpected(year.error());
  return CommonProblemsOf(**year);
}

json ScoresOf(const YearData& year, const json& pack, const json& indicators) {
  const std::vector<Entry>* entries = &year.entries;
  // Each body's indicator tiers.
  std::map<int64_t, std::vector<std::pair<std::string, std::string>>> tiers;  // body → (indicator, tier)
  for (const auto& ind : indicators.value("indicators", json::array())) {
    for (const auto& b : ind.value("bodies", json::array())) {
      if (b["tier"].is_string()) tiers[b["agency_id"].get<int64_t>()].emplace_back(ind["name"], b["tier"]);
    }
  }
  const double base = pack.value("base", 100.0), cap = pack.value("cap", 100.0);
  const json rules = pack.value("rules", json::object());
  const json severity_points = rules.value("severity", json::object());
  const json by_rule = rules.value("by_rule", json::object());
  const double rules_cap = rules.value("cap", 1e9);
  json out = json::array();
  for (const Entry& e : *entries) {
    json items = json::array();
    double deducted = 0;
    auto take = [&](const std::string& what, double points, const std::string& detail, const json& report = nullptr) {
      if (points <= 0) return;
      items.push_back({{"what", what}, {"points", points}, {"detail", detail}, {"report_id", report}});
      deducted += points;
    };
    const std::string status = e.row.value("status", "");
    const json report = e.report_id ? json(*e.report_id) : json();
    if (status == "missing") take("未发布", pack.value("missing", 0.0), "期限 " + e.row.value("deadline", std::string("—")) + " 已过，名录中无本年度报告");
    if (status == "published_late") {
      take("逾期发布", pack.value("late", 0.0), "期限 " + e.row.value("deadline", std::string("—")) + "，发布于 " +
                                                   (e.row["published_date"].is_string() ? e.row["published_date"].get<std::string>() : "期限之后"), report);
    }
    if (pack.contains("copied")) {
      if (const StoredFinding* f = CopiedFinding(e); f && f->actual && *f->actual > pack["copied"].value("above", 0.5)) {
        take("照抄上年报告", pack["copied"].value("points", 0.0), f->message, report);
      }
    }
    // Findings, one deduction per finding identity, capped in all.
    double rule_points = 0;
    std::set<std::string> counted;
    for (const auto& f : e.findings) {
      if (f.dismissed || !counted.insert(f.key).second) continue;
      double p = by_rule.contains(f.rule) ? by_rule[f.rule].get<double>() : severity_points.value(f.severity, 0.0);
      p = std::min(p, std::max(0.0, rules_cap - rule_points));
      if (p <= 0) continue;
      rule_points += p;
      take(f.rule + " " + std::string(FindRule(f.rule) ? FindRule(f.rule)->title : ""), p, f.message, report);
    }
    for (const auto& [name, tier] : tiers[e.agency_id]) {
      take(name + (tier == "red" ? "（红档）" : "（黄档）"), pack.value("indicator_tiers", json::object()).value(tier, 0.0), "指标处于" + tier + "档", report);
    }
    for (const auto& c : pack.value("cells", json::array())) {
      json cells = json::object();
      double sum = 0;
      for (const auto& p : c.value("cells", json::array())) CollectCells(e.tables, p.get<std::string>(), &cells, &sum);
      if (sum > 0) take(c.value("name", "统计表项目"), sum * c.value("points_each", 0.0), std::to_string(static_cast<int64_t>(sum)) + " 件（" + cells.dump() + "）", report);
    }
    const double capped = std::min(deducted, cap);
    const double score = std::round((base - capped) * 100) / 100;
    out.push_back({{"agency_id", e.agency_id}, {"name", e.row["name"]}, {"parent", e.row["parent"]}, {"status", status},
                   {"status_zh", e.row["status_zh"]}, {"score", score}, {"deducted", std::round(capped * 100) / 100},
                   {"items", std::move(items)}, {"report_id", report}});
  }
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
    if (a["score"] != b["score"]) return a["score"].get<double>() > b["score"].get<double>();
    return a["name"].get<std::string>() < b["name"].get<std::string>();
  });
  for (size_t i = 0; i < out.size(); ++i) {
    out[i]["rank"] = i > 0 && out[i]["score"] == out[i - 1]["score"] ? out[i - 1]["rank"].get<int64_t>() : static_cast<int64_t>(i + 1);
  }
  return json{{"year", year.year},
              {"pack", {{"id", pack["id"]}, {"name", pack["name"]}, {"source", pack.value("source", "")}, {"base", base}}},
              {"bodies", std::move(out)}};
}

json CommonProblemsOf(const YearData& year) {
  const std::vector<Entry>* entries = &year.entries;
  struct Count {
    std::set<int64_t> reports;
    json example;
    std::string severity;
  };
  std::map<std::string, Count> by_rule;
  for (const Entry& e : *entries) {
    for (const auto& f : e.findings) {
      if (f.dismissed || f.severity == "info") continue;
      Count& c = by_rule[f.rule];
      c.severity = f.severity;
      if (c.reports.insert(*e.report_id).second && c.example.is_null()) {
        c.example = {{"agency", e.row["name"]}, {"report_id", *e.report_id}, {"message", f.message}};
      }
    }
  }
  json out = json::array();
  for (auto& [rule, c] : by_rule) {
    const RuleInfo* info = FindRule(rule);
    out.push_back({{"rule", rule}, {"title", info ? std::string(info->title) : rule}, {"severity", c.severity},
                   {"reports", c.reports.size()}, {"example", c.example}});
  }
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["reports"].get<size_t>() > b["reports"].get<size_t>(); });
  return out;
}

}  // namespace xxgk::store
