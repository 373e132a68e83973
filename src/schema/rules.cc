#include "schema/rules.h"

#include <array>

namespace xxgk {
namespace {

using R = Rule;
constexpr Severity kE = Severity::kError, kW = Severity::kWarning, kI = Severity::kInfo;
constexpr RuleScope kOne = RuleScope::kReport, kAll = RuleScope::kCorpus, kReg = RuleScope::kLedger;

// The registry. Order and ids are stable: they are the contract's rule ids (spec/report-json.md).
constexpr std::array kRules = {
    RuleInfo{R::kC1, "C1", kE, kOne, "表三收支不平衡",
             "核对表三每一栏：本年新收申请数 + 上年结转数应等于办理结果总计 + 结转下年度继续办理数。",
             "表三 per column: 一 + 二 = （七）总计 + 四 (the template's note cell)", "`formats/*.json` arithmetic"},
    RuleInfo{R::kC2, "C2", kE, kOne, "表三行合计不符",
             "按行核对表三：“总计”栏应等于自然人与各类法人或其他组织各栏之和。",
             "表三 per row: 总计 = 自然人 + the five 法人或其他组织 columns", "arithmetic"},
    RuleInfo{R::kC3, "C3", kE, kOne, "表三办理结果合计不符",
             "核对表三“（七）总计”行：应等于各项办理结果之和。",
             "表三 per column: （七）总计 = sum of the outcome rows (21 in gov2021, 19 in gov2019trial)", "arithmetic"},
    RuleInfo{R::kC4, "C4", kE, kOne, "表四合计不符",
             "核对表四行政复议、行政诉讼各栏：总计应等于结果维持、结果纠正、其他结果与尚未审结之和。",
             "表四 per block: 总计 = 维持 + 纠正 + 其他 + 尚未审结", "arithmetic"},
    RuleInfo{R::kC5, "C5", kW, kOne, "单元格空白、为负数或小数",
             "没有发生的事项填“0”，不要留空或写“/”“无”；件数应为非负整数。",
             "blank cells (\"/\", \"—\", \"无\", empty), negative counts, fractional counts", "`check/arithmetic_rules.cc`"},
    RuleInfo{R::kC6, "C6", kW, kAll, "上年结转与上年报告不一致",
             "本年“上年结转政府信息公开申请数量”应等于上年报告的“结转下年度继续办理”；确有调整的，请在报告中说明原因。",
             "表三, per column: this year's 上年结转 equals the same body's 结转下年度 of the year before (one finding per "
             "column that differs; legitimate breaks — 机构改革, corrected figures — should be explained in the report)",
             "`check/cross_year.cc`"},
    RuleInfo{R::kC7, "C7", kI, kAll, "现行有效件数与上年衔接不上",
             "核对现行有效件数：应等于上年现行有效件数加本年制发、减本年废止；文件自然失效的，请在报告中说明。",
             "gov2021 表二, 规章 and 行政规范性文件: 现行有效件数 = last year's + 本年制发 − 本年废止; info for small "
             "deviations (documents lapse without a formal 废止), warning beyond 5 documents and 20%",
             "`check/cross_year.cc`"},
    RuleInfo{R::kC8, "C8", kW, kOne, "现行有效件数少于本年净增",
             "核对表二：现行有效件数不应少于本年制发件数减本年废止件数。",
             "gov2021: 现行有效件数 ≥ 本年制发件数 − 本年废止件数", "arithmetic"},
    RuleInfo{R::kC9, "C9", kW, kOne, "对外公开总数量少于本年新公开数量",
             "核对表二：对外公开总数量不应少于本年新公开数量。",
             "gov2019trial: 对外公开总数量 ≥ 本年新公开数量", "arithmetic"},
    RuleInfo{R::kC10, "C10", kI, kAll, "上一年项目数量与上年衔接不上",
             "核对表二：上一年项目数量应等于上年报告的数量加本年增减。",
             "gov2019trial, 2019 → 2020: 表二 上一年项目数量 = last year's 上一年项目数量 + 本年增/减 "
             "(第二十条第（五）（六）（八）项, per row); weak, so for information only",
             "`check/cross_year.cc`"},
    RuleInfo{R::kC11, "C11", kE, kOne, "有逾期未缴费但未说明收费",
             "表三填有“逾期未按收费通知要求缴纳费用”的，第六部分应说明发出收费通知和收取信息处理费的情况。",
             "表三 “逾期未按收费通知要求缴纳费用” > 0 but section 六 reports no fee notice, or says none",
             "`check/narrative_rules.cc`"},
    RuleInfo{R::kC12, "C12", kW, kOne, "未说明信息处理费收取情况",
             "在第六部分写明本年度收取信息处理费的情况（未收取的写明“未收取”）。",
             "gov2021 (years ≥ 2021): section 六 has no statement on 信息处理费", "narrative_rules"},
    RuleInfo{R::kC13, "C13", kW, kOne, "正文数字与表格不一致",
             "核对第一部分正文中的数字与统计表，改正其中错误的一方。",
             "numbers in section 一 (applications received / handled / carried forward, 行政许可 and 行政处罚 "
             "decisions, review and litigation cases, applications denied) disagree with the tables",
             "narrative_rules"},
    RuleInfo{R::kC14, "C14", kW, kOne, "第一或第五部分缺失或为空",
             "补写“总体情况”或“存在的主要问题及改进情况”，不能只写“无”。",
             "section 一 or 五 missing, empty or only “无”", "`check/structure_rules.cc`"},
    RuleInfo{R::kC15, "C15", kE, kOne, "部分或表格缺失、顺序错误",
             "按国办公开办函〔2021〕30号的格式补齐六个部分和三张统计表，并按规定顺序排列。",
             "a section or table missing or out of order; no table at all", "structure_rules"},
    RuleInfo{R::kS1, "S1", kW, kOne, "部分编号或标题与模板不同",
             "按模板使用“一、”至“六、”的编号和规定的标题。",
             "a section numbered (\"3、\") or titled other than the template", "structure_rules"},
    RuleInfo{R::kS2, "S2", kI, kOne, "表格标签或单位与模板不同",
             "按模板使用规定的行列名称和计量单位（万元）。",
             "a row/column label deviates from the template (社会组织, 其他法律法规禁止公开, typos — not mere line "
             "wraps); amounts given in 元 or 千元 (in the cell or the column header) converted to 万元, the unit as "
             "printed kept in `cells_at`; a 2021 report printing the trial format's single （六）其他处理 row (all "
             "zero: the sub-rows are 0)",
             "`extract/table_findings.cc`"},
    RuleInfo{R::kS3, "S3", kE, kOne, "格式版本与年度不符",
             "2021 年及以后的年度报告使用国办公开办函〔2021〕30号的新格式；2019、2020 年度使用试行格式。",
             "format version does not match the year (2021 format for 2019–2020, trial format for ≥ 2021, old-style "
             "report for ≥ 2019)",
             "structure_rules"},
    RuleInfo{R::kS4, "S4", kI, kOne, "版式损坏，已按说明的读法修复",
             "发布时保留表格结构（不要把表格转成一格一行或去掉分隔），并核对修复后的数字。",
             "layout damaged and repaired: row labels lost and recovered by row order; stray numbers standing for "
             "lost group labels; short rows read under a damage model (digits run together, equal adjacent cells "
             "printed once, cells lost), each with its reading and what decided it (the row's identity, identities "
             "with other rows, the narrative's numbers, or the only reading); cells on which every possible reading "
             "agrees; Traditional script converted; undecodable bytes",
             "`extract/table_findings.cc`, `extract/damage_models.cc`, pipeline"},
    RuleInfo{R::kD1, "D1", kW, kOne, "逾期发布",
             "按《条例》第四十九条的时限发布：部门 1 月 31 日前，政府 3 月 31 日前。",
             "published (or signed) after the deadline of 条例第四十九条: departments 1月31日, governments 3月31日, "
             "reports on ≤ 2018: 3月31日; townships have none. In the store, for a body in the roster (`xxgk agency "
             "roster FILE`, `xxgk missing --roster FILE`), the deadline follows the roster's kind of body instead of "
             "the guess from the name",
             "`check/date_rules.cc`, `check/cross_year.cc`"},
    RuleInfo{R::kD2, "D2", kW, kOne, "年度不一致",
             "核对标题年度、统计期和落款日期。",
             "the title's year disagrees with the statistics period, or the signature year is neither N nor N+1",
             "date_rules"},
    RuleInfo{R::kM1, "M1", kW, kOne, "网页标注的年度与报告不一致",
             "核对网页标题（栏目发布信息）与报告标题中的年度。",
             "*(xxgk)* the page's article meta tags (ArticleTitle) name another year than the report's own title; the "
             "report's own is kept",
             "`extract/metadata.cc`"},
    RuleInfo{R::kE1, "E1", kW, kOne, "表格有行未能识别",
             "这些单元格未能从文件中可靠读出，已留空；请对照原件核对，或提供版式完好的文件。",
             "*(xxgk)* a table row could not be recovered from the document: a short row with several readings (the "
             "candidates are listed) or none, a damage no row of the document establishes, cells lost, rows without "
             "labels whose positions are not sure, a full row that breaks its own arithmetic in a damaged document, "
             "or a collapsed （六）其他处理 row that is not zero; those cells are null",
             "`extract/table_findings.cc`"},
    RuleInfo{R::kR1, "R1", kW, kAll, "与上年报告大段重复",
             "按本年度实际情况重写“总体情况”“存在的主要问题及改进情况”和“其他需要报告的事项”。",
             "sections 一/五/六 repeat the body's previous report: the share of this year's characters covered by "
             "8-character shingles (digits folded, so changed counts do not hide a copy) that also occur last year; "
             "threshold 50% (`--r1-threshold`), texts under 200 characters not compared; the message gives the share "
             "and up to three repeated passages",
             "`check/cross_year.cc`"},
    RuleInfo{R::kA1, "A1", kE, kReg, "逾期答复",
             "尽快答复申请人；今后在收到申请之日起 20 个工作日内答复，需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长不超过 20 个工作日。",
             "an application replied after its deadline, or still open after it: 20 working days from receipt (条例第三十三条), "
             "from the receipt of the 补正 when one was asked for (第三十条), third-party consultation not counted (第三十二条), "
             "plus an approved 延期 of at most 20 working days, or the office's own deadline under 第三十五条; working days follow "
             "the official holiday calendar (chinese-days)", "`ledger/deadlines.cc`"},
    RuleInfo{R::kA2, "A2", kE, kReg, "延期不合规",
             "延期答复须在原答复期限届满前经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日。",
             "a 延期 of more than 20 working days, or approved after the original deadline had passed (条例第三十三条第二款)",
             "`ledger/deadlines.cc`"},
    RuleInfo{R::kA3, "A3", kE, kReg, "信息处理费与收费标准不符",
             "按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的按件或按量标准核对收费，只能选择一种方式计收。",
             "a fee above nothing that differs from its tier: 按件 by the applicant's count in the calendar month (≤10 free, 11–30 "
             "100 元/件, then +100 元 for each further 10), 按量 by pages (≤30 free, 31–100 10 元/页, 101–200 20 元/页, above 40 元/页); "
             "a fee with no method. A fee below the tier is a waiver (减免) and not flagged", "`ledger/fees.cc`"},
    RuleInfo{R::kA4, "A4", kE, kReg, "报告表三与台账不一致",
             "以台账为准核对报告表三、表四的数字，改正其中错误的一方。",
             "a cell of the published report's table 3 or 4 that differs from the count computed from the body's register for "
             "the same year; the message lists the applications counted", "`ledger/tables.cc`"},
    RuleInfo{R::kA5, "A5", kW, kReg, "台账日期前后矛盾",
             "核对台账中这件申请的日期：答复不应早于收到申请，补正不应早于告知补正，征求意见结束不应早于开始。",
             "an application's dates out of order: a reply before its receipt, a 补正 received before it was asked for, a "
             "consultation that ends before it starts, an outcome without a reply date", "`ledger/deadlines.cc`"},
};

constexpr bool RegistryInOrder() {
  for (size_t i = 0; i < kRules.size(); ++i) {
    if (static_cast<size_t>(kRules[i].rule) != i) return false;
  }
  return true;
}
static_assert(RegistryInOrder(), "kRules must list every Rule in the enum's order");
static_assert(kRules.size() == static_cast<size_t>(Rule::kCount), "every Rule has an entry");

}  // namespace

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "info";
}

const char* SeverityChinese(Severity s) {
  switch (s) {
    case Severity::kError: return "错误";
    case Severity::kWarning: return "警告";
    case Severity::kInfo: return "提示";
  }
  return "提示";
}

Severity SeverityFromName(std::string_view name) {
  if (name == "error") return Severity::kError;
  if (name == "warning") return Severity::kWarning;
  return Severity::kInfo;
}

std::span<const RuleInfo> AllRules() { return kRules; }

const RuleInfo& InfoOf(Rule rule) { return kRules[static_cast<size_t>(rule)]; }

const RuleInfo* FindRule(std::string_view id) {
  for (const RuleInfo& r : kRules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace xxgk
