// D1, the publication deadline rule, for one report: the deadlines themselves are facts of the standard
// (schema/body_kinds.h), shared with the store, which may know a body's kind from a roster.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "report/report.h"
#include "schema/body_kinds.h"

namespace xxgk {

// D1 for a report on `year` published (or, failing that, signed) on the given ISO dates, by a body of this
// kind; nullopt when on time or when no statutory date applies. `why_kind` says where the kind comes from
// when that is worth saying (a roster), and goes into the message.
std::optional<Finding> LateFinding(const std::optional<std::string>& published, const std::optional<std::string>& signed_date,
                                   int year, BodyKind kind, std::string_view why_kind = {});
// The same against a deadline given outright (a registry's, which overrides the statute).
std::optional<Finding> LateFinding(const std::optional<std::string>& published, const std::optional<std::string>& signed_date,
                                   const PublicationDeadline& due, std::string_view why = {});

}  // namespace xxgk
