// The weights of label alignment (tables.cc): how strongly a group's label text names a row of the format,
// and what aligning a group with a row is worth. One place, each with the reason for its value; the
// alignment is a dynamic programme over groups × rows in document order that maximises their sum.
#pragma once

namespace xxgk {

struct AlignWeights {
  // Label evidence, strongest first. Only the order matters between them, and the gaps below the
  // thresholds named after them.
  static constexpr int kExact = 12;          // the text ends with the official label
  static constexpr int kAliasOrCollapsed = 11;  // ends with a known variant (社会组织), or names a collapsed group row
  static constexpr int kContained = 10;      // contains the official label where a label may start (stacked labels)
  static constexpr int kAliasContained = 9;  // contains a known variant there
  static constexpr int kContent = 8;         // ends with the label without its list number ("属于国家秘密")
  static constexpr int kContentContained = 6;  // contains it right after a list number
  static constexpr int kFuzzy = 4;           // a typo within a third of the label, with the same list number
  // Thresholds on that evidence.
  static constexpr int kSure = kExact;       // nothing better to look for: the typo-tolerant pass is skipped
  static constexpr int kSuffixSure = kAliasOrCollapsed;  // a suffix match this good ends the cheap first pass
  static constexpr int kOutOfOrder = kContained;  // a group left over fills an empty row out of order only this sure
  static constexpr int kDealsOut = kFuzzy;   // a segment of stacked labels names a row when at least this

  // What assigning a group to a row adds to the alignment.
  static constexpr int kLabelBase = 10;      // + the evidence: any named row beats every positional one
  static constexpr int kPositional = 2;      // a group without a label (or only a group header) fills a row by
                                             // position: worth more than leaving it, less than any label
  static constexpr int kWrongLabel = -6;     // a group naming some other row placed here: only when nothing
                                             // better exists, and never ahead of a positional fill
  static constexpr int kSkipUnlabelledRow = -1;  // leaving out a group of values without a label: a small cost,
                                                 // so that rows of values are used when they fit
};

}  // namespace xxgk
