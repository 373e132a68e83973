#include "extract/metadata.h"

#include <cstdio>

#include "core/find.h"
#include "core/normalize.h"
#include "core/utf8.h"

namespace xxgk {
namespace {

int ChineseDigit(char32_t cp) {
  switch (cp) {
    case 0x25CB: case U'零': case U'O': case U'o': return 0;  // ○ (〇 is folded to ○)
    case U'一': return 1;
    case U'二': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

// Reads an ASCII number at s[*i]; returns -1 if none.
int ReadAscii(std::string_view s, size_t* i, int max_digits) {
  int v = 0, n = 0;
  while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9' && n < max_digits) {
    v = v * 10 + (s[*i] - '0');
    ++*i;
    ++n;
  }
  return n ? v : -1;
}

// Reads a Chinese number up to 31 written with 十 ("十二", "二十六", "三十一") or single digits.
int ReadChineseSmall(std::string_view s, size_t* i) {
  size_t j = *i;
  int v = 0;
  bool any = false;
  if (j >= s.size()) return -1;
  size_t k = j;
  char32_t cp = NextCodePoint(s, &k);
  int d = ChineseDigit(cp);
  if (cp == U'十') {
    v = 10;
    any = true;
    j = k;
    if (j < s.size()) {
      size_t k2 = j;
      int d2 = ChineseDigit(NextCodePoint(s, &k2));
      if (d2 > 0) {
        v += d2;
        j = k2;
      }
    }
  } else if (d >= 0) {
    v = d;
    any = true;
    j = k;
    if (j < s.size()) {
      size_t k2 = j;
      if (NextCodePoint(s, &k2) == U'十') {
        v *= 10;
        j = k2;
        if (j < s.size()) {
          size_t k3 = j;
          int d3 = ChineseDigit(NextCodePoint(s, &k3));
          if (d3 > 0) {
            v += d3;
            j = k3;
          }
        }
      }
    }
  }
  if (!any) return -1;
  *i = j;
  return v;
}

bool Expect(std::string_view s, size_t* i, std::string_view what) {
  if (s.compare(*i, what.size(), what) == 0) {
    *i += what.size();
    return true;
  }
  return false;
}

bool ValidDate(int y, int m, int d) { return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

std::string IsoDate(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Finds "YYYY年" (ASCII digits, 1990..2100) in s at or after from; returns its offset or npos.
size_t FindYear(std::string_view s, size_t from, int* year) {
  for (size_t i = from; i + 4 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') continue;
    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
    size_t j = i;
    int y = ReadAscii(s, &j, 5);
    if (j - i != 4) continue;
    if (s.compare(j, 3, "年") != 0) continue;
    if (y < 1990 || y > 2100) continue;
    *year = y;
    return i;
  }
  return std::string_view::npos;
}

std::string_view StripPrefix(std::string_view s, std::string_view p) {
  return s.compare(0, p.size(), p) == 0 ? s.substr(p.size()) : s;
}

// An agency name: three to forty Chinese characters (brackets and middle dots allowed), nothing else,
// ending as the name of a body does (…局, …委员会, …人民政府, …办公室, …实验区, …街道), and not the name of a
// site's column or navigation ("公开年报", "政府信息公开专栏", "首页").
bool LooksLikeAgency(std::string_view name) {
  size_t cjk = 0;
  char32_t last = 0;
  for (size_t i = 0; i < name.size();) {
    char32_t cp = NextCodePoint(name, &i);
    if (cp >= 0x3400 && cp <= 0x9FFF) ++cjk;
    else if (cp != '(' && cp != ')' && cp != 0x00B7 && cp != 0x3007 && cp != 0x25CB) return false;
    if (cp != ')') last = cp;
  }
  if (cjk < 3 || cjk > 40) return false;
  if (ContainsAny(name, {"年报", "专栏", "栏目", "首页", "位置", "网站", "门户", "公开目录", "信息公开", "政务公开"})) return false;
  static constexpr std::u32string_view kEnds = U"局委会办室厅院府心所站队部处署馆社行区镇乡道县市省园司团关组";
  return kEnds.find(last) != std::u32string_view::npos;
}

// Agency and year from a title such as "华龙区卫生健康委员会2024年政府信息公开工作年度报告" or
// "2024年东昌区卫健局政府信息公开工作年度报告".
void ParseTitle(std::string_view norm, std::optional<std::string>* agency, std::optional<int>* year) {
  while (!norm.empty() && (norm[0] == '#' || norm[0] == '*' || norm[0] == '>' || norm[0] == '-')) norm.remove_prefix(1);
  for (std::string_view p : {"标题:", "标题：", "名称:", "题目:"}) norm = StripPrefix(norm, p);
  int y = 0;
  size_t ypos = FindYear(norm, 0, &y);
  std::string_view before, after;
  if (ypos != std::string_view::npos) {
    *year = y;
    before = norm.substr(0, ypos);
    after = norm.substr(ypos + 4 + 3);
    after = StripPrefix(after, "度");
  } else {
    after = norm;
  }
  for (std::string_view p : {"关于", "的"}) {
    if (before.size() >= p.size() && before.compare(before.size() - p.size(), p.size(), p) == 0) {
      before.remove_suffix(p.size());
    }
  }
  for (std::string_view p : {"《", "〈"}) before = StripPrefix(before, p);
  std::string_view name = before;
  if (name.size() < 6) {  // fewer than two Chinese characters before the year
    size_t cut = std::string_view::npos;
    for (std::string_view k : {"政府信息公开", "政务公开", "信息公开"}) {
      size_t f = after.find(k);
      if (f != std::string_view::npos && f < cut) cut = f;
    }
    if (cut != std::string_view::npos) name = after.substr(0, cut);
  }
  if (LooksLikeAgency(name)) *agency = std::string(name);
}

// 2: a line naming the report ("…年度报告"); 1: a line that only says 年报 with a year, which may also be
// a navigation entry ("2019年报"); 0: neither.
int ReportTitleStrength(std::string_view norm) {
  if (norm.size() > 200) return 0;
  if (Contains(norm, "年度报告") || Contains(norm, "工作报告") || Contains(norm, "公开报告")) return 2;
  int year = 0;
  return Contains(norm, "年报") && FindYear(norm, 0, &year) != std::string_view::npos ? 1 : 0;
}

bool LooksLikeSentence(std::string_view norm) {
  return norm.find("。") != std::string_view::npos || norm.find(",") != std::string_view::npos ||
         norm.find(":") != std::string_view::npos || norm.size() > 30 * 3;
}

}  // namespace

namespace {

// The page's article meta tags: its date first (page metadata is the best evidence of publication), then
// the title's agency and year and the article's source where the text gave none; a year that disagrees
// with the report's own is listed, never taken.
void UsePageMeta(const PageMeta& page, Metadata* md) {
  if (!page.published.empty()) {
    std::string norm = Normalize(page.published);
    int y, m, d;
    size_t len;
    if (ParseDatePrefix(norm, &y, &m, &d, &len)) md->published_date = IsoDate(y, m, d);
  }
  if (page.title.empty() && page.source.empty()) return;
  std::optional<std::string> agency;
  std::optional<int> year;
  std::string title = Normalize(page.title);
  if (ReportTitleStrength(title) > 0) ParseTitle(title, &agency, &year);
  if (md->title.empty() && ReportTitleStrength(title) > 0) md->title = page.title;
  if (year && md->year && *year != *md->year) {
    md->page_conflicts.push_back("网页元数据中的文章标题“" + page.title + "”为" + std::to_string(*year) + "年，报告正文为" +
                                 std::to_string(*md->year) + "年，已按报告正文识别");
  }
  if (!md->year && year) md->year = year;
  if (!md->agency) {
    std::string source = Normalize(page.source);
    if (agency) md->agency = agency;
    else if (LooksLikeAgency(source)) md->agency = source;
  }
}

}  // namespace

bool ParseDatePrefix(std::string_view s, int* y, int* m, int* d, size_t* len) {
  size_t i = 0;
  int yy = ReadAscii(s, &i, 4);
  if (yy >= 0) {
    if (i != 4) return false;
    size_t save = i;
    if (Expect(s, &i, "年")) {
      size_t j = i;
      int mm = ReadAscii(s, &j, 2);
      if (mm < 0) mm = ReadChineseSmall(s, &j);
      if (mm < 0 || !Expect(s, &j, "月")) return false;
      int dd = ReadAscii(s, &j, 2);
      if (dd < 0) dd = ReadChineseSmall(s, &j);
      if (dd < 0) return false;
      Expect(s, &j, "日") || Expect(s, &j, "号");
      if (!ValidDate(yy, mm, dd)) return false;
      *y = yy, *m = mm, *d = dd, *len = j;
      return true;
    }
    i = save;
    if (i < s.size() && (s[i] == '-' || s[i] == '.' || s[i] == '/')) {
      char sep = s[i++];
      int mm = ReadAscii(s, &i, 2);
      if (mm < 0 || i >= s.size() || s[i] != sep) return false;
      ++i;
      int dd = ReadAscii(s, &i, 2);
      if (dd < 0 || !ValidDate(yy, mm, dd)) return false;
      *y = yy, *m = mm, *d = dd, *len = i;
      return true;
    }
    return false;
  }
  // Chinese numerals: 二○二五年一月六日
  int year = 0;
  int digits = 0;
  while (i < s.size() && digits < 4) {
    size_t k = i;
    int dgt = ChineseDigit(NextCodePoint(s, &k));
    if (dgt < 0) break;
    year = year * 10 + dgt;
    ++digits;
    i = k;
  }
  if (digits != 4 || !Expect(s, &i, "年")) return false;
  int mm = ReadChineseSmall(s, &i);
  if (mm < 0 || !Expect(s, &i, "月")) return false;
  int dd = ReadChineseSmall(s, &i);
  if (dd < 0) return false;
  Expect(s, &i, "日");
  if (!ValidDate(year, mm, dd)) return false;
  *y = year, *m = mm, *d = dd, *len = i;
  return true;
}

Metadata ExtractMetadata(const LineView& view, size_t preamble_end, size_t body_end, const PageMeta& page) {
  Metadata md;
  const size_t n = view.lines.size();
  size_t head_end = std::min(preamble_end, std::min<size_t>(n, 40));
  // Page metadata of crawled pages: 发布时间: 2025-03-10 15:35
  for (size_t li = 0; li < std::min<size_t>(n, 15); ++li) {
    std::string_view norm = view.Norm(li);
    for (std::string_view p : {"发布时间:", "发布日期:", "发文日期:", "成文日期:", "公开日期:"}) {
      if (norm.compare(0, p.size(), p) != 0) continue;
      int y, m, d;
      size_t len;
      if (ParseDatePrefix(norm.substr(p.size()), &y, &m, &d, &len)) md.published_date = IsoDate(y, m, d);
    }
  }
  // Title: the first line naming the report; a line that only says 年报 when none does.
  int want = 1;
  for (size_t k = 0; k < head_end && want == 1; ++k) {
    std::string_view t = view.Norm(k);
    if (t.size() > 200) t = t.substr(0, 200);
    if (ReportTitleStrength(t) == 2) want = 2;
    else if (k + 1 < head_end && view.Norm(k + 1).size() <= 4 * 3 &&
             ReportTitleStrength(std::string(t) + std::string(view.Norm(k + 1))) == 2) {
      want = 2;
    }
  }
  for (size_t li = 0; li < head_end; ++li) {
    std::string_view norm = view.Norm(li);
    // A flattened page: the title runs straight into the text; keep it up to "年度报告".
    size_t report_end = FindBytes(norm, "年度报告");
    if (norm.size() > 200 && report_end != std::string_view::npos && report_end < 200) {
      norm = norm.substr(0, report_end + std::string_view("年度报告").size());
    }
    std::string title(norm);
    std::string raw = view.RawText(li);
    if (title.size() < view.Norm(li).size()) raw = title;
    if (ReportTitleStrength(norm) < want) {
      // A title wrapped before its last characters ("…工作年度报" / "告").
      if (li + 1 >= head_end || view.Norm(li + 1).size() > 4 * 3) continue;
      title += view.Norm(li + 1);
      if (ReportTitleStrength(title) < want) continue;
      raw += '\n';
      raw += view.RawText(li + 1);
    }
    md.title_at = view.lines[li].at;
    std::optional<std::string> agency;
    std::optional<int> year;
    ParseTitle(title, &agency, &year);
    // The agency on the line above ("海原县卫生健康局" / "2024 年政府信息公开工作年度报告"), or the title
    // broken before "年度报告".
    if (li > 0 && (!agency || !year)) {
      std::string_view prev = view.Norm(li - 1);
      if (!prev.empty() && !LooksLikeSentence(prev)) {
        std::string joined = std::string(prev) + title;
        std::optional<std::string> a2;
        std::optional<int> y2;
        ParseTitle(joined, &a2, &y2);
        if (a2 && (y2 || !year)) {
          agency = a2;
          if (y2) year = y2;
          raw = view.RawText(li - 1) + "\n" + raw;
          md.title_at = view.lines[li - 1].at;
        }
      }
    }
    md.title = std::string(TrimSpace(raw));
    md.agency = agency;
    md.year = year;
    break;
  }
  // Signature block: a date alone on one of the last lines, the agency on the line above.
  size_t seen = 0;
  for (size_t li = n; li > 0 && seen < 12; --li) {
    std::string_view norm = view.Norm(li - 1);
    if (norm.empty()) continue;
    ++seen;
    int y, m, d;
    size_t len;
    if (!ParseDatePrefix(norm, &y, &m, &d, &len)) continue;
    std::string_view rest = norm.substr(len);
    if (!rest.empty() && rest != "。" && rest != ".") continue;
    md.signed_date = IsoDate(y, m, d);
    md.signature_line = li - 1;
    // The agency line above, skipping empty lines.
    for (size_t k = li - 1; k > 0; --k) {
      std::string_view a = view.Norm(k - 1);
      if (a.empty()) continue;
      // Only a name can sign: markup, links and code that a page leaves above its last date are no agency.
      const bool markup = a.find_first_of("<>={}\\/;&\"'") != std::string_view::npos || Contains(a, "http");
      if (!LooksLikeSentence(a) && !markup && a.size() >= 6 && a.size() <= 40 * 3) {
        md.signature_agency = std::string(a);
        md.signature_line = k - 1;
      }
      break;
    }
    break;
  }
  if (!md.agency && md.signature_agency) md.agency = md.signature_agency;
  // Statistics period: "本报告统计数据从2024年1月1日至12月31日", "统计期限为2020年1月1日至…".
  for (size_t li = 0; li < std::min(body_end, n); ++li) {
    std::string_view norm = view.Norm(li);
    size_t p = FindBytes(norm, "1月1日");
    if (p == std::string_view::npos || p < 7) continue;
    if (!Contains(norm, "统计") && !Contains(norm, "期间") && !Contains(norm, "起止")) continue;
    int y = 0;
    size_t yp = FindYear(norm, p >= 12 ? p - 12 : 0, &y);
    if (yp != std::string_view::npos && yp + 7 == p) {
      md.stats_year = y;
      break;
    }
  }
  if (!md.year && md.stats_year) md.year = md.stats_year;
  UsePageMeta(page, &md);
  return md;
}

}  // namespace xxgk
