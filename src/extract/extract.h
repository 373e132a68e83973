// The extractor: document model in, report out (format, metadata, sections, tables, extraction
// findings). It never sees a file format; the checker runs afterwards.
#pragma once

#include "model/document.h"
#include "report/report.h"

namespace xxgk {

// Builds the report of a document. Never fails: what cannot be recovered is null and explained by a
// finding. `report.format` is nullptr when the document is not recognised as an annual report.
// `trace`, when given, receives a developer's account of how table rows were aligned (tables.h).
Report ExtractReport(const Document& doc, std::string* trace = nullptr);

// True when the report carries nothing of an annual report: no section, no table, no report title.
bool LooksLikeNoReport(const Report& report);

}  // namespace xxgk
