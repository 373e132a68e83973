// Serialises a report as the JSON object of spec/report-json.md ("xxgk/report@1"). Hand-written for
// speed: the parse → JSON path runs thousands of times a second.
#pragma once

#include <string>

#include "core/result.h"
#include "report/report.h"

namespace xxgk {

struct JsonOptions {
  bool provenance = false;  // add "cells_at": where every table cell was read
  bool section_text = true; // include each section's text
};

// Appends the report JSON (one line, no trailing newline) to *out.
void WriteReportJson(const Report& report, std::string* out, const JsonOptions& options = {});

// Appends the JSON line of a document that could not be processed (one line, no newline):
// {"schema":"xxgk/report@1","source":{"name":…},"error":{"code":…,"message":…}}. The name is made valid
// UTF-8. The CLI's JSON Lines and the API's answers both write it.
void WriteErrorJson(std::string_view name, const Error& error, std::string* out);

// Appends the rule registry (schema/rules.h) as a JSON array: id, severity, severity_zh, scope ("report" or
// "corpus"), title, fix, checks. Served at GET /api/rules and printed by `xxgk rules --json`.
void WriteRulesJson(std::string* out);
// The formats (newest first: id, name, title, source, years, has_tables, cells, constraints) and the kinds of
// body (id, zh), as `xxgk formats --json` and GET /api/formats give them.
void WriteFormatsJson(std::string* out);

// Appends s as a JSON string literal (with quotes) to *out.
void AppendJsonString(std::string_view s, std::string* out);

// Appends {"line":…} etc. for a provenance.
void AppendProvenanceJson(const Provenance& at, std::string* out);

}  // namespace xxgk
