#include "store/packs.h"

namespace xxgk {
extern const char* const kEmbeddedPackJson[];
extern const int kEmbeddedPackCount;
}  // namespace xxgk

namespace xxgk::store {
namespace {

using nlohmann::json;

Result<void> Require(const json& j, const char* field, bool (json::*is)() const noexcept, const char* what) {
  if (!j.contains(field) || !(j[field].*is)()) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("方案文件缺少“") + field + "”（应为" + what + "）");
  }
  return {};
}

Result<void> CheckTiers(const json& tiers) {
  if (!tiers.is_array()) return MakeError(ErrorCode::kInvalidArgument, "指标的 tiers 应为数组");
  for (const auto& t : tiers) {
    if (!t.is_object() || !t.contains("tier") || !t["tier"].is_string() ||
        !((t.contains("below") && t["below"].is_number()) || (t.contains("above") && t["above"].is_number()))) {
      return MakeError(ErrorCode::kInvalidArgument, "指标的每一档应有 tier 和 below 或 above");
    }
  }
  return {};
}

}  // namespace

const std::vector<json>& BuiltinPacks() {
  static const std::vector<json> packs = [] {
    std::vector<json> out;
    for (int i = 0; i < kEmbeddedPackCount; ++i) out.push_back(json::parse(kEmbeddedPackJson[i]));
    return out;
  }();
  return packs;
}

const json* FindPack(std::string_view id) {
  for (const auto& p : BuiltinPacks()) {
    if (p.value("id", "") == id) return &p;
  }
  return nullptr;
}

Result<json> ParsePack(std::string_view text, std::string_view want_kind) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "方案文件不是有效的 JSON 对象");
  if (j.value("kind", "") != want_kind) {
    return MakeError(ErrorCode::kInvalidArgument, "方案文件的 kind 应为“" + std::string(want_kind) + "”");
  }
  if (auto r = Require(j, "id", &json::is_string, "文字"); !r) return tl::unexpected(r.error());
  if (auto r = Require(j, "name", &json::is_string, "文字"); !r) return tl::unexpected(r.error());
  if (want_kind == "indicators") {
    if (auto r = Require(j, "indicators", &json::is_array, "数组"); !r) return tl::unexpected(r.error());
    if (auto r = Require(j, "min_cases", &json::is_number, "数字"); !r) return tl::unexpected(r.error());
    for (const auto& ind : j["indicators"]) {
      if (!ind.is_object() || !ind.contains("id") || !ind.contains("name") || !ind.contains("kind")) {
        return MakeError(ErrorCode::kInvalidArgument, "每个指标应有 id、name 和 kind");
      }
      const std::string kind = ind.value("kind", "");
      if (kind != "ratio" && kind != "late" && kind != "copied") {
        return MakeError(ErrorCode::kInvalidArgument, "指标“" + ind.value("name", "") + "”的 kind 只能是 ratio、late 或 copied");
      }
      if (kind == "ratio" && (!ind.contains("numerator") || !ind["numerator"].is_array() || !ind.contains("denominator") ||
                              !ind["denominator"].is_array())) {
        return MakeError(ErrorCode::kInvalidArgument, "比率指标“" + ind.value("name", "") + "”应有 numerator 和 denominator（单元格列表）");
      }
      if (auto t = CheckTiers(ind.value("tiers", json::array())); !t) return tl::unexpected(t.error());
    }
  } else {
    for (const char* f : {"base", "missing", "late", "cap"}) {
      if (auto r = Require(j, f, &json::is_number, "数字"); !r) return tl::unexpected(r.error());
    }
    if (j.contains("cells") && !j["cells"].is_array()) return MakeError(ErrorCode::kInvalidArgument, "方案文件的 cells 应为数组");
  }
  return j;
}

}  // namespace xxgk::store
