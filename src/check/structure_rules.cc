// C14, C15, S1, S3: sections and tables present, in order, titled and numbered as in the template, and
// a format version that fits the year reported on.
#include <string>

#include "check/checker.h"
#include "core/normalize.h"
#include "schema/ids.h"

namespace xxgk {
namespace {

const char* kSectionNo[] = {"一", "二", "三", "四", "五", "六"};

bool IsEmptyOrNone(std::string_view text) {
  if (text.size() > 60) return false;  // more than a few words
  std::string n = Normalize(text);
  // Drop sentence punctuation.
  for (std::string_view p : {"。", ".", ";", "；"}) {
    size_t i;
    while ((i = n.find(p)) != std::string::npos) n.erase(i, p.size());
  }
  return n.empty() || n == "无" || n == "无。" || n == "暂无" || n == "没有";
}

}  // namespace

void CheckStructure(Report* report) {
  const FormatSpec* f = report->format;
  if (!f) {
    Finding fd = MakeFinding(Rule::kC15);
    fd.message = "没有找到统计表（表二、表三、表四），也无法从报告年度判断所用格式；请确认报告是否完整。";
    fd.at = report->title_at;
    report->findings.push_back(std::move(fd));
    return;
  }
  if (!f->has_tables) {
    // A report of the years before the national format (2008 条例): S3 when its year is one of a format's.
    const FormatSpec* due = report->year ? FormatForYear(*report->year) : nullptr;
    if (due && due->has_tables) {
      Finding fd = MakeFinding(Rule::kS3);
      fd.message = "报告年度为" + std::to_string(*report->year) +
                   "年，但内容是2019年以前的旧式年报（无统一格式的统计表）。2019年起应使用国家统一的年度报告格式。";
      fd.at = report->title_at;
      report->findings.push_back(std::move(fd));
    }
    return;
  }
  const FormatSpec& base = LatestFormat();
  // C15: every section, in order.
  int last_index = -1;
  for (size_t s = 0; s < base.sections.size(); ++s) {
    const SectionDef& def = base.sections[s];
    const SectionFound* found = report->FindSection(def.key);
    if (!found) {
      Finding fd = MakeFinding(Rule::kC15);
      fd.message = "缺少第" + std::string(kSectionNo[s]) + "部分“" + def.no + "、" + def.title.text + "”。";
      fd.at = report->title_at;
      report->findings.push_back(std::move(fd));
      continue;
    }
    int idx = static_cast<int>(found - report->sections.data());
    if (idx < last_index) {
      Finding fd = MakeFinding(Rule::kC15);
      fd.message = "第" + std::string(kSectionNo[s]) + "部分“" + def.title.text + "”的位置不对：应排在前一部分之后。";
      fd.at = found->at;
      report->findings.push_back(std::move(fd));
    }
    last_index = std::max(last_index, idx);
    // S1: numbering and wording.
    if (!found->standard_number || !found->standard_title) {
      Finding fd = MakeFinding(Rule::kS1);
      std::string standard = def.no + "、" + def.title.text;
      if (!found->standard_number && found->standard_title) {
        fd.message = "第" + std::string(kSectionNo[s]) + "部分标题写作“" + found->title + "”，编号不规范，模板为“" + standard + "”。";
      } else {
        fd.message = "第" + std::string(kSectionNo[s]) + "部分标题写作“" + found->title + "”，与模板“" + standard + "”不一致。";
      }
      fd.at = found->at;
      report->findings.push_back(std::move(fd));
    }
  }
  // C14: sections 一 and 五 must say something.
  for (ids::SectionKey key : {ids::section::s1_overview, ids::section::s5_problems}) {
    const SectionFound* found = report->FindSection(key);
    if (found && !IsEmptyOrNone(found->text)) continue;
    Finding fd = MakeFinding(Rule::kC14);
    bool s1 = key.value == ids::section::s1_overview.value;
    std::string name = s1 ? "第一部分“总体情况”" : "第五部分“存在的主要问题及改进情况”";
    fd.message = name + (found ? "内容为空或只写“无”" : "缺失") + "，《条例》第五十条规定的内容不能遗漏。";
    fd.at = found ? found->at : report->title_at;
    report->findings.push_back(std::move(fd));
  }
  // C15: the three tables.
  if (f->has_tables) {
    static const char* kTableSection[] = {"第二部分", "第三部分", "第四部分"};
    for (int t = 0; t < kTableCount; ++t) {
      if (report->tables[t].present) continue;
      Finding fd = MakeFinding(Rule::kC15);
      fd.message = std::string("缺少") + TableChineseName(static_cast<TableId>(t)) + "，或未能在" + kTableSection[t] +
                   "中识别出该表的数字。";
      const SectionFound* sec = report->FindSection(base.sections[t + 1].key);
      fd.at = sec ? sec->at : report->title_at;
      report->findings.push_back(std::move(fd));
    }
  }
  // S3: format version against the year.
  if (report->year) {
    int y = *report->year;
    std::string msg;
    // The format the year requires comes from the formats' applies_to_years.
    const FormatSpec* due = FormatForYear(y);
    const bool mismatch = due && due != f;
    if (mismatch && due->has_tables && f->year_from > y) {
      msg = "报告年度为" + std::to_string(y) + "年，但表格采用" + f->name + "；该格式" + f->issued + "才印发，" +
            std::to_string(y) + "年度报告应使用" + due->name + "。请核对报告年度是否写错。";
    } else if (mismatch && due->has_tables && f->year_to < y) {
      std::string telltales;
      for (const std::string& t : f->telltales) telltales += "“" + t + "”";
      msg = "报告年度为" + std::to_string(y) + "年，应使用" + due->name + "，但表格仍是" + f->name +
            (telltales.empty() ? std::string() : "（如" + telltales + "）") + "。";
    }
    if (!msg.empty()) {
      Finding fd = MakeFinding(Rule::kS3);
      fd.message = msg;
      fd.at = report->tables[0].present ? report->tables[0].at : report->title_at;
      report->findings.push_back(std::move(fd));
    }
  }
}

}  // namespace xxgk
