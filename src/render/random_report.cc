#include "render/random_report.h"
#include "schema/ids.h"

#include <array>
#include <random>

namespace xxgk {
namespace {

constexpr std::array<const char*, 12> kRegions = {"东城区", "西城区", "朝阳区", "海淀区", "清河县", "长安区",
                                                  "新华区", "桥西区", "滨海新区", "高陵区", "安宁市", "泾县"};
constexpr std::array<const char*, 12> kBodies = {"卫生健康委员会", "教育局", "民政局", "财政局", "自然资源局", "生态环境局",
                                                 "交通运输局", "水利局", "商务局", "文化和旅游局", "人民政府办公室", "司法局"};

// Sentences without numbers, so that the narrative never contradicts the tables.
constexpr std::array<const char*, 8> kOverview = {
    "本机关坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "进一步健全政务公开工作机制，明确分管领导和具体工作人员，压实工作责任。",
    "围绕群众关切，及时发布政策文件、工作动态和办事指南，做好政策解读和回应关切。",
    "规范依申请公开办理流程，严格按照法定时限答复，切实保障人民群众的知情权、参与权和监督权。",
    "加强政府信息公开平台建设，优化网站栏目设置，提升信息发布的及时性和准确性。",
    "强化监督保障，将政务公开工作纳入年度考核，定期开展自查和业务培训。",
    "加强政府信息管理，严格落实公开前保密审查制度，动态更新政府信息公开目录。",
    "积极运用政务新媒体，拓宽信息传播渠道，增强政务公开的实效。"};
constexpr std::array<const char*, 6> kProblems = {
    "政策解读的形式还不够丰富，图解、视频等解读方式运用较少。",
    "部分信息发布的及时性有待提高，栏目内容更新不够均衡。",
    "工作人员业务能力有待进一步提升。",
    "下一步，将加强业务培训，提高政务公开工作人员的能力和水平。",
    "完善信息发布审核机制，确保信息发布准确、及时、规范。",
    "丰富政策解读形式，增强解读的针对性和可读性。"};
constexpr std::array<const char*, 3> kOther = {
    "本年度未收取信息处理费。",
    "本机关未发出收费通知，未收取信息处理费。",
    "本年度本机关未收取政府信息公开信息处理费。"};

template <size_t N>
std::string Pick(std::mt19937_64& rng, const std::array<const char*, N>& pool, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i) out += "\n";
    out += pool[rng() % N];
  }
  return out;
}

}  // namespace

std::string RandomAgency(uint64_t seed) {
  std::mt19937_64 rng(seed * 7919 + 17);
  return std::string(kRegions[rng() % kRegions.size()]) + kBodies[rng() % kBodies.size()];
}

Report RandomReport(uint64_t seed, const RandomReportOptions& options) {
  std::mt19937_64 rng(seed);
  Report r;
  const FormatSpec* f = FormatForYear(options.year);
  if (!f || !f->has_tables) f = &LatestFormat();
  r.format = f;
  r.format_id = f->id;
  r.year = options.year;
  r.agency = options.agency.empty() ? RandomAgency(seed) : options.agency;
  r.signed_date = std::to_string(options.year + 1) + "-01-" + (rng() % 2 ? "1" : "2") + std::to_string(rng() % 9 + 1);
  r.cells.assign(f->cells.size(), CellValue{});
  for (auto& t : r.tables) t.present = true;
  auto small = [&]() -> double {
    if (std::uniform_real_distribution<double>(0, 1)(rng) >= options.nonzero_share) return 0;
    return static_cast<double>(rng() % 40 + 1);
  };
  auto set = [&](int idx, double v) {
    r.cells[idx].state = CellState::kValue;
    r.cells[idx].value = v;
  };
  // Table 2: counts, with in_force ≥ issued − repealed and total_published ≥ new_published; change may be
  // negative; amounts with two decimals.
  for (int c = f->table_begin[0]; c < f->table_end[0]; ++c) {
    const CellDef& d = f->cells[c];
    double v = small() * 3;
    if (d.type == ValueType::kAmount) v = static_cast<double>(rng() % 10000) / 100.0 * (rng() % 3 == 0);
    if (d.type == ValueType::kSigned && rng() % 3 == 0) v = -v;
    set(c, v);
  }
  for (const auto& b : f->t2) {
    for (const auto& row : b.rows) {
      auto cell = [&](ids::ColKey col) { return f->CellIndex(T2CellId(b.key, row.key, col)); };
      int issued = cell(ids::t2_col::issued), repealed = cell(ids::t2_col::repealed), in_force = cell(ids::t2_col::in_force);
      if (issued >= 0 && repealed >= 0 && in_force >= 0) {
        set(in_force, r.cells[in_force].value + std::max(0.0, r.cells[issued].value - r.cells[repealed].value));
      }
      int newp = cell(ids::t2_col::new_published), total = cell(ids::t2_col::total_published);
      if (newp >= 0 && total >= 0) set(total, r.cells[total].value + r.cells[newp].value);
    }
  }
  // Table 3: details, then the outcome totals, carried forward, new received by C1, row totals.
  const int ncols = static_cast<int>(f->t3_cols.size());
  const int total_col = f->T3ColIndex(ids::t3_col::total);
  for (size_t row = 0; row < f->t3_rows.size(); ++row) {
    const RowDef& rd = f->t3_rows[row];
    for (int c = 0; c < ncols; ++c) set(f->T3Cell(static_cast<int>(row), c), 0);
    if (!rd.outcome && rd.key != ids::t3_row::carried_over.value) continue;
    if (rd.key == "other_fee_unpaid") continue;  // the text says no fee was charged (C11)
    for (int c = 0; c < ncols; ++c) {
      if (c != total_col) set(f->T3Cell(static_cast<int>(row), c), small() > 0 ? static_cast<double>(rng() % 12 + 1) : 0);
    }
  }
  const int nr = f->T3RowIndex(ids::t3_row::new_received), co = f->T3RowIndex(ids::t3_row::carried_over),
            rt = f->T3RowIndex(ids::t3_row::results_total),
            cf = f->T3RowIndex(ids::t3_row::carried_forward);
  for (int c = 0; c < ncols; ++c) {
    if (c == total_col) continue;
    double outcomes = 0;
    for (size_t row = 0; row < f->t3_rows.size(); ++row) {
      if (f->t3_rows[row].outcome) outcomes += r.cells[f->T3Cell(static_cast<int>(row), c)].value;
    }
    set(f->T3Cell(rt, c), outcomes);
    double forward = rng() % 4 == 0 ? static_cast<double>(rng() % 5) : 0;
    set(f->T3Cell(cf, c), forward);
    double carried = r.cells[f->T3Cell(co, c)].value;
    double in = outcomes + forward - carried;
    if (in < 0) {
      set(f->T3Cell(co, c), carried + in);
      in = 0;
    }
    set(f->T3Cell(nr, c), in);
  }
  for (size_t row = 0; row < f->t3_rows.size(); ++row) {
    double sum = 0;
    for (int c = 0; c < ncols; ++c) if (c != total_col) sum += r.cells[f->T3Cell(static_cast<int>(row), c)].value;
    set(f->T3Cell(static_cast<int>(row), total_col), sum);
  }
  // Table 4: four parts and their total per block.
  for (const auto& [bkey, label] : f->t4_blocks) {
    double sum = 0;
    for (const auto& col : f->t4_cols) {
      if (col.key == ids::t3_col::total.value) continue;
      double v = small() > 0 ? static_cast<double>(rng() % 6) : 0;
      set(f->CellIndex(T4CellId(bkey, col.key)), v);
      sum += v;
    }
    set(f->CellIndex(T4CellId(bkey, ids::t4_col::total)), sum);
  }
  // Sections.
  for (const auto& def : f->sections) {
    SectionFound s;
    s.key = def.key;
    if (def.key == ids::section::s1_overview.value) s.text = Pick(rng, kOverview, 3 + static_cast<int>(rng() % 3));
    else if (def.key == ids::section::s5_problems.value) s.text = Pick(rng, kProblems, 2 + static_cast<int>(rng() % 2));
    else if (def.key == ids::section::s6_other.value) s.text = Pick(rng, kOther, 1);
    r.sections.push_back(std::move(s));
  }
  return r;
}

}  // namespace xxgk
