#include "render/synth.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <random>

#include "core/json_dump.h"
#include "render/random_report.h"
#include "schema/ids.h"

namespace xxgk {
namespace {

std::string RuleId(Rule r) { return std::string(InfoOf(r).id); }

// The defects, each with the rules that must find it.
enum class Defect { kNone, kRowSum, kReviewSum, kBalance, kBlank, kNoFeeStatement, kEmptyProblems, kLate, kWrongFormat };

constexpr std::array<Defect, 8> kDefects = {Defect::kRowSum, Defect::kReviewSum, Defect::kBalance, Defect::kBlank,
                                            Defect::kNoFeeStatement, Defect::kEmptyProblems, Defect::kLate, Defect::kWrongFormat};

void Bump(Report* r, ids::CellId id, double by) {
  int idx = r->format->CellIndex(id);
  r->cells[idx].value += by;
}

}  // namespace

SynthReport MakeSynthReport(uint64_t seed, size_t index, double defect_share) {
  std::mt19937_64 rng(seed * 1000003 + index);
  SynthReport s;
  RandomReportOptions o;
  o.year = 2019 + static_cast<int>(rng() % 6);  // 2019–2024: both formats
  o.agency = RandomAgency(rng());
  s.report = RandomReport(rng(), o);
  Report& r = s.report;
  Defect d = std::uniform_real_distribution<double>(0, 1)(rng) < defect_share ? kDefects[rng() % kDefects.size()] : Defect::kNone;
  switch (d) {
    case Defect::kNone: break;
    case Defect::kRowSum:  // one applicant cell of 予以公开 one too high: its row total and its column total disagree
      Bump(&r, ids::cell::t3_granted_natural_person, 1);
      s.defect = "表三“予以公开/自然人”多计1";
      s.expected_rules = {RuleId(Rule::kC2), RuleId(Rule::kC3)};
      break;
    case Defect::kReviewSum:
      Bump(&r, ids::cell::t4_review_upheld, 1);
      s.defect = "表四“行政复议/结果维持”多计1";
      s.expected_rules = {RuleId(Rule::kC4)};
      break;
    case Defect::kBalance:  // 结转下年度 one too high in a column and its total: C1 fails, rows still add up
      Bump(&r, ids::cell::t3_carried_forward_natural_person, 1);
      Bump(&r, ids::cell::t3_carried_forward_total, 1);
      s.defect = "表三“结转下年度/自然人”多计1（勾稽关系不平）";
      s.expected_rules = {RuleId(Rule::kC1)};
      break;
    case Defect::kBlank: {
      int idx = r.format->CellIndex(ids::cell::t3_denied_state_secret_other_org);
      if (r.cells[idx].value != 0) {  // blank a zero cell only, so the arithmetic still holds
        s.report = RandomReport(rng(), o);
        return MakeSynthReport(seed + 7, index, 0);
      }
      r.cells[idx].state = CellState::kBlank;
      s.defect = "表三有单元格以“/”代替数字";
      s.expected_rules = {RuleId(Rule::kC5)};
      break;
    }
    case Defect::kNoFeeStatement:
      if (r.format->CellIndex(ids::cell::t3_other_fee_unpaid_total) < 0) return MakeSynthReport(seed + 11, index, 0);
      for (auto& sec : r.sections) if (sec.key == ids::section::s6_other.value) sec.text = "无。";
      s.defect = "第六部分未说明信息处理费";
      s.expected_rules = {RuleId(Rule::kC12)};
      break;
    case Defect::kEmptyProblems:
      for (auto& sec : r.sections) if (sec.key == ids::section::s5_problems.value) sec.text = "无";
      s.defect = "第五部分只写“无”";
      s.expected_rules = {RuleId(Rule::kC14)};
      break;
    case Defect::kLate:
      r.signed_date = std::to_string(*r.year + 1) + "-04-15";
      s.defect = "落款日期晚于法定期限";
      s.expected_rules = {RuleId(Rule::kD1)};
      break;
    case Defect::kWrongFormat: {  // a 2021-format report on 2019/2020, or the trial format on a later year
      int year = *r.year;
      RandomReportOptions other = o;
      other.year = year <= 2020 ? 2022 : 2020;
      Report body = RandomReport(rng(), other);
      body.year = year;
      body.agency = r.agency;
      body.signed_date = r.signed_date;
      r = std::move(body);
      s.defect = "报告格式与年度不符";
      s.expected_rules = {RuleId(Rule::kS3)};
      break;
    }
  }
  return s;
}

Result<SynthFile> MakeSynthFile(const SynthOptions& options, size_t index) {
  if (options.formats.empty()) return MakeError(ErrorCode::kInvalidArgument, "没有指定输出格式");
  SynthReport s = MakeSynthReport(options.seed, index, options.defect_share);
  RenderFormat f = options.formats[index % options.formats.size()];
  auto bytes = RenderReport(s.report, f);
  if (!bytes) return tl::unexpected(bytes.error());
  char stem[32];
  std::snprintf(stem, sizeof stem, "synth_%06zu", index);
  SynthFile file;
  file.name = std::string(stem) + "." + RenderExtension(f);
  file.bytes = std::move(*bytes);
  file.expected_name = std::string(stem) + ".expected.json";
  nlohmann::json expect = {{"agency", *s.report.agency},
                           {"year", *s.report.year},
                           {"format", s.report.format_id},
                           {"defect", s.defect.empty() ? nlohmann::json() : nlohmann::json(s.defect)},
                           {"expected_rules", s.expected_rules}};
  file.expected_json = DumpJson(expect, 2) + "\n";
  return file;
}

}  // namespace xxgk
