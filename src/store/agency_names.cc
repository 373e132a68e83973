#include "store/agency_names.h"

#include <array>
#include <utility>

#include "core/normalize.h"
#include "core/utf8.h"

namespace xxgk::store {
namespace {

// Abbreviations used in titles and signatures, expanded when they end the name (the body part follows
// the region). Longest first where one is a suffix of another.
constexpr std::pair<std::string_view, std::string_view> kSuffixes[] = {
    {"卫健委", "卫生健康委员会"},
    {"卫健局", "卫生健康局"},
    {"卫计委", "卫生和计划生育委员会"},
    {"卫计局", "卫生和计划生育局"},
    {"发改委", "发展和改革委员会"},
    {"发改局", "发展和改革局"},
    {"人社局", "人力资源和社会保障局"},
    {"人社厅", "人力资源和社会保障厅"},
    {"住建局", "住房和城乡建设局"},
    {"住建委", "住房和城乡建设委员会"},
    {"住建厅", "住房和城乡建设厅"},
    {"市场监管局", "市场监督管理局"},
    {"市监局", "市场监督管理局"},
    {"规自局", "规划和自然资源局"},
    {"文旅局", "文化和旅游局"},
    {"文广旅局", "文化广电和旅游局"},
    {"教体局", "教育和体育局"},
    {"应急局", "应急管理局"},
    {"医保局", "医疗保障局"},
    {"退役军人局", "退役军人事务局"},
    {"农业农村委", "农业农村委员会"},
    {"经信局", "经济和信息化局"},
    {"工信局", "工业和信息化局"},
    {"科技局", "科学技术局"},
    {"交通局", "交通运输局"},
    {"管委会", "管理委员会"},
    {"政府办公室", "人民政府办公室"},
    {"政府办", "人民政府办公室"},
    {"政府", "人民政府"},
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The name as code points without spaces and brackets' contents at the end ("（北京市大兴区中医管理局）").
std::string Compact(std::string_view name) {
  std::string n = Normalize(name);
  // Drop a trailing bracketed part: a second name or a note.
  for (std::string_view open : {"(", "（", "〔", "["}) {
    size_t p = n.rfind(open);
    if (p != std::string::npos && p > 0) {
      std::string_view tail(n.data() + p, n.size() - p);
      if (EndsWith(tail, ")") || EndsWith(tail, "）") || EndsWith(tail, "〕") || EndsWith(tail, "]")) n.resize(p);
    }
  }
  std::string out;
  size_t pos = 0;
  while (pos < n.size()) {
    char32_t cp = NextCodePoint(n, &pos);
    if (cp == ' ' || cp == 0x3000 || cp == '"' || cp == 0x201C || cp == 0x201D) continue;
    AppendUtf8(cp, &out);
  }
  return out;
}

// Region units, up to county level, as the last code point(s) of a region segment.
constexpr std::array<std::string_view, 9> kUnits = {"自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区"};
constexpr std::string_view kBanner = "旗";
constexpr std::string_view kLeague = "盟";

// Code points that end a body's name (局, 委, 办 …) and never occur in a place name: a segment that reaches
// one is the body, not a region.
bool BodyChar(char32_t cp) {
  switch (cp) {
    case U'局': case U'委': case U'办': case U'厅': case U'会': case U'院': case U'部': case U'署': case U'处':
    case U'所': case U'站': case U'队': case U'司': case U'室': case U'科': case U'管':
      return true;
    default:
      return false;
  }
}

// A unit character followed by one of these is part of a word (城市管理, 市场, 市政, 区域, 县级 …), not the
// end of a place name.
bool WordContinues(char32_t next) {
  switch (next) {
    case U'场': case U'政': case U'容': case U'级': case U'直': case U'属': case U'域': case U'管': case U'委':
    case U'区': case U'辖':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string AgencyKey(std::string_view name) {
  std::string n = Compact(name);
  if (n.empty()) return n;
  for (const auto& [abbr, full] : kSuffixes) {
    if (!EndsWith(n, abbr) || EndsWith(n, full)) continue;
    std::string_view head(n.data(), n.size() - abbr.size());
    // "政府" in "人民政府" is not an abbreviation.
    if (abbr.substr(0, 6) == "政府" && EndsWith(head, "人民")) continue;
    n = std::string(head) + std::string(full);
    break;
  }
  return n;
}

std::string RegionOf(std::string_view name) {
  std::string n = Compact(name);
  // Walk segments: each is 1–8 code points ending with a unit, made of place-name characters.
  size_t region_end = 0;
  int segments = 0;
  size_t pos = 0;
  while (pos < n.size() && segments < 3) {
    size_t p = pos;
    int cps = 0;
    size_t found = std::string::npos;
    while (p < n.size() && cps < 9) {
      std::string_view rest(n.data() + p, n.size() - p);
      bool unit = false;
      for (std::string_view u : kUnits) {
        if (rest.substr(0, u.size()) == u && cps >= 1) {
          size_t after = p + u.size();
          if (after < n.size()) {
            size_t q = after;
            if (WordContinues(NextCodePoint(n, &q))) continue;
          }
          unit = true;
          found = after;
          break;
        }
      }
      if (!unit && cps >= 1 && (rest.substr(0, kBanner.size()) == kBanner || rest.substr(0, kLeague.size()) == kLeague)) {
        unit = true;
        found = p + 3;
      }
      if (unit) break;
      size_t q = p;
      char32_t cp = NextCodePoint(n, &q);
      if (BodyChar(cp) || cp < 0x3400) break;
      p = q;
      ++cps;
    }
    if (found == std::string::npos) break;  // no place name here
    // A body named after its area (平潭综合实验区, 海原县: the area's government) is in that area.
    if (found >= n.size()) {
      region_end = found;
      break;
    }
    region_end = found;
    pos = found;
    ++segments;
  }
  return n.substr(0, region_end);
}

}  // namespace xxgk::store
