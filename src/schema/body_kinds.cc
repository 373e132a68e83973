#include "schema/body_kinds.h"

#include "core/normalize.h"

namespace xxgk {

BodyKind KindOf(std::string_view agency) {
  std::string n = Normalize(agency);
  auto ends = [&](std::string_view s) { return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0; };
  if (ends("乡人民政府") || ends("镇人民政府") || ends("街道办事处") || ends("乡政府") || ends("镇政府") || ends("街道")) {
    return BodyKind::kTownship;
  }
  if (ends("人民政府") || ends("县政府") || ends("市政府") || ends("区政府") || ends("管委会") || ends("管理委员会") ||
      ends("实验区") || ends("开发区") || ends("新区") || ends("示范区") || ends("县") || ends("市") || ends("区")) {
    return BodyKind::kGovernment;
  }
  return BodyKind::kDepartment;
}

const char* BodyKindName(BodyKind kind) {
  switch (kind) {
    case BodyKind::kDepartment: return "department";
    case BodyKind::kGovernment: return "government";
    case BodyKind::kTownship: return "township";
  }
  return "department";
}

const char* BodyKindChinese(BodyKind kind) {
  switch (kind) {
    case BodyKind::kDepartment: return "部门";
    case BodyKind::kGovernment: return "人民政府";
    case BodyKind::kTownship: return "乡镇街道";
  }
  return "部门";
}

std::optional<BodyKind> ParseBodyKind(std::string_view text) {
  std::string t = Normalize(text);
  if (t == "department" || t == "部门" || t == "政府部门" || t == "工作部门") return BodyKind::kDepartment;
  if (t == "government" || t == "政府" || t == "人民政府" || t == "本级政府") return BodyKind::kGovernment;
  if (t == "township" || t == "乡镇" || t == "街道" || t == "乡镇街道" || t == "乡镇人民政府" || t == "街道办事处") {
    return BodyKind::kTownship;
  }
  return std::nullopt;
}

std::optional<PublicationDeadline> DeadlineFor(BodyKind kind, int year) {
  if (year <= 2018) {
    return PublicationDeadline{std::to_string(year + 1) + "-03-31",
                    "2008年《政府信息公开条例》第三十一条：各级行政机关应在每年3月31日前公布上一年度报告"};
  }
  if (kind == BodyKind::kGovernment) {
    return PublicationDeadline{std::to_string(year + 1) + "-03-31",
                    "《政府信息公开条例》第四十九条：县级以上地方人民政府的年度报告应在每年3月31日前公布"};
  }
  if (kind == BodyKind::kDepartment) {
    return PublicationDeadline{std::to_string(year + 1) + "-01-31",
                    "《政府信息公开条例》第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度报告"};
  }
  return std::nullopt;  // 乡镇、街道: no statutory date
}

}  // namespace xxgk
