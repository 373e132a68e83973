// The table extractor's parts, shared by the files of its phases (internal to src/extract; the interface is
// tables.h). One extractor reads one table of one document in three phases:
//   table_groups.cc    tokens → groups of label text and values; where rows begin and end (blank lines, a
//                      row's values beside its label, runs one value per line), how values sit (layouts);
//   table_align.cc     groups ↔ the format's rows by label evidence (weights: align_weights.h), positions
//                      where labels were lost and only where they are sure, stacked labels dealt out;
//   table_solve.cc     short rows as cases with their readings under the damage models (damage_models.h),
//                      narrowed to the models in play and the narrative's numbers, the joint search over
//                      the identities, units;
//   table_findings.cc  what was done and what could not be, as S2, S4 and E1 findings;
// and tables.cc runs the phases for the three tables of a document together, deciding the models in play.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/align_weights.h"
#include "extract/damage_models.h"
#include "extract/lines.h"
#include "extract/tables.h"
#include "extract/tokens.h"
#include "report/report.h"
#include "schema/format_spec.h"

namespace xxgk::table_detail {

// One row of the schema to be filled: its labels and its cells.
struct Slot {
  const Label* label = nullptr;   // row label
  int collapsed = -1;             // index into FormatSpec::t3_collapsed: one printed row for several
  std::string name;               // for messages
  std::vector<int> cells;         // cell indices in schema order
};

// A run of label text followed by values, as found in the document.
struct Group {
  std::string label;              // match form
  std::vector<uint32_t> vals;     // token indices (numbers and blanks)
  uint32_t first_line = 0;
  int placeholders = 0;           // leading values that stood in for a lost label
  bool continuation = false;      // cut off the end of a longer run of values (a row of the same line)
  bool untrusted = false;         // a piece of a run whose row boundaries cannot be known
  size_t own_from = std::string::npos;  // label text on the values' own line starts here (npos: none)
  std::vector<std::pair<uint32_t, uint32_t>> pieces;  // (offset in label, line) of each text piece
};

// Inline, with the last byte compared first: label matching asks this of every group and every row, and
// most rows' labels end in another character.
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  if (suffix.size() > s.size()) return false;
  if (suffix.empty()) return true;
  if (s.back() != suffix.back()) return false;
  return s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Tail of s holding `cps` code points (or all of s).
std::string_view TailCodePoints(std::string_view s, size_t cps);

enum Quality { kNoMatch = 0, kFuzzy = 1, kContent = 2, kAlias = 3, kExact = 4 };
Quality MatchLabel(std::string_view text, const Label& l, bool fuzzy, std::string* matched_variant);

std::vector<Slot> BuildSlots(TableId table, const FormatSpec& spec);
// The same, built once per format and table and kept (formats live as long as the program).
const std::vector<Slot>& SlotsOf(TableId table, const FormatSpec& spec);

// Labels that may precede values whose own row label was lost: group captions and headers.
bool IsHeaderOnlyLabel(std::string_view label, TableId table, const FormatSpec& spec);

bool NoRepeatedLines(const LineView& view);

// The unit a table-2 header gives the amount columns of the block whose label text this is
// ("采购总金额（元）", "本年收费金额（单位：万元）"); only the text after the block's caption counts.
PrintedUnit HeaderUnit(std::string_view label);

// Offset of the first list number in a match-form label ("1.", "(六)", "四、"), or its size if none.
size_t ListNumberStart(std::string_view t);

// What the three tables share about their document, computed on first use: an undamaged report never
// needs it.
class DocumentFacts {
 public:
  explicit DocumentFacts(const LineView& view) : view_(view) {}
  // The steps the damage models' enumerations may still take in this document (EnumerateReadings' work):
  // a document of many pathological rows costs no more than two rows' budgets.
  size_t* EnumerationWork() const { return &enumeration_work_; }
  DamageSet Allowed() const {
    if (allowed_ < 0) {
      DamageSet a = Bit(DamageModel::kSeparatorsLost) | Bit(DamageModel::kCellsLost);
      if (NoRepeatedLines(view_)) a |= Bit(DamageModel::kCollapsedRuns);
      allowed_ = a;
    }
    return static_cast<DamageSet>(allowed_);
  }

 private:
  const LineView& view_;
  mutable int allowed_ = -1;
  mutable size_t enumeration_work_ = 2000000;
};

class TableExtractor {
  using W = AlignWeights;
  // A row printed with fewer values than cells, and its readings (MakeCase).
  struct RowCase {
    int slot = 0;
    DamageSet possible = 0;   // models that could have produced the row
    DamageSet read_by = 0;    // models under which some reading survives the row's own arithmetic
    bool complete = true;     // every reading was enumerated
    bool by_text = false;     // the narrative's numbers narrowed the readings
    DamageSet pruned = 0;     // models under which the row's own arithmetic ruled readings out
    bool local_pruned = false;  // … one of them in play
    std::vector<Reading> all;       // every reading under the models possible for the row
    std::vector<const Reading*> readings;  // those of `all` under the models in play, narrowed by the narrative
    std::vector<std::string> local_rules;  // rules checked within the row
    Provenance at;
    std::string written;      // the values as printed
    std::vector<std::string> digits;  // the printed numbers' digits, which layout views
    RowLayout layout;
  };
  struct Repair {
    int slot;
    std::string written;
    Reading reading;
    std::string decided;
  };
  struct Ambiguity {
    int slot;
    std::string text;
    bool by_text;
    std::vector<int> agreed;  // cells every remaining reading gives the same value: filled
    std::string written;
  };
 public:
  TableExtractor(const LineView& view, LineRange range, TableId table, const FormatSpec& spec,
                 const std::vector<CellPin>& pins, const DocumentFacts* doc, std::string* trace, Report* report)
      : view_(view), range_(range), table_(table), spec_(spec), pins_(pins), report_(report), slots_(SlotsOf(table, spec)),
        doc_(doc), trace_(trace) {}
  // Hands the groups' buffers to the next table of this thread (FreshGroup).
  ~TableExtractor();
  TableExtractor(const TableExtractor&) = delete;
  TableExtractor& operator=(const TableExtractor&) = delete;

  // Phase 1: groups of label text and values, aligned with the format's rows; full rows filled, short rows
  // kept as cases with their readings under every possible damage model.
  void Prepare();

  // The evidence this table gives, with the rows that give it. A model that reads every cell (separators
  // lost, runs collapsed) is shown by a row that it reads and the other such model does not; cells lost,
  // which leaves cells unknown, only by a row that neither of those can read.
  void Evidence(std::vector<std::pair<DamageModel, std::string>>* out) const;

  // The lines the table occupies: from its region's start to the last line holding one of its values
  // (empty when nothing was read).
  LineRange Used() const;

  // Phase 2: with the models in play for the whole document, settle the short rows (again, when the models
  // in play grew: every earlier reading is undone first).
  void Resolve(DamageSet in_play);

  // Phase 3: the last checks on what was read, and the findings.
  void Complete(DamageSet in_play, const std::string (&notes)[kDamageModelCount]);

  // Whether an exact identity of this table, with every cell read, fails and involves a repaired cell.
  bool RepairsBreakIdentity() const;

 private:
  std::string_view Text(const Token& t) const { return std::string_view(text_).substr(t.text_begin, t.text_len); }
  static bool IsValue(const Token& t) { return t.kind != TokKind::kText; }

  // Rows such as "0 <tab> 1. 属于国家秘密 <tab> 0 … 0": one or two values before the only label of a
  // line that ends in values stand in for a lost group label.
  void MarkPlaceholders();

  size_t SplitAt() const;

  void BuildGroups();

  // Rows filled by position (labels lost) are sure only where the rows without labels between two rows
  // matched by label are exactly as many as the rows of the format between them, and every one is used.
  // Otherwise (a row dropped, a row that could not be read, a stray line) the positions are shifted by an
  // unknown amount, and those rows are not filled (E1 names them).
  void WithdrawUnsurePositions(std::vector<std::pair<size_t, size_t>>* pairs, const std::vector<int8_t>& label_score,
                               size_t ns) const;

  // Whether a header-only label lets its values fill slot s by position: a label ending with a group's header
  // ("（五）不予处理") only for a row of that group; any other header for any row.
  // `named` is NamedGroup(label), found once per label.
  bool InNamedGroup(const std::string* named, size_t s) const;
  // The group header a label ends with (its group_norm), or nullptr.
  const std::string* NamedGroup(std::string_view label) const;

  // Whether a group holds a number written with a leading zero ("0751025"): digits of several cells run
  // together, never one cell's value.
  bool HasRunTogetherValue(const Group& g) const;

  // Whether a blank source line separates token i from the group's last value, both alone on their lines
  // of a text source (a blank line inside a table of one value per line is a lost row label).
  bool BlankLineBefore(const Group& g, size_t i) const;

  // Whether the line of token i holds values only (from i on).
  bool LineIsValuesOnly(size_t i) const;

  // The digits of a group's values: a row's values whose digits could fill the row already.
  size_t DigitsIn(const Group& g) const;

  // The values of a group as printed ("9 0 9"), from its `from`-th value, at most `count` of them.
  std::string Written(const Group& g, size_t from = 0, size_t count = SIZE_MAX) const;

  // How many value tokens stand on the line of token i, from i on.
  size_t ValuesOnLine(size_t i) const;

  // The slots groups are aligned with: all of them, but table 4's last (the whole table, read apart).
  size_t AlignedSlotCount() const { return table_ == TableId::kT4 ? slots_.size() - 1 : slots_.size(); }

  // Evidence that group text names slot s: 0 none; higher is stronger. *variant is set for label variants.
  int LabelScore(std::string_view text, int s, std::string* variant, bool fuzzy = true) const;

  // What a group's label says about every slot of the table: a function of the label, the label completed
  // by the text after its numbers (`combined`, or empty), the table and the format only.
  struct LabelEvidence {
    std::vector<int8_t> score;                             // per slot, LabelScore's scale
    std::vector<std::pair<uint32_t, std::string>> variants;  // (slot, the label variant that matched)
    int best_any = 0;                                      // the best evidence the full passes found
    bool header_only = false;                              // IsHeaderOnlyLabel
    const std::string* named_group = nullptr;              // NamedGroup, when header_only
  };
  LabelEvidence ScoreLabel(const std::string& label, const std::string& combined) const;
  // The same, kept per thread for the labels seen before: most labels of most reports are the format's own.
  const LabelEvidence& ScoreLabelCached(const std::string& label, const std::string& combined) const;

  // Whether a row label occurs in text. A numbered label ("1.属于国家秘密", "(一)予以公开") can only start
  // where a list number starts, so only those places are compared (the places are found once per text);
  // unnumbered labels (规章, 行政许可) are searched for. `content` labels (numbering removed) may also start
  // right after a list number.
  bool ContainsLabel(std::string_view text, std::string_view pattern, bool content = false, int numbered = -1) const;

  // Whether a group's values can fill a slot: exactly, with up to two stray leading values, or with fewer
  // values under a damage model that is possible for the group's layout.
  bool Fits(size_t g, size_t n) const;

  // The models the document allows (computed once per document, and only when a row is short).
  DamageSet Allowed() const { return doc_->Allowed(); }

  // Whether a value token is set off from the text around it, as a cell is: white space or the cell's edge on
  // both sides ("数据1" in a header cell is a name, not a value).
  bool StandsApart(const Token& t) const;

  // How each group's values sit in the document (for the damage models). Groups whose values are not all
  // numbers get an empty layout: no model reads blanks.
  void BuildLayouts();

  // Rows of a fixed width that ran together without labels are cut into rows first. Returns whether any
  // group was cut (and the layouts need building again).
  bool SplitOversizedGroups();

  // Table 4 printed as one short run of values (digits run together across blocks, "21317000001324019", or
  // a whole all-zero table collapsed to one "0"): read it against all fifteen cells at once (C4 per block).
  void SplitWholeTable4();

  // Aligns the groups found in the document with the schema's rows, in order, maximising label evidence
  // (dynamic programming, like sequence alignment). A group whose text names no row and is not a header
  // is narrative and is never assigned; a group without a label fills a row by position.
  // A label naming several rows followed by rows of numbers without labels (a shredded extraction:
  // "…2.没有现成信息需要另行制作3.补正后申请内容仍不明确" then two number rows): the labels are dealt out
  // to the number rows in order.
  void DealOutStackedLabels();

  void MatchGroups();

  // One printed row standing for several rows of the format (（六）其他处理 in a 2021 report): zero values
  // make every sub-row zero; other values cannot be divided among the sub-rows.
  void FillCollapsed(const Group& g, int slot);

  void SetValue(int cell, double value, bool fractional, bool yuan, const Provenance& at, bool repaired);

  PrintedUnit HeaderUnitOf(int cell) const;

  void NoteHeaderUnits(const Group& g, int slot);

  // A row printed with fewer values than its cells: its readings under every model possible for its
  // layout, each already checked against the row's own arithmetic (C2 for a table-3 row, C4 for a table-4
  // block). Which of them count is decided later, for the whole document. Returns false
  // when no model could have produced the row.
  bool MakeCase(size_t gi, int slot);

  // Appends a case's readings under one model, each checked against the row's own arithmetic, and notes
  // whether that arithmetic ruled any out (the same enumeration checking the cells' types only, stopped as
  // soon as it finds more readings than survived).
  // More readings than this for one row under one model: the row is left unread (E1), and the document's
  // time stays within its budget.
  static constexpr size_t kMaxReadings = 1024;

  void Enumerate(RowCase* rc, DamageModel model, bool cut_digits);

  // The slots a case fills: the slot itself, or every block for the whole-table-4 slot.
  std::vector<int> WholeOrSelf(int slot) const;

  void ApplyReading(int slot, const Reading& r, const Provenance& at);

  // The exact identities whose every cell lies in a slot, as positions in the slot, with the position that
  // completes each.
  struct LocalConstraint {
    std::vector<int> lhs, rhs;
    int last = 0;  // the highest position: the constraint can be evaluated once it has a value
    Relation relation = Relation::kEqual;
    std::string rule;
  };

  std::vector<LocalConstraint> LocalConstraints(int slot) const;

  static bool Holds(Relation rel, double l, double r);

  // Checks a partial reading incrementally: the type of its last value, and the constraints that value
  // completes (earlier values were checked when they were added). A constraint over a lost cell cannot be
  // checked and does not prune.
  bool PartialHolds(int slot, const std::vector<LocalConstraint>& cons, const Reading& r) const;

  // Narrows each case to the models in play for the document and the numbers the narrative states, fills
  // the rows left with one reading, and hands the rest to the joint pass.
  void ResolveCases(DamageSet in_play);

  // In a document damaged in a way that changes how many values a row prints, a row that printed the right
  // number of values but breaks its own arithmetic (C2, C4) more likely took a neighbour's value (a row of
  // five and a run-together row of one are six values, then seven) than printed a wrong total: it is not
  // filled. Without such damage, the same failure is the report's own (the checker reports it).
  void DistrustBrokenFullRows(DamageSet in_play);

  // What settled a case, for the S4 message: the identities that ruled other readings out (the row's own,
  // then those tying it to other rows), the narrative, or nothing but the model itself.
  std::string Decided(const RowCase& rc, const std::vector<std::string>& joint_rules) const;

  static std::string Candidates(const std::vector<Reading>& rs);
  static std::string Candidates(const std::vector<const Reading*>& rs);

  // Joint pass: rows with several readings are settled together by the identities that tie rows (C1, C3
  // per column). Cells on which every surviving combination agrees are filled; the rest stay null.
  void ResolveDeferred();

  // Rows that all carry the same values (2|1|9 in every row of table 2, numbers taken from outside the
  // table) are no table: every cell is emptied and one E1 says why.
  void WithdrawImplausibleTable();

  void Report();

  // True when a label read with a "variant" is really the template label cut by a line wrap or with the
  // characters of a vertical group label ("（四）无法提供") interleaved: not a deviation of the report.
  bool WrappedNotDeviating(const std::string& variant, int slot) const;

  // S2 for table 3 column headers that use a variant label (e.g. 社会组织 for 社会公益组织).
  void CheckColumnHeaders(const char* tname);

  const LineView& view_;
  LineRange range_;
  TableId table_;
  const FormatSpec& spec_;
  const std::vector<CellPin>& pins_;
  xxgk::Report* report_;
  std::vector<Token> toks_;
  std::string text_;
  std::vector<bool> placeholder_;
  const std::vector<Slot>& slots_;
  std::vector<Group> groups_;
  std::vector<int> filled_, repaired_, stray_;
  std::vector<std::pair<int, bool>> converted_;          // amount cells converted to 万元; unit printed in the cell
  std::vector<std::pair<int, PrintedUnit>> header_units_;  // amount cells whose header names a unit
  std::vector<std::pair<int, std::string>> deviations_;
  std::vector<std::pair<int, size_t>> incomplete_;
  std::deque<RowCase> cases_;
  std::vector<Finding> implausible_;  // WithdrawImplausibleTable's finding, reported with the table
  bool resolved_ = false;
  size_t unreadable_base_ = 0;
  struct FullRow {
    int slot;
    size_t group;  // index into groups_
    size_t skip;   // stray leading values
  };
  std::vector<FullRow> full_rows_;  // rows filled from exactly their number of values
  std::vector<RowCase*> deferred_;
  std::vector<RowLayout> layouts_;
  std::vector<std::vector<std::string>> digit_store_;  // the digits layouts_ view
  std::vector<Repair> repairs_;
  std::vector<std::pair<int, std::string>> unreadable_;
  std::vector<Ambiguity> ambiguous_;
  const DocumentFacts* doc_;
  size_t max_cells_ = 0;
  std::string evidence_note_[kDamageModelCount];
  std::string* trace_ = nullptr;
  std::vector<std::pair<int, bool>> collapsed_;  // collapsed slot, all zero
  mutable std::string_view marks_text_;           // ContainsLabel's cache: the text and its list-number places
  mutable std::vector<size_t> marks_;
  int by_label_ = 0;
  uint32_t first_line_ = UINT32_MAX;
  uint32_t last_line_ = 0;  // the last line holding a value read into the table
  std::string header_text_;
};

}  // namespace xxgk::table_detail
