#include "ledger/draft.h"

#include "core/numbers.h"
#include "schema/ids.h"

namespace xxgk::ledger {
namespace {

std::string N(const Report& r, std::string_view cell) {
  const int i = r.format->CellIndex(cell);
  return i >= 0 && r.cells[i].state == CellState::kValue ? FormatNumber(r.cells[i].value) : "";
}

}  // namespace

Report DraftReport(const LedgerTables& tables, const std::string& agency, const std::string& signed_date) {
  Report r = tables.report;
  const FormatSpec& f = *r.format;
  const int year = *r.year;
  r.agency = agency;
  if (!signed_date.empty()) r.signed_date = signed_date;
  r.title = agency + std::to_string(year) + "年政府信息公开工作年度报告";
  const std::string received = N(r, T3CellId(ids::t3_row::new_received, ids::t3_col::total)),
                    over = N(r, T3CellId(ids::t3_row::carried_over, ids::t3_col::total)),
                    done = N(r, T3CellId(ids::t3_row::results_total, ids::t3_col::total)),
                    forward = N(r, T3CellId(ids::t3_row::carried_forward, ids::t3_col::total)),
                    review = N(r, T4CellId(ids::t4_block::review, ids::t4_col::total));
  const std::string direct = N(r, T4CellId(ids::t4_block::lit_direct, ids::t4_col::total)),
                    after = N(r, T4CellId(ids::t4_block::lit_after_review, ids::t4_col::total));
  const std::string todo = "【待填写】";
  for (const SectionDef& s : f.sections) {
    SectionFound out;
    out.key = s.key;
    out.title = s.no + "、" + s.title.text;
    if (s.key == ids::section::s1_overview) {
      out.text = todo + "本机关" + std::to_string(year) + "年政府信息公开工作的总体情况。";
      if (!received.empty()) {
        out.text += "\n（四）依申请公开。本年度新收政府信息公开申请" + received + "件，上年结转" + over + "件，办结" + done +
                    "件，结转下年度继续办理" + forward + "件。";
      }
    } else if (s.key == ids::section::s3_requests) {
      out.text = "";
    } else if (s.key == ids::section::s4_review_litigation) {
      if (!review.empty()) {
        out.text = "本年度因政府信息公开工作被申请行政复议" + review + "件，被提起行政诉讼" +
                   FormatNumber(std::stod(direct.empty() ? "0" : direct) + std::stod(after.empty() ? "0" : after)) + "件。";
      }
    } else if (s.key == ids::section::s6_other) {
      out.text = tables.fees_charged_yuan > 0
                     ? "本年度按照《政府信息公开信息处理费管理办法》收取信息处理费" + FormatNumber(tables.fees_charged_yuan) + "元。"
                     : "本年度未收取信息处理费。";
      const std::string unpaid = N(r, T3CellId(ids::t3_row::other_fee_unpaid, ids::t3_col::total));
      if (!unpaid.empty() && unpaid != "0") out.text += "本年度发出收费通知，申请人逾期未缴纳费用的" + unpaid + "件。";
      out.text += "\n" + todo + "其他需要报告的事项。";
    } else {
      out.text = todo + s.title.text + "。";
    }
    r.sections.push_back(std::move(out));
  }
  return r;
}

}  // namespace xxgk::ledger
