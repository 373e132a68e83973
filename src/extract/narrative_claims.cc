#include "extract/narrative_claims.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>

#include "core/find.h"

namespace xxgk {
namespace {

// Splits match-form text into clauses at sentence and clause punctuation.
std::vector<std::string_view> Clauses(std::string_view s) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (size_t i = FindAnyOf<',', ';', '!', '?', '\xE3'>(s); i < s.size(); i = FindAnyOf<',', ';', '!', '?', '\xE3'>(s, i)) {
    size_t len = 0;
    if (s[i] != '\xE3') len = 1;
    else if (i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x82') len = 3;  // 。
    if (len) {
      if (i > b) out.push_back(s.substr(b, i - b));
      i += len;
      b = i;
    } else {
      ++i;
    }
  }
  if (b < s.size()) out.push_back(s.substr(b));
  return out;
}

struct Count {
  size_t pos;
  double value;
};

// Numbers followed by a counting unit (件, 条, 起, 个, 宗) in a clause.
std::vector<Count> Counts(std::string_view c) {
  std::vector<Count> out;
  for (size_t i = 0; i < c.size();) {
    if (c[i] < '0' || c[i] > '9' || (i > 0 && ((c[i - 1] >= '0' && c[i - 1] <= '9') || c[i - 1] == '.'))) {
      ++i;
      continue;
    }
    size_t j = i;
    double v = 0;
    while (j < c.size() && c[j] >= '0' && c[j] <= '9') v = v * 10 + (c[j++] - '0');
    for (std::string_view unit : {"件", "条", "起", "个", "宗"}) {
      if (c.compare(j, unit.size(), unit) == 0) {
        out.push_back({i, v});
        break;
      }
    }
    i = j;
  }
  return out;
}

// The count nearest to the keyword at kp (after it when after_only), at most max_gap bytes away, with no
// enumeration ("、", "等") between when a gap is given.
std::optional<double> NearestCount(std::string_view c, size_t kp, bool after_only, size_t max_gap = SIZE_MAX) {
  std::optional<double> best;
  size_t best_dist = SIZE_MAX;
  for (const auto& n : Counts(c)) {
    if (after_only && n.pos < kp) continue;
    size_t lo = std::min(n.pos, kp), hi = std::max(n.pos, kp);
    if (hi - lo > max_gap) continue;
    std::string_view between = c.substr(lo, hi - lo);
    if (max_gap != SIZE_MAX && (Contains(between, "、") || Contains(between, "等"))) continue;
    size_t d = n.pos >= kp ? n.pos - kp : kp - n.pos + 1;
    if (d < best_dist) {
      best_dist = d;
      best = n.value;
    }
  }
  return best;
}

bool SaysNone(std::string_view c, size_t kp) {
  std::string_view before = c.substr(0, kp);
  return ContainsAny(before, {"未收到", "没有收到", "未接到", "未受理", "未发生", "没有发生", "未出现", "没有", "未被", "无"});
}

}  // namespace

// One pass for the three words: all start with E6.
bool HasNegation(std::string_view c) {
  for (size_t i = FindAnyOf<'\xE6'>(c); i + 2 < c.size(); i = FindAnyOf<'\xE6'>(c, i + 1)) {
    const char b1 = c[i + 1], b2 = c[i + 2];
    if ((b1 == '\x9C' && b2 == '\xAA') || (b1 == '\x97' && b2 == '\xA0')) return true;         // 未, 无
    if (b1 == '\xB2' && b2 == '\xA1' && c.compare(i + 3, 3, "有") == 0) return true;             // 没有
  }
  return false;
}

std::vector<Claim> FindNarrativeClaims(std::string_view norm) {
  std::vector<Claim> claims;
  auto have = [&](ClaimKind k, bool strict) {
    for (const auto& c : claims) if (c.kind == k && c.strict == strict) return true;
    return false;
  };
  auto add = [&](ClaimKind k, std::optional<double> v, bool strict) {
    if (v && !have(k, strict)) claims.push_back({k, *v, strict});
  };
  for (std::string_view c : Clauses(norm)) {
    // A clause states a number only with digits or a negation (未收到, 没有, 无).
    const bool digits = FindDigit(c) < c.size();
    if (!digits && !HasNegation(c)) continue;
    size_t kp;
    if (Contains(c, "申请") && !ContainsAny(c, {"结转", "办结", "答复", "复议", "诉讼", "办理完毕"})) {
      for (std::string_view k : {"收到", "受理", "接到", "接收", "新收"}) {
        if ((kp = FindBytes(c, k)) == std::string_view::npos) continue;
        add(ClaimKind::kRequestsReceived, SaysNone(c, kp) ? std::optional<double>(0) : NearestCount(c, kp, true), true);
        break;
      }
    }
    // "办结4件", "4件已办结": the count must stand right by the verb ("所有办结的申请中同意公开9件" is not one).
    if ((kp = FindBytes(c, "办结")) != std::string_view::npos && !Contains(c, "未办结") && !Contains(c, "结转")) {
      add(ClaimKind::kRequestsDone, NearestCount(c, kp, false, 4 * 3), true);
    }
    if ((kp = FindBytes(c, "结转")) != std::string_view::npos && !Contains(c, "上年结转") && !Contains(c, "办结")) {
      add(ClaimKind::kCarriedForward, NearestCount(c, kp, false, 8 * 3), true);
    }
    bool lic = Contains(c, "行政许可"), pen = Contains(c, "行政处罚");
    if (lic != pen) {
      size_t k = FindBytes(c, lic ? "行政许可" : "行政处罚");
      ClaimKind kind = lic ? ClaimKind::kLicenseDecisions : ClaimKind::kPenaltyDecisions;
      bool precise = ContainsAny(c, {"信息", "决定", "公示", "公开"}) && !ContainsAny(c, {"事项", "目录", "清单"});
      auto n = NearestCount(c, k, true, 10 * 3);
      add(kind, n, precise);
      if (precise) add(kind, n, false);
    }
    bool rev = Contains(c, "行政复议"), lit = Contains(c, "行政诉讼");
    if ((rev || lit) && ContainsAny(c, {"政府信息公开", "信息公开"})) {
      size_t k = FindBytes(c, rev ? "行政复议" : "行政诉讼");
      std::optional<double> n;
      if (SaysNone(c, k)) n = 0;
      else if (rev != lit) n = NearestCount(c, k, true);
      if (n && (rev != lit || *n == 0)) {
        if (rev) add(ClaimKind::kReviewCases, n, true);
        if (lit) add(ClaimKind::kLitigationCases, n, true);
      }
    }
    // "不予公开35件": the count right after the words; "部分公开" and "予以公开" are other outcomes.
    if ((kp = FindBytes(c, "不予公开")) != std::string_view::npos && !Contains(c, "、")) {
      add(ClaimKind::kDenied, NearestCount(c, kp + std::string_view("不予公开").size(), true, 2 * 3), true);
    }
    if ((kp = FindBytes(c, "规范性文件")) != std::string_view::npos && !Contains(c, "、")) {
      auto n = NearestCount(c, kp, true, 8 * 3);
      if (Contains(c, "现行有效")) add(ClaimKind::kNormativeInForce, n, false);
      else if (Contains(c, "废止")) add(ClaimKind::kNormativeRepealed, n, false);
      else if (Contains(c, "制发")) add(ClaimKind::kNormativeIssued, n, false);
    }
  }
  return claims;
}

}  // namespace xxgk
