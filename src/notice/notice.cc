#include "notice/notice.h"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>

#include "render/render.h"
#include "render/table_grid.h"
#include "store/review.h"
#include "store/supervision.h"

namespace xxgk {
namespace {

using nlohmann::json;

std::string Int(const json& v) { return v.is_number() ? std::to_string(static_cast<int64_t>(std::llround(v.get<double>()))) : "—"; }

std::string Percent(const json& rate) {
  if (!rate.is_object() || !rate["value"].is_number()) {
    return rate.is_object() && rate["reason"].is_string() ? "—（" + rate["reason"].get<std::string>() + "）" : "—";
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f%%（%s/%s）", rate["value"].get<double>() * 100, Int(rate["numerator"]).c_str(),
                Int(rate["denominator"]).c_str());
  return buf;
}

std::string Points(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", p);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

json TextCell(std::string text, const json& report_id = nullptr) {
  json c = {{"text", std::move(text)}};
  if (report_id.is_number_integer()) c["report_id"] = report_id;
  return c;
}

json Table(std::string name, std::vector<std::string> header, json rows) {
  return {{"name", std::move(name)}, {"header", std::move(header)}, {"rows", std::move(rows)}};
}

const char* TierChinese(const json& tier) {
  if (tier == "red") return "红";
  if (tier == "yellow") return "黄";
  return "";
}

// The notice as sections of paragraphs and tables, which every renderer draws.
json NoticeSections(const json& n) {
  json sections = json::array();
  const json& c = n["coverage"]["counts"];
  const json& rates = n["coverage"]["rates"];
  const std::string scope = n["under"].is_object() ? n["under"]["name"].get<std::string>() + "及其下级" : "名录内";
  // 一、总体情况
  {
    std::string p = "截至" + ChineseDate(n["date"].get<std::string>()) + "，" + scope + "应发布" + Int(n["year"]) + "年度政府信息公开工作年度报告的机关共 " +
                    Int(c["due"]) + " 个，已发布 " + Int(c["published"]) + " 个，发布率 " + Percent(rates["published"]) + "。其中按时发布 " +
                    Int(c["on_time"]) + " 个，逾期发布 " + Int(c["late"]) + " 个，发布日期不详 " + Int(c["timing_unknown"]) + " 个；未发布 " +
                    Int(c["missing"]) + " 个（其中已过发布期限 " + Int(c["missing_overdue"]) + " 个）；报告无法解析 " + Int(c["unreadable"]) + " 个。";
    const json& pc = n["previous_coverage"]["counts"];
    if (pc.value("due", 0) > 0) {
      p += "上年（" + Int(n["year"].get<int>() - 1) + "年度）应发布 " + Int(pc["due"]) + " 个，已发布 " + Int(pc["published"]) + " 个，发布率 " +
           Percent(n["previous_coverage"]["rates"]["published"]) + "。";
    }
    json rows = json::array();
    for (const auto& g : n["coverage"]["groups"]) {
      const json& k = g["counts"];
      rows.push_back({TextCell(g["name"]), TextCell(Int(k["due"])), TextCell(Int(k["published"])), TextCell(Int(k["late"])), TextCell(Int(k["missing"])),
                      TextCell(Int(k["unreadable"])), TextCell(Int(k["with_errors"]))});
    }
    sections.push_back({{"heading", "一、总体情况"}, {"paragraphs", {p}},
                        {"tables", {Table("按下级汇总", {"单位", "应发布", "已发布", "逾期", "未发布", "无法解析", "有错误"}, rows)}}});
  }
  // 二、逾期发布和未发布
  {
    json rows = json::array();
    for (const auto& b : n["coverage"]["bodies"]) {
      const std::string s = b["status"];
      if (s != "published_late" && s != "missing") continue;
      rows.push_back({TextCell(b["name"], b.value("report_id", json())), TextCell(b["parent"].is_string() ? b["parent"].get<std::string>() : "—"),
                      TextCell(b["status_zh"]), TextCell(b["deadline"].is_string() ? b["deadline"].get<std::string>() : "—"),
                      TextCell(b.value("published_date", json()).is_string() ? b["published_date"].get<std::string>() : "—")});
    }
    const std::string p = rows.empty() ? "所有机关均已按时发布或尚未到发布期限。"
                                       : "以下 " + std::to_string(rows.size()) + " 个机关逾期发布或已过期限仍未发布，请于收到本通报后尽快发布或说明情况。";
    sections.push_back({{"heading", "二、逾期发布和未发布的机关"}, {"paragraphs", {p}},
                        {"tables", rows.empty() ? json::array() : json::array({Table("逾期和未发布", {"机关", "上级机关", "情况", "发布期限", "发布日期"}, rows)})}});
  }
  // 三、评分与排名
  {
    const json& s = n["scores"];
    json rows = json::array();
    for (const auto& b : s["bodies"]) {
      std::string why;
      for (const auto& item : b["items"]) {
        if (!why.empty()) why += "；";
        why += item["what"].get<std::string>() + " −" + Points(item["points"].get<double>());
      }
      rows.push_back({TextCell(Int(b["rank"])), TextCell(b["name"], b["report_id"]), TextCell(Points(b["score"].get<double>())),
                      TextCell(Points(b["deducted"].get<double>())), TextCell(why.empty() ? "—" : why)});
    }
    const std::string p = "按“" + s["pack"]["name"].get<std::string>() + "”评分，满分 " + Points(s["pack"]["base"].get<double>()) + " 分。" +
                          s["pack"]["source"].get<std::string>() + "经审核不予认定的问题不扣分。";
    sections.push_back({{"heading", "三、评分与排名"}, {"paragraphs", {p}},
                        {"tables", {Table("排名", {"名次", "机关", "得分", "扣分", "扣分事项"}, rows)}}});
  }
  // 四、常见问题
  {
    json rows = json::array();
    for (const auto& pr : n["problems"]) {
      rows.push_back({TextCell(pr["rule"]), TextCell(pr["title"]), TextCell(Int(pr["reports"])), TextCell(pr["example"]["agency"], pr["example"]["report_id"]),
                      TextCell(pr["example"]["message"])});
    }
    const std::string p = rows.empty() ? "已发布的报告未发现统计表勾稽、格式或期限方面的问题。"
                                       : "已发布报告中最常见的问题如下（每类举一例；经审核不予认定的不计）。";
    sections.push_back({{"heading", "四、常见问题"}, {"paragraphs", {p}},
                        {"tables", rows.empty() ? json::array() : json::array({Table("常见问题", {"规则", "问题", "涉及报告", "示例机关", "示例"}, rows)})}});
  }
  // 五、主要指标
  {
    json rows = json::array();
    for (const auto& ind : n["indicators"]["indicators"]) {
      std::string red;
      for (const auto& b : ind.value("bodies", json::array())) {
        if (b["tier"] == "red") red += (red.empty() ? "" : "、") + b["name"].get<std::string>();
      }
      rows.push_back({TextCell(ind["name"]), TextCell(Percent(ind["total"])), TextCell(Percent(ind["previous"])), TextCell(TierChinese(ind["total"]["tier"])),
                      TextCell(red.empty() ? "—" : red)});
    }
    const std::string p = "比率按各机关统计表的单元格汇总计算（分子、分母均为件数），办结件数不足 " + Int(n["indicators"]["min_cases"]) +
                          " 件的不计算比率。";
    sections.push_back({{"heading", "五、主要指标"}, {"paragraphs", {p}},
                        {"tables", {Table("主要指标", {"指标", Int(n["year"]) + "年度", Int(n["year"].get<int>() - 1) + "年度", "档次", "处于红档的机关"}, rows)}}});
  }
  // 六、整改事项
  {
    json rows = json::array();
    for (const auto& x : n["items"]) {
      rows.push_back({TextCell(x["agency"], x["report_id"]), TextCell(x["rule"].get<std::string>() + " " + x["message"].get<std::string>()), TextCell(x["due"]),
                      TextCell(x["overdue"].get<bool>() ? "已逾期" : "整改中")});
    }
    const std::string p = rows.empty() ? "没有未完成的整改事项。"
                                       : "以下 " + std::to_string(rows.size()) + " 项经审核确认的问题尚未整改完成，请相关机关在期限内改正并重新发布报告。";
    sections.push_back({{"heading", "六、整改事项"}, {"paragraphs", {p}},
                        {"tables", rows.empty() ? json::array() : json::array({Table("整改事项", {"机关", "问题", "整改期限", "状态"}, rows)})}});
  }
  return sections;
}

Grid GridOf(const json& t) {
  Grid g;
  g.title = t["name"];
  g.cols = static_cast<int>(t["header"].size());
  g.rows = 1 + static_cast<int>(t["rows"].size());
  for (int c = 0; c < g.cols; ++c) {
    GridCell h;
    h.text = t["header"][c];
    h.col = c;
    h.header = true;
    g.cells.push_back(h);
  }
  int r = 1;
  for (const auto& row : t["rows"]) {
    for (int c = 0; c < g.cols; ++c) {
      GridCell cell;
      cell.text = row[c]["text"];
      cell.row = r;
      cell.col = c;
      g.cells.push_back(cell);
    }
    ++r;
  }
  // The widest column (the text) gets the most room.
  for (int c = 0; c < g.cols; ++c) {
    size_t longest = t["header"][c].get<std::string>().size();
    for (const auto& row : t["rows"]) longest = std::max(longest, row[c]["text"].get<std::string>().size());
    g.widths.push_back(static_cast<int>(std::clamp<size_t>(longest, 6, 60)));
  }
  return g;
}

}  // namespace

Result<json> NoticeData(store::Store* store, const NoticeOptions& o) {
  // Each year is read once: its coverage, tables and findings feed every part.
  auto year = store::LoadYear(store, o.query);
  if (!year) return tl::unexpected(year.error());
  store::CoverageQuery prev = o.query;
  prev.year = o.query.year - 1;
  auto before = store::LoadYear(store, prev);
  if (!before) return tl::unexpected(before.error());
  json cov = store::CoverageOf(**year);
  const json& prev_cov = store::CoverageOf(**before);
  json indicators = store::IndicatorsOf(**year, **before, o.indicators_pack);
  json scores = store::ScoresOf(**year, o.scoring_pack, indicators);
  json problems = store::CommonProblemsOf(**year);
  if (problems.size() > o.problems) problems.erase(problems.begin() + static_cast<long>(o.problems), problems.end());
  // Open items of the bodies covered.
  store::RectificationFilter f;
  f.year = o.query.year;
  f.status = "open";
  std::vector<int64_t> bodies;
  for (const auto& b : cov["bodies"]) bodies.push_back(b["agency_id"].get<int64_t>());
  f.bodies = bodies;
  auto items = store::ListRectifications(store, f, o.query.today);
  if (!items) return tl::unexpected(items.error());
  for (auto& x : *items) x.erase("events");
  json n = {{"title", (o.issuer.empty() ? std::string() : o.issuer + "") + "关于" + std::to_string(o.query.year) + "年度政府信息公开工作年度报告发布情况的通报"},
            {"year", o.query.year}, {"date", o.query.today}, {"under", cov["under"]}, {"issuer", o.issuer},
            {"coverage", std::move(cov)}, {"previous_coverage", {{"counts", prev_cov["counts"]}, {"rates", prev_cov["rates"]}}},
            {"scores", std::move(scores)}, {"problems", std::move(problems)}, {"indicators", std::move(indicators)},
            {"items", std::move(*items)}, {"link_base", o.link_base}};
  n["sections"] = NoticeSections(n);
  return n;
}

std::string NoticeHtml(const json& n) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>";
  AppendXmlEscaped(n["title"].get<std::string>(), &out);
  out += "</title><style>body{font-family:\"SimSun\",\"Songti SC\",serif;max-width:60em;margin:2em auto;line-height:1.7}"
         "h1{text-align:center;font-size:1.5em}h2{font-size:1.15em}table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em}"
         "th,td{border:1px solid #333;padding:.25em .5em;font-size:.95em;vertical-align:top}th{background:#f0f0f0}"
         "p.date{text-align:right}</style></head><body>\n<h1>";
  AppendXmlEscaped(n["title"].get<std::string>(), &out);
  out += "</h1>\n";
  for (const auto& s : n["sections"]) {
    out += "<h2>";
    AppendXmlEscaped(s["heading"].get<std::string>(), &out);
    out += "</h2>\n";
    for (const auto& p : s["paragraphs"]) {
      out += "<p>";
      AppendXmlEscaped(p.get<std::string>(), &out);
      out += "</p>\n";
    }
    for (const auto& t : s["tables"]) {
      out += "<table><tr>";
      for (const auto& h : t["header"]) {
        out += "<th>";
        AppendXmlEscaped(h.get<std::string>(), &out);
        out += "</th>";
      }
      out += "</tr>\n";
      for (const auto& row : t["rows"]) {
        out += "<tr>";
        for (const auto& c : row) {
          out += "<td>";
          if (c.contains("report_id")) {
            out += "<a href=\"";
            AppendXmlEscaped(n["link_base"].get<std::string>() + std::to_string(c["report_id"].get<int64_t>()), &out);
            out += "\">";
            AppendXmlEscaped(c["text"].get<std::string>(), &out);
            out += "</a>";
          } else {
            AppendXmlEscaped(c["text"].get<std::string>(), &out);
          }
          out += "</td>";
        }
        out += "</tr>\n";
      }
      out += "</table>\n";
    }
  }
  out += "<p class=\"date\">";
  if (!n["issuer"].get<std::string>().empty()) {
    AppendXmlEscaped(n["issuer"].get<std::string>(), &out);
    out += "<br>";
  }
  AppendXmlEscaped(ChineseDate(n["date"].get<std::string>()), &out);
  out += "</p>\n</body></html>\n";
  return out;
}

Result<std::string> NoticeDocx(const json& n) {
  RenderPlan plan;
  plan.title = n["title"];
  for (const auto& s : n["sections"]) {
    RenderSection rs;
    rs.heading = s["heading"];
    for (const auto& p : s["paragraphs"]) rs.paragraphs.push_back(p);
    for (const auto& t : s["tables"]) rs.tables.push_back(GridOf(t));
    plan.sections.push_back(std::move(rs));
  }
  if (!n["issuer"].get<std::string>().empty()) plan.signature.push_back(n["issuer"]);
  plan.signature.push_back(ChineseDate(n["date"].get<std::string>()));
  return RenderDocx(plan);
}

namespace {

// Writes each table (name, header, rows of {text}) on a sheet of its own.
Result<void> WriteTables(const std::vector<json>& tables, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return MakeError(ErrorCode::kIoError, "无法创建 Excel 文件：" + path);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  {
    for (const auto& t : tables) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, t["name"].get<std::string>().c_str());
      if (!ws) continue;
      lxw_col_t col = 0;
      for (const auto& h : t["header"]) {
        worksheet_write_string(ws, 0, col, h.get<std::string>().c_str(), head);
        worksheet_set_column(ws, col, col, col == 0 ? 30 : 16, nullptr);
        ++col;
      }
      lxw_row_t row = 1;
      for (const auto& r : t["rows"]) {
        col = 0;
        for (const auto& c : r) {
          const std::string& text = c["text"].get_ref<const std::string&>();
          char* end = nullptr;
          const double v = std::strtod(text.c_str(), &end);
          if (!text.empty() && end && *end == '\0') {
            worksheet_write_number(ws, row, col, v, nullptr);
          } else {
            worksheet_write_string(ws, row, col, text.c_str(), nullptr);
          }
          ++col;
        }
        ++row;
      }
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return MakeError(ErrorCode::kIoError, std::string("写出 Excel 文件失败：") + lxw_strerror(err));
  return {};
}

}  // namespace

Result<void> WriteNoticeXlsx(const json& n, const std::string& path) {
  std::vector<json> tables;
  for (const auto& s : n["sections"]) {
    for (const auto& t : s["tables"]) tables.push_back(t);
  }
  return WriteTables(tables, path);
}

Result<void> WriteCoverageXlsx(const json& c, const std::string& path) {
  const json& k = c["counts"];
  json summary = json::array();
  for (const auto& [key, label] : std::vector<std::pair<const char*, const char*>>{
           {"due", "应发布"}, {"published", "已发布"}, {"on_time", "按时发布"}, {"late", "逾期发布"}, {"timing_unknown", "发布日期不详"},
           {"missing", "未发布"}, {"missing_overdue", "其中已过期限"}, {"unreadable", "无法解析"}, {"with_errors", "有错误"},
           {"review_pending", "待审核"}, {"reviewed", "已审核"}, {"rectifying", "需整改"}, {"rectified", "已整改"}}) {
    summary.push_back({TextCell(label), TextCell(Int(k[key]))});
  }
  for (const auto& [key, label] : std::vector<std::pair<const char*, const char*>>{
           {"published", "发布率"}, {"on_time", "按时率（发布日期可知的报告中）"}, {"with_errors", "有错误的报告占比"}}) {
    summary.push_back({TextCell(label), TextCell(Percent(c["rates"][key]))});
  }
  json groups = json::array();
  for (const auto& g : c["groups"]) {
    const json& n = g["counts"];
    groups.push_back({TextCell(g["name"]), TextCell(Int(n["due"])), TextCell(Int(n["published"])), TextCell(Int(n["late"])), TextCell(Int(n["missing"])),
                      TextCell(Int(n["unreadable"])), TextCell(Int(n["rectifying"]))});
  }
  json bodies = json::array();
  auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.is_number() ? Int(v) : std::string("—"); };
  for (const auto& b : c["bodies"]) {
    bodies.push_back({TextCell(b["name"]), TextCell(text(b["parent"])), TextCell(text(b["category_zh"])), TextCell(text(b["status_zh"])), TextCell(text(b["deadline"])),
                      TextCell(text(b.value("published_date", json()))), TextCell(text(b.value("errors", json()))), TextCell(text(b.value("review_zh", json()))),
                      TextCell(text(b.value("report_id", json())))});
  }
  return WriteTables({Table("汇总", {"项目", std::to_string(c["year"].get<int>()) + "年度"}, summary),
                      Table("按下级", {"单位", "应发布", "已发布", "逾期", "未发布", "无法解析", "需整改"}, groups),
                      Table("各机关", {"机关", "上级机关", "类别", "状态", "发布期限", "发布日期", "错误", "审核", "报告编号"}, bodies)},
                     path);
}

}  // namespace xxgk
