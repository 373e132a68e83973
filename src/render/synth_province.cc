#include "render/synth_province.h"

#include <algorithm>
#include <map>

#include "render/random_report.h"
#include "render/render.h"
#include "schema/format_spec.h"
#include "schema/ids.h"

namespace xxgk {
namespace {

using nlohmann::json;

// Characters of place names that are neither units (省市县区) nor the ends of bodies' names (局委办 …).
constexpr const char* kFirst[] = {"安", "宁", "清", "泰", "和", "永", "丰", "长", "乐", "平", "阳", "兴", "隆", "东", "明", "新", "华", "广", "德", "嘉"};
constexpr const char* kSecond[] = {"源", "川", "江", "山", "林", "泉", "溪", "石", "桥", "原", "谷", "湖", "岭", "关", "浦", "沙", "塘", "阴", "坪", "峰"};
constexpr const char* kDepartments[] = {
    "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康局", "退役军人事务局",
    "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局", "体育局", "信访局", "综合行政执法局", "档案馆",
    "民族宗教事务局", "粮食和物资储备局", "乡村振兴局", "数据资源局", "行政审批服务局", "人民防空办公室", "地方金融监督管理局", "投资促进局"};

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

double Unit(uint64_t seed, uint64_t a, uint64_t b, uint64_t salt) {
  return static_cast<double>(Mix(seed ^ Mix(a * 1000003 + b) ^ Mix(salt)) >> 11) / 9007199254740992.0;
}

struct Body {
  std::string name, parent, region, category;  // category as the registry writes it
  bool government = false, aggregates = false;
  int index = 0;
  std::vector<int> children;  // a county's departments
};

// Adds `delta` to a consistent set of table-3 cells (a request granted to a natural person, received this
// year): the table stays balanced, only its numbers move.
void Shift(Report* r, double delta) {
  const FormatSpec& f = *r->format;
  for (std::string_view id : {std::string_view(ids::cell::t3_granted_natural_person), std::string_view(ids::cell::t3_granted_total),
                              std::string_view(ids::cell::t3_results_total_natural_person), std::string_view(ids::cell::t3_results_total_total),
                              std::string_view(ids::cell::t3_new_received_natural_person), std::string_view(ids::cell::t3_new_received_total)}) {
    const int i = f.CellIndex(id);
    if (i >= 0) r->cells[i].value += delta;
  }
}

double CellOf(const Report& r, std::string_view id) {
  const int i = r.format->CellIndex(id);
  return i >= 0 && r.HasValue(i) ? r.cells[i].value : 0;
}

}  // namespace

Province MakeProvince(const ProvinceOptions& o) {
  Province p;
  std::vector<Body> bodies;
  const std::string province = "江淮省";
  bodies.push_back({province + "人民政府", "", province, "本级政府", true, false, 0, {}});
  json cities = json::array();
  int county_no = 0;
  for (int c = 0; c < o.cities; ++c) {
    const std::string city = std::string(kFirst[(c * 7 + 3) % 20]) + kSecond[(c * 11 + 5) % 20] + "市";
    const int city_index = static_cast<int>(bodies.size());
    bodies.push_back({city + "人民政府", bodies[0].name, province + city, "本级政府", true, false, city_index, {}});
    cities.push_back(city + "人民政府");
    for (int k = 0; k < o.counties_per_city; ++k, ++county_no) {
      const std::string county = std::string(kFirst[county_no % 20]) + kSecond[(county_no / 20 + county_no) % 20] + (county_no >= 400 ? "旗" : "县");
      const int county_index = static_cast<int>(bodies.size());
      bodies.push_back({county + "人民政府", bodies[city_index].name, province + city + county, "本级政府", true, true, county_index, {}});
      for (int d = 0; d < std::min(o.departments_per_county, 36); ++d) {
        bodies[county_index].children.push_back(static_cast<int>(bodies.size()));
        bodies.push_back({county + kDepartments[d], bodies[county_index].name, province + city + county, "部门", false, false,
                          static_cast<int>(bodies.size()), {}});
      }
    }
  }
  // The registry.
  p.registry_csv = "名称,上级机关,类别,地区,汇总\n";
  for (const Body& b : bodies) {
    p.registry_csv += b.name + "," + b.parent + "," + b.category + "," + b.region + "," + (b.aggregates ? "是" : "否") + "\n";
  }
  p.expected = {{"bodies", bodies.size()}, {"province", bodies[0].name}, {"cities", cities}, {"years", json::object()},
                {"rollup", json::object()}};
  for (int year = o.first_year; year <= o.last_year; ++year) {
    std::vector<std::optional<Report>> reports(bodies.size());
    std::vector<bool> late(bodies.size()), defective(bodies.size());
    json y = {{"due", bodies.size()}, {"published", 0}, {"late", 0}, {"missing", 0}, {"with_errors", 0},
              {"late_bodies", json::array()}, {"missing_bodies", json::array()}, {"defective_bodies", json::array()}};
    // Departments first (a county sums them), then the governments.
    std::vector<int> order;
    for (const Body& b : bodies) {
      if (!b.government) order.push_back(b.index);
    }
    for (const Body& b : bodies) {
      if (b.government) order.push_back(b.index);
    }
    for (int i : order) {
      const Body& b = bodies[i];
      if (Unit(o.seed, i, year, 1) < o.missing) {
        y["missing"] = y["missing"].get<int>() + 1;
        y["missing_bodies"].push_back(b.name);
        continue;
      }
      RandomReportOptions ro;
      ro.year = year;
      ro.agency = b.name;
      Report r = RandomReport(Mix(o.seed ^ Mix(i * 31 + year)), ro);
      if (b.aggregates) {
        // The county's tables 3 and 4 are the sum of its departments' as published.
        const FormatSpec& f = *r.format;
        for (int t = 1; t < kTableCount; ++t) {
          for (int c = f.table_begin[t]; c < f.table_end[t]; ++c) {
            double sum = 0;
            for (int k : b.children) {
              if (reports[k] && reports[k]->HasValue(c)) sum += reports[k]->cells[c].value;
            }
            r.cells[c].state = CellState::kValue;
            r.cells[c].value = sum;
            r.cells[c].integral = true;
          }
        }
        bool off = Unit(o.seed, i, year, 2) < o.rollup_off;
        if (off) Shift(&r, 1);
        json missing = json::array();
        bool inherits_defect = false;
        for (int k : b.children) {
          if (!reports[k]) missing.push_back(bodies[k].name);
          inherits_defect = inherits_defect || (reports[k] && defective[k]);
        }
        p.expected["rollup"][std::to_string(year)][b.name] = {{"off", off}, {"missing", missing}};
        defective[i] = inherits_defect;  // the sum of a defective table is defective too
      } else if (!b.government && Unit(o.seed, i, year, 3) < o.defective) {
        // A department's defect: one detail cell off, its totals not (C2, C3).
        const int c = r.format->CellIndex(ids::cell::t3_granted_natural_person);
        if (c >= 0) {
          r.cells[c].value += 1;
          defective[i] = true;
        }
      }
      late[i] = Unit(o.seed, i, year, 4) < o.late;
      const std::string next = std::to_string(year + 1);
      const std::string published = b.government ? next + (late[i] ? "-04-20" : "-03-16") : next + (late[i] ? "-02-20" : "-01-16");
      r.signed_date = b.government ? next + (late[i] ? "-04-18" : "-03-12") : next + (late[i] ? "-02-18" : "-01-12");
      auto text = RenderReport(r, RenderFormat::kText);
      if (!text) continue;  // cannot happen for a generated report with tables; the test would notice a missing file
      p.files.push_back({std::to_string(year) + "/" + b.name + ".txt", "发布时间：" + published + "\n\n" + *text});
      y["published"] = y["published"].get<int>() + 1;
      if (late[i]) {
        y["late"] = y["late"].get<int>() + 1;
        y["late_bodies"].push_back(b.name);
      }
      if (defective[i]) {
        y["with_errors"] = y["with_errors"].get<int>() + 1;
        y["defective_bodies"].push_back(b.name);
      }
      reports[i] = std::move(r);
    }
    // 实质公开率 over every published report: (予以公开 + 部分公开) / 办理结果总计.
    double num = 0, den = 0;
    for (const auto& r : reports) {
      if (!r) continue;
      num += CellOf(*r, ids::cell::t3_granted_total) + CellOf(*r, ids::cell::t3_partially_granted_total);
      den += CellOf(*r, ids::cell::t3_results_total_total);
    }
    y["substantive"] = {{"numerator", num}, {"denominator", den}};
    p.expected["years"][std::to_string(year)] = std::move(y);
  }
  return p;
}

}  // namespace xxgk
