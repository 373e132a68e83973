#include "schema/format_spec.h"

#include <nlohmann/json.hpp>

#include <mutex>
#include <stdexcept>

#include "core/normalize.h"
#include "core/utf8.h"

namespace xxgk {

// Defined in the generated formats_embedded.cc: the JSON texts of formats/*.json.
extern const char* const kEmbeddedFormatJson[];
extern const int kEmbeddedFormatCount;

namespace {

using nlohmann::json;

bool IsChineseNumeral(char32_t cp) {
  switch (cp) {
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七': case U'八':
    case U'九': case U'十':
      return true;
    default:
      return false;
  }
}

Label MakeLabel(const std::string& text, const json* aliases) {
  Label l;
  l.text = text;
  l.norm = Normalize(text);
  l.content_norm = std::string(StripListNumber(l.norm));
  l.norm_code_points = CodePointCount(l.norm);
  if (aliases && aliases->is_array()) {
    for (const auto& a : *aliases) {
      l.aliases.push_back(a.get<std::string>());
      l.alias_norms.push_back(Normalize(l.aliases.back()));
    }
  }
  return l;
}

ValueType ParseType(const json& j) {
  std::string t = j.value("type", "count");
  if (t == "signed") return ValueType::kSigned;
  if (t == "amount") return ValueType::kAmount;
  return ValueType::kCount;
}

ColumnDef ParseCol(const json& j) {
  ColumnDef c;
  c.key = j.at("key").get<std::string>();
  c.label = MakeLabel(j.at("label").get<std::string>(), j.contains("aliases") ? &j["aliases"] : nullptr);
  c.group = j.value("group", "");
  c.type = ParseType(j);
  return c;
}

RowDef ParseRow(const json& j) {
  RowDef r;
  r.key = j.at("key").get<std::string>();
  r.label = MakeLabel(j.at("label").get<std::string>(), j.contains("aliases") ? &j["aliases"] : nullptr);
  r.group = j.value("group", "");
  r.group_norm = Normalize(r.group);
  r.group_content_norm = std::string(StripListNumber(r.group_norm));
  r.short_name = j.value("short", r.label.text);
  r.outcome = j.value("outcome", false);
  return r;
}

void ParseTable2(const json& arr, FormatSpec* f) {
  f->t2.clear();
  for (const auto& b : arr) {
    Table2Block blk;
    blk.key = b.at("key").get<std::string>();
    blk.caption = MakeLabel(b.at("caption").get<std::string>(), nullptr);
    blk.unit = b.value("unit", "");
    for (const auto& c : b.at("cols")) blk.cols.push_back(ParseCol(c));
    for (const auto& r : b.at("rows")) blk.rows.push_back(ParseRow(r));
    f->t2.push_back(std::move(blk));
  }
}

void ParseInto(const json& j, FormatSpec* f) {
  f->id = j.at("id").get<std::string>();
  f->title = j.value("title", f->title);
  f->source = j.value("source", f->source);
  f->name = j.value("name", f->name);
  f->issued = j.value("issued", f->issued);
  if (j.contains("telltales")) f->telltales = j["telltales"].get<std::vector<std::string>>();
  if (j.contains("applies_to_years")) {
    f->year_from = j["applies_to_years"][0].get<int>();
    f->year_to = j["applies_to_years"][1].get<int>();
  }
  if (j.contains("sections")) {
    f->sections.clear();
    for (const auto& s : j["sections"]) {
      SectionDef d;
      d.key = s.at("key").get<std::string>();
      d.no = s.at("no").get<std::string>();
      d.title = MakeLabel(s.at("title").get<std::string>(), s.contains("aliases") ? &s["aliases"] : nullptr);
      f->sections.push_back(std::move(d));
    }
  }
  if (j.contains("table2")) ParseTable2(j["table2"], f);
  if (j.contains("table3")) {
    const auto& t3 = j["table3"];
    f->t3_note = MakeLabel(t3.at("note").get<std::string>(), nullptr);
    f->t3_cols.clear();
    f->t3_rows.clear();
    for (const auto& c : t3.at("cols")) f->t3_cols.push_back(ParseCol(c));
    for (const auto& r : t3.at("rows")) f->t3_rows.push_back(ParseRow(r));
  }
  if (j.contains("table3_row_delta")) {
    const auto& d = j["table3_row_delta"];
    for (const auto& key : d.at("remove")) {
      std::erase_if(f->t3_rows, [&](const RowDef& r) { return r.key == key.get<std::string>(); });
    }
    std::string after = d.at("insert_after").get<std::string>();
    auto it = f->t3_rows.begin();
    while (it != f->t3_rows.end() && it->key != after) ++it;
    if (it == f->t3_rows.end()) throw std::runtime_error("table3_row_delta: unknown row " + after);
    ++it;
    for (const auto& r : d.at("insert")) it = f->t3_rows.insert(it, ParseRow(r)) + 1;
  }
  if (j.contains("table3_collapsed_groups")) {
    f->t3_collapsed.clear();
    for (const auto& g : j["table3_collapsed_groups"]) {
      CollapsedGroup cg;
      cg.label = MakeLabel(g.at("label").get<std::string>(), nullptr);
      for (const auto& r : g.at("rows")) {
        int idx = -1;
        for (size_t i = 0; i < f->t3_rows.size(); ++i) if (f->t3_rows[i].key == r.get<std::string>()) idx = static_cast<int>(i);
        if (idx < 0) throw std::runtime_error("table3_collapsed_groups: unknown row " + r.get<std::string>());
        cg.rows.push_back(idx);
      }
      f->t3_collapsed.push_back(std::move(cg));
    }
  }
  if (j.contains("table3_row_delta")) f->t3_collapsed.clear();  // the trial format has the single row itself
  if (j.contains("table4")) {
    const auto& t4 = j["table4"];
    f->t4_blocks.clear();
    f->t4_cols.clear();
    for (const auto& b : t4.at("blocks")) {
      f->t4_blocks.emplace_back(b.at("key").get<std::string>(),
                                MakeLabel(b.at("label").get<std::string>(), b.contains("aliases") ? &b["aliases"] : nullptr));
    }
    for (const auto& c : t4.at("cols")) f->t4_cols.push_back(ParseCol(c));
  }
  if (j.contains("markers")) {
    f->marker_norms.clear();
    for (const auto& m : j["markers"]) f->marker_norms.push_back(Normalize(m.get<std::string>()));
  }
}

void BuildCells(FormatSpec* f) {
  f->cells.clear();
  f->has_tables = !f->t3_rows.empty();
  f->table_begin[0] = 0;
  for (const auto& b : f->t2) {
    for (const auto& r : b.rows) {
      for (const auto& c : b.cols) {
        CellDef d{T2CellId(b.key, r.key, c.key), TableId::kT2, b.key, r.key, c.key, c.type,
                  "表二" + b.caption.text + "“" + r.label.text + "”行“" + c.label.text + "”列"};
        f->cells.push_back(std::move(d));
      }
    }
  }
  f->table_end[0] = f->table_begin[1] = static_cast<int>(f->cells.size());
  for (const auto& r : f->t3_rows) {
    for (const auto& c : f->t3_cols) {
      CellDef d{T3CellId(r.key, c.key), TableId::kT3, "", r.key, c.key, c.type,
                "表三“" + r.short_name + "”行“" + c.label.text + "”列"};
      f->cells.push_back(std::move(d));
    }
  }
  f->table_end[1] = f->table_begin[2] = static_cast<int>(f->cells.size());
  for (const auto& [bkey, blabel] : f->t4_blocks) {
    for (const auto& c : f->t4_cols) {
      CellDef d{T4CellId(bkey, c.key), TableId::kT4, bkey, "", c.key, c.type,
                "表四“" + blabel.text + "”“" + c.label.text + "”"};
      f->cells.push_back(std::move(d));
    }
  }
  f->table_end[2] = static_cast<int>(f->cells.size());
  f->cell_index_.clear();
  for (size_t i = 0; i < f->cells.size(); ++i) f->cell_index_[f->cells[i].id] = static_cast<int>(i);
}

int MustCell(const FormatSpec& f, const std::string& id) {
  int idx = f.CellIndex(id);
  if (idx < 0) throw std::runtime_error("format " + f.id + ": arithmetic names unknown cell " + id);
  return idx;
}

std::vector<std::string> KeysOf(const json& arr) {
  std::vector<std::string> out;
  for (const auto& k : arr) out.push_back(k.get<std::string>());
  return out;
}

void BuildConstraints(const json& arr, FormatSpec* f) {
  f->constraints.clear();
  for (const auto& a : arr) {
    std::string rule = a.at("rule").get<std::string>();
    const RuleInfo* info = FindRule(rule);
    if (!info) throw std::runtime_error("format " + f->id + ": arithmetic names unknown rule " + rule);
    std::string table = a.at("table").get<std::string>();
    std::string for_each = a.at("for_each").get<std::string>();
    Relation rel = a.value("relation", "==") == ">=" ? Relation::kGreaterEqual : Relation::kEqual;
    std::string desc = a.value("description", "");
    std::vector<std::string> lhs = KeysOf(a.at("lhs"));
    std::vector<std::string> rhs = KeysOf(a.at("rhs"));
    auto expand_rows = [&](const std::vector<std::string>& keys) {
      std::vector<std::string> out;
      for (const auto& k : keys) {
        if (k == "@outcome") {
          for (const auto& r : f->t3_rows) if (r.outcome) out.push_back(r.key);
        } else {
          out.push_back(k);
        }
      }
      return out;
    };
    if (table == "t3" && for_each == "col") {
      auto lrows = expand_rows(lhs), rrows = expand_rows(rhs);
      for (const auto& c : f->t3_cols) {
        Constraint k{rule, info->rule, rel, TableId::kT3, {}, {}, "表三“" + c.label.text + "”列", desc};
        for (const auto& r : lrows) k.lhs.push_back(MustCell(*f, T3CellId(r, c.key)));
        for (const auto& r : rrows) k.rhs.push_back(MustCell(*f, T3CellId(r, c.key)));
        f->constraints.push_back(std::move(k));
      }
    } else if (table == "t3" && for_each == "row") {
      for (const auto& r : f->t3_rows) {
        Constraint k{rule, info->rule, rel, TableId::kT3, {}, {}, "表三“" + r.short_name + "”行", desc};
        for (const auto& c : lhs) k.lhs.push_back(MustCell(*f, T3CellId(r.key, c)));
        for (const auto& c : rhs) k.rhs.push_back(MustCell(*f, T3CellId(r.key, c)));
        f->constraints.push_back(std::move(k));
      }
    } else if (table == "t4" && for_each == "block") {
      for (const auto& [bkey, blabel] : f->t4_blocks) {
        Constraint k{rule, info->rule, rel, TableId::kT4, {}, {}, "表四“" + blabel.text + "”", desc};
        for (const auto& c : lhs) k.lhs.push_back(MustCell(*f, T4CellId(bkey, c)));
        for (const auto& c : rhs) k.rhs.push_back(MustCell(*f, T4CellId(bkey, c)));
        f->constraints.push_back(std::move(k));
      }
    } else if (table.rfind("t2.", 0) == 0 && for_each == "row") {
      std::string bkey = table.substr(3);
      const Table2Block* blk = nullptr;
      for (const auto& b : f->t2) if (b.key == bkey) blk = &b;
      if (!blk) throw std::runtime_error("format " + f->id + ": arithmetic names unknown block " + bkey);
      for (const auto& r : blk->rows) {
        Constraint k{rule, info->rule, rel, TableId::kT2, {}, {}, "表二" + blk->caption.text + "“" + r.label.text + "”行", desc};
        for (const auto& c : lhs) k.lhs.push_back(MustCell(*f, T2CellId(bkey, r.key, c)));
        for (const auto& c : rhs) k.rhs.push_back(MustCell(*f, T2CellId(bkey, r.key, c)));
        f->constraints.push_back(std::move(k));
      }
    } else {
      throw std::runtime_error("format " + f->id + ": unsupported arithmetic " + table + "/" + for_each);
    }
  }
}

// Formats added by AddFormats, and whether AllFormats has loaded (after which none may be added).
std::mutex g_extra_mutex;
std::vector<std::string> g_extra_formats;
bool g_formats_loaded = false;

std::vector<FormatSpec> LoadAll(const std::vector<std::string>& extra) {
  std::vector<json> docs;
  for (int i = 0; i < kEmbeddedFormatCount; ++i) docs.push_back(json::parse(kEmbeddedFormatJson[i]));
  for (const std::string& text : extra) docs.push_back(json::parse(text));
  std::vector<FormatSpec> out;
  std::vector<const json*> arithmetic;  // per loaded format: the arithmetic it was built from (its own or its parent's)
  // Base formats first, then those that inherit, so a parent is always loaded before its child.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& j : docs) {
      bool inherits = j.contains("inherits");
      if (inherits != (pass == 1)) continue;
      const std::string id = j.at("id").get<std::string>();
      for (const auto& g : out) {
        if (g.id == id) throw std::runtime_error("two formats have the id " + id);
      }
      FormatSpec f;
      const json* arith = j.contains("arithmetic") ? &j["arithmetic"] : nullptr;
      if (inherits) {
        std::string parent = j["inherits"].get<std::string>();
        size_t p = out.size();
        for (size_t k = 0; k < out.size(); ++k) if (out[k].id == parent) p = k;
        if (p == out.size()) throw std::runtime_error("format " + id + " inherits unknown " + parent);
        f = out[p];
        if (!arith) arith = arithmetic[p];  // rebuilt: the child's cells may sit at other indices
      }
      ParseInto(j, &f);
      BuildCells(&f);
      if (arith) BuildConstraints(*arith, &f);
      out.push_back(std::move(f));
      arithmetic.push_back(arith);
    }
  }
  // Newest first (by the first year each applies to), so ties between formats go to the newer.
  std::stable_sort(out.begin(), out.end(), [](const FormatSpec& a, const FormatSpec& b) { return a.year_from > b.year_from; });
  return out;
}

}  // namespace

std::string T2CellId(std::string_view block, std::string_view row, std::string_view col) {
  return std::string(TableKey(TableId::kT2)) + "." + std::string(block) + "." + std::string(row) + "." + std::string(col);
}

std::string T3CellId(std::string_view row, std::string_view col) {
  return std::string(TableKey(TableId::kT3)) + "." + std::string(row) + "." + std::string(col);
}

std::string T4CellId(std::string_view block, std::string_view col) {
  return std::string(TableKey(TableId::kT4)) + "." + std::string(block) + "." + std::string(col);
}

const char* TableKey(TableId t) {
  switch (t) {
    case TableId::kT2: return "t2";
    case TableId::kT3: return "t3";
    case TableId::kT4: return "t4";
  }
  return "?";
}

const char* TableChineseName(TableId t) {
  switch (t) {
    case TableId::kT2: return "表二（主动公开政府信息情况）";
    case TableId::kT3: return "表三（收到和处理政府信息公开申请情况）";
    case TableId::kT4: return "表四（政府信息公开行政复议、行政诉讼情况）";
  }
  return "?";
}

int FormatSpec::CellIndex(std::string_view id) const {
  auto it = cell_index_.find(id);
  return it == cell_index_.end() ? -1 : it->second;
}

int FormatSpec::T3RowIndex(std::string_view key) const {
  for (size_t i = 0; i < t3_rows.size(); ++i) if (t3_rows[i].key == key) return static_cast<int>(i);
  return -1;
}

int FormatSpec::T3ColIndex(std::string_view key) const {
  for (size_t i = 0; i < t3_cols.size(); ++i) if (t3_cols[i].key == key) return static_cast<int>(i);
  return -1;
}

const std::vector<FormatSpec>& AllFormats() {
  static const std::vector<FormatSpec> formats = [] {
    std::lock_guard<std::mutex> lock(g_extra_mutex);
    g_formats_loaded = true;
    return LoadAll(g_extra_formats);
  }();
  return formats;
}

Result<void> AddFormats(std::vector<std::string> json_texts) {
  std::lock_guard<std::mutex> lock(g_extra_mutex);
  if (g_formats_loaded) {
    return MakeError(ErrorCode::kInvalidArgument, "报告格式已经载入，不能再添加格式", "在使用任何格式之前添加");
  }
  std::vector<std::string> all = g_extra_formats;
  all.insert(all.end(), json_texts.begin(), json_texts.end());
  try {
    LoadAll(all);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("报告格式文件无法载入：") + e.what());
  }
  g_extra_formats = std::move(all);
  return {};
}

const FormatSpec* FormatForYear(int year) {
  for (const FormatSpec& f : AllFormats()) {
    if (year >= f.year_from && year <= f.year_to) return &f;
  }
  return nullptr;
}

const FormatSpec& LatestFormat() {
  static const FormatSpec* latest = [] {
    for (const FormatSpec& f : AllFormats()) if (f.has_tables) return &f;
    throw std::runtime_error("no report format has tables");
  }();
  return *latest;
}

const FormatSpec* FindFormat(std::string_view id) {
  for (const auto& f : AllFormats()) if (f.id == id) return &f;
  return nullptr;
}

std::string_view StripListNumber(std::string_view norm) {
  size_t i = 0;
  if (norm.empty()) return norm;
  if (norm[0] == '(') {
    size_t close = norm.find(')');
    if (close != std::string_view::npos && close <= 1 + 3 * 3) {
      // "(一)" / "(1)"
      bool numeral = true;
      for (size_t k = 1; k < close;) {
        char32_t cp = NextCodePoint(norm, &k);
        if (!IsChineseNumeral(cp) && !(cp >= '0' && cp <= '9')) numeral = false;
      }
      if (numeral && close > 1) return norm.substr(close + 1);
    }
    return norm;
  }
  size_t j = 0;
  bool any = false;
  while (j < norm.size()) {
    size_t k = j;
    char32_t cp = NextCodePoint(norm, &k);
    if (IsChineseNumeral(cp) || (cp >= '0' && cp <= '9')) {
      j = k;
      any = true;
    } else {
      break;
    }
  }
  if (!any || j >= norm.size()) return norm;
  i = j;
  size_t k = i;
  char32_t sep = NextCodePoint(norm, &k);
  if (sep == '.' || sep == 0x3001 /* 、 */) return norm.substr(k);
  return norm;
}

}  // namespace xxgk
