#include "check/cross_year.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>

#include "core/numbers.h"
#include "core/utf8.h"
#include "schema/format_spec.h"
#include "schema/ids.h"

namespace xxgk {
namespace {

constexpr size_t kShingle = 8;

bool Skipped(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

struct Chars {
  std::vector<char32_t> cps;     // folded: digits → '#'
  std::vector<uint32_t> offset;  // byte offset of each code point in the source; one past the end at the back
};

Chars Fold(std::string_view text) {
  Chars c;
  c.cps.reserve(text.size() / 3 + 1);
  c.offset.reserve(text.size() / 3 + 2);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t at = pos;
    char32_t cp = NextCodePoint(text, &pos);
    if (Skipped(cp)) continue;
    if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) cp = '#';
    c.cps.push_back(cp);
    c.offset.push_back(static_cast<uint32_t>(at));
  }
  c.offset.push_back(static_cast<uint32_t>(text.size()));
  return c;
}

uint64_t ShingleHash(const std::vector<char32_t>& cps, size_t i) {
  uint64_t h = 1469598103934665603ull;
  for (size_t k = 0; k < kShingle; ++k) {
    h ^= cps[i + k];
    h *= 1099511628211ull;
  }
  return h;
}

std::string ColumnLabel(const FormatSpec* f, const std::string& key) {
  if (f) {
    for (const auto& c : f->t3_cols) if (c.key == key) return c.label.text;
  }
  return key;
}

}  // namespace

Repetition MeasureRepetition(std::string_view prev, std::string_view cur, size_t max_passages, size_t min_passage) {
  Repetition r;
  Chars p = Fold(prev), c = Fold(cur);
  r.compared_chars = c.cps.size();
  if (p.cps.size() < kShingle || c.cps.size() < kShingle) return r;
  // A sorted vector of last year's shingle hashes: no per-entry allocation, binary search per shingle.
  std::vector<uint64_t> seen;
  seen.reserve(p.cps.size());
  for (size_t i = 0; i + kShingle <= p.cps.size(); ++i) seen.push_back(ShingleHash(p.cps, i));
  std::sort(seen.begin(), seen.end());
  std::vector<uint8_t> covered(c.cps.size(), 0);
  for (size_t i = 0; i + kShingle <= c.cps.size(); ++i) {
    if (std::binary_search(seen.begin(), seen.end(), ShingleHash(c.cps, i))) {
      std::fill(covered.begin() + i, covered.begin() + i + kShingle, 1);
    }
  }
  size_t n = std::count(covered.begin(), covered.end(), 1);
  r.share = static_cast<double>(n) / static_cast<double>(c.cps.size());
  // Repeated passages: maximal covered runs, longest first.
  std::vector<std::pair<size_t, size_t>> runs;  // (length, start)
  for (size_t i = 0; i < covered.size();) {
    if (!covered[i]) { ++i; continue; }
    size_t j = i;
    while (j < covered.size() && covered[j]) ++j;
    if (j - i >= min_passage) runs.emplace_back(j - i, i);
    i = j;
  }
  std::sort(runs.begin(), runs.end(), [](auto a, auto b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (size_t k = 0; k < runs.size() && k < max_passages; ++k) {
    auto [len, start] = runs[k];
    r.passages.emplace_back(cur.substr(c.offset[start], c.offset[start + len] - c.offset[start]));
  }
  return r;
}

std::optional<YearSnapshot> SnapshotFromJson(std::string_view json, int64_t report_id) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  YearSnapshot s;
  s.report_id = report_id;
  if (j.contains("year") && j["year"].is_number_integer()) s.year = j["year"].get<int>();
  if (j.contains("format") && j["format"].is_string()) s.format = j["format"].get<std::string>();
  if (j.contains("agency") && j["agency"].is_string()) s.agency = j["agency"].get<std::string>();
  if (j.contains("signed_date") && j["signed_date"].is_string()) s.signed_date = j["signed_date"].get<std::string>();
  if (j.contains("published_date") && j["published_date"].is_string()) s.published_date = j["published_date"].get<std::string>();
  if (j.contains("sections") && j["sections"].is_array()) {
    for (const auto& sec : j["sections"]) {
      if (sec.contains("key") && sec.contains("text") && sec["key"].is_string() && sec["text"].is_string()) {
        s.sections[sec["key"].get<std::string>()] += sec["text"].get<std::string>();
      }
    }
  }
  // tables: {t2:{block:{row:{col:v}}}, t3:{row:{col:v}}, t4:{block:{col:v}}}
  if (j.contains("tables") && j["tables"].is_object()) {
    std::function<void(const nlohmann::json&, const std::string&)> walk = [&](const nlohmann::json& node,
                                                                                 const std::string& path) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        std::string p = path + "." + it.key();
        if (it->is_object()) walk(*it, p);
        else if (it->is_number()) s.cells[p] = it->get<double>();
        else if (it->is_null()) s.cells[p] = std::nullopt;
      }
    };
    for (auto it = j["tables"].begin(); it != j["tables"].end(); ++it) {
      if (it->is_object()) walk(*it, it.key());
    }
  }
  return s;
}

std::vector<Finding> CrossYearFindings(const YearSnapshot& prev, const YearSnapshot& cur, const CorpusCheckOptions& options) {
  std::vector<Finding> out;
  const FormatSpec* f = FindFormat(cur.format);
  const std::string py = std::to_string(prev.year);
  auto value = [](const YearSnapshot& s, const std::string& id) -> std::optional<double> {
    auto it = s.cells.find(id);
    return it == s.cells.end() ? std::nullopt : it->second;
  };
  // C6: per column of table 3.
  const FormatSpec& cols_of = f && f->has_tables ? *f : LatestFormat();
  for (const ColumnDef& column : cols_of.t3_cols) {
    const std::string& col = column.key;
    std::string now_id = T3CellId(ids::t3_row::carried_over, col);
    auto now = value(cur, now_id);
    auto before = value(prev, T3CellId(ids::t3_row::carried_forward, col));
    if (!now || !before || *now == *before) continue;
    Finding fd = MakeFinding(Rule::kC6);
    fd.cells = {now_id};
    fd.expected = *before;
    fd.actual = *now;
    fd.message = "表三“" + ColumnLabel(f, col) + "”列：本年“上年结转政府信息公开申请数量”为" + FormatNumber(*now) + "，但" + py +
                 "年度报告的“结转下年度继续办理”为" + FormatNumber(*before) + "，两者应相等（机构改革或更正数据的请在报告中说明）。";
    out.push_back(std::move(fd));
  }
  // C7: 现行有效件数 carried over (2021 format rows).
  for (ids::RowKey row : {ids::t2_row::rules, ids::t2_row::normative_docs}) {
    auto id = [&](ids::ColKey col) { return T2CellId(ids::t2_block::art20_1, row, col); };
    auto in_force = value(cur, id(ids::t2_col::in_force));
    auto issued = value(cur, id(ids::t2_col::issued));
    auto repealed = value(cur, id(ids::t2_col::repealed));
    auto before = value(prev, id(ids::t2_col::in_force));
    if (!in_force || !issued || !repealed || !before) continue;
    double expect = *before + *issued - *repealed;
    if (expect == *in_force) continue;
    double dev = std::fabs(*in_force - expect);
    bool large = dev > options.c7_warn_abs && dev > options.c7_warn_share * std::max(1.0, *before);
    Finding fd = MakeFinding(Rule::kC7, large ? Severity::kWarning : Severity::kInfo);
    fd.cells = {id(ids::t2_col::in_force)};
    fd.expected = expect;
    fd.actual = *in_force;
    const char* name = row.value == ids::t2_row::rules.value ? "规章" : "行政规范性文件";
    fd.message = std::string("表二“") + name + "”现行有效件数为" + FormatNumber(*in_force) + "，按" + py + "年度报告的现行有效件数" +
                 FormatNumber(*before) + "加本年制发" + FormatNumber(*issued) + "减本年废止" + FormatNumber(*repealed) + "应为" +
                 FormatNumber(expect) + "，相差" + FormatNumber(dev) + (large ? "。" : "（可能因有效期届满自动失效等原因，仅供参考）。");
    out.push_back(std::move(fd));
  }
  // C10: the trial format's 上一年项目数量 follows last year's 上一年项目数量 + 本年增/减 (2019 → 2020).
  if (f && cur.format == prev.format) {
    for (const auto& b : f->t2) {
      bool has = false;
      for (const auto& c : b.cols) has |= c.key == ids::t2_col::prev_items.value;
      if (!has) continue;
      for (const auto& row : b.rows) {
        const std::string items_id = T2CellId(b.key, row.key, ids::t2_col::prev_items);
        auto now = value(cur, items_id);
        auto before = value(prev, items_id);
        auto change = value(prev, T2CellId(b.key, row.key, ids::t2_col::change));
        if (!now || !before || !change || *now == *before + *change) continue;
        Finding fd = MakeFinding(Rule::kC10);
        fd.cells = {items_id};
        fd.expected = *before + *change;
        fd.actual = *now;
        fd.message = "表二" + b.caption.text + "“" + row.label.text + "”：本年“上一年项目数量”为" + FormatNumber(*now) + "，按" + py +
                     "年度报告的上一年项目数量" + FormatNumber(*before) + "加本年增/减" + FormatNumber(*change) + "应为" +
                     FormatNumber(*before + *change) + "（仅供参考）。";
        out.push_back(std::move(fd));
      }
    }
  }
  // R1: sections 一/五/六 against last year's.
  std::string prev_text, cur_text;
  for (ids::SectionKey key : {ids::section::s1_overview, ids::section::s5_problems, ids::section::s6_other}) {
    auto a = prev.sections.find(std::string(key));
    if (a != prev.sections.end()) prev_text += a->second + "\n";
    auto b = cur.sections.find(std::string(key));
    if (b != cur.sections.end()) cur_text += b->second + "\n";
  }
  Repetition rep = MeasureRepetition(prev_text, cur_text);
  if (rep.compared_chars >= options.r1_min_chars && rep.share >= options.r1_threshold) {
    Finding fd = MakeFinding(Rule::kR1);
    fd.actual = std::round(rep.share * 1000) / 1000;
    fd.expected = options.r1_threshold;
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.0f%%", rep.share * 100);
    char th[16];
    std::snprintf(th, sizeof th, "%.0f%%", options.r1_threshold * 100);
    fd.message = std::string("第一、五、六部分的文字约") + pct + "与" + py + "年度报告相同（阈值" + th + "），疑似照抄上年报告。";
    if (!rep.passages.empty()) {
      fd.message += "重复段落如：";
      for (size_t i = 0; i < rep.passages.size(); ++i) {
        std::string p = rep.passages[i];
        std::string cut;
        size_t pos = 0, n = 0;
        while (pos < p.size() && n < 60) {
          size_t at = pos;
          NextCodePoint(p, &pos);
          cut.append(p, at, pos - at);
          ++n;
        }
        if (pos < p.size()) cut += "……";
        fd.message += (i ? "；“" : "“") + cut + "”";
      }
      fd.message += "。";
    }
    out.push_back(std::move(fd));
  }
  return out;
}

std::optional<Finding> RosterDeadlineFinding(const YearSnapshot& report, BodyKind kind, std::string_view deadline) {
  if (report.year == 0) return std::nullopt;
  if (deadline.size() == 5) {  // MM-DD: the registry's own deadline for this body
    return LateFinding(report.published_date, report.signed_date,
                       PublicationDeadline{std::to_string(report.year + 1) + "-" + std::string(deadline), "名录规定的发布期限"});
  }
  return LateFinding(report.published_date, report.signed_date, report.year, kind,
                     std::string("名录中该机关类别为") + BodyKindChinese(kind));
}

std::vector<std::vector<Finding>> CorpusFindings(const BodyHistory& body, const CorpusCheckOptions& options) {
  std::map<int, const YearSnapshot*> primary;
  for (const auto& s : body.reports) if (s.year) primary[s.year] = &s;
  std::vector<std::vector<Finding>> found(body.reports.size());
  for (size_t i = 0; i < body.reports.size(); ++i) {
    const YearSnapshot& s = body.reports[i];
    if (s.year) {
      auto prev = primary.find(s.year - 1);
      if (prev != primary.end()) found[i] = CrossYearFindings(*prev->second, s, options);
    }
    if (body.rostered && body.kind) {
      if (auto late = RosterDeadlineFinding(s, *body.kind, body.deadline)) found[i].push_back(std::move(*late));
    }
  }
  return found;
}

Result<void> RunCrossYearChecks(ReportHistory* history, std::vector<int64_t> ids, const CorpusCheckOptions& options,
                                unsigned threads) {
  if (ids.empty()) {
    auto all = history->BodiesWithReports();
    if (!all) return tl::unexpected(all.error());
    ids = std::move(*all);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (threads == 0) threads = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), 8));
  // Bodies are done in chunks: read (this thread), compute (the pool), write (one call per chunk).
  constexpr size_t kChunk = 256;
  for (size_t begin = 0; begin < ids.size(); begin += kChunk) {
    std::vector<BodyHistory> bodies;
    for (size_t k = begin; k < std::min(ids.size(), begin + kChunk); ++k) {
      auto body = history->LoadBody(ids[k]);
      if (!body) return tl::unexpected(body.error());
      bodies.push_back(std::move(*body));
    }
    std::vector<std::vector<std::vector<Finding>>> found(bodies.size());
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < std::min<size_t>(threads, bodies.size()); ++t) {
      pool.emplace_back([&] {
        for (size_t i = next++; i < bodies.size(); i = next++) found[i] = CorpusFindings(bodies[i], options);
      });
    }
    for (auto& t : pool) t.join();
    if (auto saved = history->SaveCorpusFindings(bodies, found); !saved) return saved;
  }
  return {};
}

}  // namespace xxgk
