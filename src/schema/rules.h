// The rule registry: every rule a finding can carry, defined once — its id, default severity, where it
// applies (one report, or the corpus across years), a Chinese title and the fix an officer should make, and
// what it checks (for developers). Findings are made through it (MakeFinding), the severity words come from
// it, `xxgk rules` prints it (docs/rules.md's tables are generated from that output and a test keeps them in
// step), and the web app reads it from GET /api/rules.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace xxgk {

enum class Severity : uint8_t { kError, kWarning, kInfo };
const char* SeverityName(Severity s);     // "error", "warning", "info"
const char* SeverityChinese(Severity s);  // "错误", "警告", "提示"
// The severity named by SeverityName's word; kInfo for anything else.
Severity SeverityFromName(std::string_view name);

enum class Rule : uint8_t {
  kC1, kC2, kC3, kC4, kC5, kC6, kC7, kC8, kC9, kC10, kC11, kC12, kC13, kC14, kC15,
  kS1, kS2, kS3, kS4, kD1, kD2, kM1, kE1, kR1,
  kA1, kA2, kA3, kA4, kA5,  // the office's register of applications (src/ledger)
  kCount,  // not a rule: the number of rules (keep it last; rules.cc's static_asserts count the registry by it)
};

enum class RuleScope : uint8_t {
  kReport,  // decided from one report
  kCorpus,  // decided against the same body's other years in the store
  kLedger,  // decided from the office's register of applications (src/ledger), not from a report
};

struct RuleInfo {
  Rule rule;
  std::string_view id;        // "C2": the finding's "rule" in the JSON contract
  Severity severity;          // the default; a few rules grade it (C7: warning when large)
  RuleScope scope;
  std::string_view title;     // Chinese, a few words: "表三行合计不符"
  std::string_view fix;       // Chinese, for the officer who corrects the report
  std::string_view checks;    // English, for developers: what exactly is checked
  std::string_view where;     // the source that decides it
};

// Every rule, in the registry's order (tables C, structure S, dates D, metadata M, extraction E, corpus R,
// register A).
std::span<const RuleInfo> AllRules();
const RuleInfo& InfoOf(Rule rule);
// The rule with that id ("C2"), or nullptr.
const RuleInfo* FindRule(std::string_view id);

}  // namespace xxgk
