#include "pipeline/pipeline.h"

#include "core/sha256.h"
#include "core/utf8.h"
#include "encoding/chinese_variant.h"
#include "extract/extract.h"
#include "readers/registry.h"

namespace xxgk {

Result<Report> ProcessDocument(std::string_view bytes, std::string_view name, const PipelineOptions& options,
                               std::string_view known_sha256) {
  if (bytes.size() > options.max_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     "文件过大（" + std::to_string(bytes.size() >> 20) + " MB），超过上限 " +
                         std::to_string(options.max_bytes >> 20) + " MB",
                     "年度报告通常小于 10 MB；如确需处理，请调高文件大小上限（命令行 --max-mb，网页服务 --max-upload-mb）");
  }
  ReadLimits limits;
  limits.deadline = Deadline::After(options.max_seconds);
  const Deadline& deadline = limits.deadline;
  Document doc;
  // The name comes from outside (a file name in any encoding, an upload's name): the report's text is UTF-8.
  doc.source.name = ToValidUtf8(name);
  doc.source.bytes = bytes.size();
  doc.source.sha256 = known_sha256.empty() ? Sha256Hex(bytes) : std::string(known_sha256);
  if (auto ok = ReadDocument(bytes, &doc, limits); !ok) return tl::unexpected(ok.error());
  // Mirror sites serve Traditional copies: match them after conversion to Simplified.
  bool traditional = false;
  if (!doc.blocks.empty()) {
    // The text's first 16 KB, gathered only as far as needed: most reports are clearly Simplified from
    // their first 4 KB.
    std::string sample;
    size_t next_block = 0;
    auto gather = [&](size_t limit) {
      while (next_block < doc.blocks.size() && sample.size() <= limit) {
        const Block& b = doc.blocks[next_block++];
        sample.append(b.text);
        for (const auto& row : b.rows) for (const Cell& c : row) sample.append(c.text);
      }
    };
    gather(kClearlySimplifiedReads);
    if (!ClearlySimplified(sample)) {
      gather(16384);
      traditional = LooksTraditional(sample) && ConvertDocumentToSimplified(&doc);
    }
  }
  if (deadline.Expired()) return TimeLimitError(deadline, "转换繁体字时");
  std::string trace;
  Report report = ExtractReport(doc, options.trace_tables ? &trace : nullptr);
  report.table_trace = std::move(trace);
  if (LooksLikeNoReport(report)) {
    return MakeError(ErrorCode::kNotAReport, "未识别为政府信息公开工作年度报告：没有找到报告标题、六个部分的标题或统计表",
                     "请确认文件内容是年度报告全文");
  }
  if (deadline.Expired()) return TimeLimitError(deadline, "识别报告内容时");
  if (options.check) CheckReport(&report, options.check_options);
  if (traditional) {
    Finding f = MakeFinding(Rule::kS4);
    f.message = "文件为繁体中文（可能来自镜像网站的转换），已转换为简体后识别。";
    report.findings.push_back(std::move(f));
  }
  if (report.source.replaced_chars > 0) {
    Finding f = MakeFinding(Rule::kS4);
    f.message = "文件中有" + std::to_string(report.source.replaced_chars) + "处字节不符合" + report.source.encoding +
                "编码，已替换为“�”；这些位置的文字可能缺失。";
    report.findings.push_back(std::move(f));
  }
  return report;
}

}  // namespace xxgk
