#!/usr/bin/env python3
"""The hostile-input suite: every case is generated here (nothing large is kept in the repository), run in
a child `xxgk`, and held to its budget: the exit code, a message naming the cause, the time, and the peak
memory (RSS from wait4's rusage of that child) within 16 × the input + 64 MB.

Usage: hostile.py XXGK [--table] [--only NAME]   (--table prints the results as a Markdown table)
"""
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

MB = 1 << 20


def file_contains(f, needle, chunk=1 << 20):
    """Whether the open file holds needle, read in chunks (the runner stays small: see run)."""
    f.seek(0)
    tail = b""
    while True:
        block = f.read(chunk)
        if not block:
            return False
        if needle in tail + block:
            return True
        tail = block[-len(needle):]


def run(argv, needle):
    """Runs argv; returns (exit code, stdout holds needle, stderr, seconds, peak RSS bytes) of that child.
    A child's peak RSS starts from its parent's at fork (it survives exec), so the runner never holds the
    generated files in memory: they are made by a separate process (generate) and read back in chunks."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        took = time.monotonic() - t0
        code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return code, file_contains(out, needle), err.read(64 << 10).decode(errors="replace"), took, usage.ru_maxrss * 1024


HEAD = ("某局2024年政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "三、收到和处理政府信息公开申请情况\n")


# --- generators: each writes one file and returns its path -------------------------------------------

def text_short_lines(d):
    # 63 MB of one-character lines: under the size limit, far over the line budget.
    p = os.path.join(d, "short_lines.txt")
    with open(p, "wb") as f:
        f.write(HEAD.encode())
        f.write(b"x\n" * (63 * MB // 2 - len(HEAD.encode())))
    return p


def text_long_lines(d):
    # 60 MB in 95,000 long lines: inside every limit, so it is read; memory and time stay bounded.
    p = os.path.join(d, "long_lines.txt")
    line = ("一二三四五六七八九十" * 21 + "\n").encode()
    with open(p, "wb") as f:
        f.write(HEAD.encode())
        f.write(line * 95000)
    return p


def cjk_text(n, seed):
    """n characters of CJK text that compresses poorly (as real prose, roughly)."""
    import random
    r = random.Random(seed)
    return "".join(chr(0x4E00 + r.randrange(3000)) for _ in range(n))


def html_long_paragraphs(d):
    # 57 MB in 90,000 paragraphs: read in full.
    p = os.path.join(d, "long_paragraphs.html")
    para = "<p>" + cjk_text(200, 1) + "</p>\n"
    with open(p, "w") as f:
        f.write("<!DOCTYPE html><html><body><p>" + HEAD.replace("\n", "</p><p>"))
        f.write(para * 90000)
        f.write("</body></html>")
    return p


def docx_long_paragraphs(d):
    # 60,000 paragraphs of poorly compressible text: a large .docx whose XML is within its allowance.
    body = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % l for l in HEAD.splitlines())
    paras = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % cjk_text(100, i) for i in range(60000))
    return docx(d, "long_paragraphs.docx", "<w:document><w:body>" + body + paras + "</w:body></w:document>")


def pdf(objects, d, name):
    """A PDF from object bodies (1-based numbers); a cross-reference table poppler can use."""
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    p = os.path.join(d, name)
    open(p, "wb").write(out.getvalue())
    return p


def flate_stream(data, extra=b""):
    z = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(z), extra) + z + b"\nendstream"


def pdf_pages(contents_refs, first_free):
    pages = len(contents_refs)
    kids = b" ".join(b"%d 0 R" % (first_free + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    page_objs = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                 b"/Contents " + ref + b" >>" for ref in contents_refs]
    return objs, page_objs


def pdf_shared_stream(d):
    # 500 pages share one content stream that inflates to 256 MB (a few hundred KB on disk).
    content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"
    content = content * (256 * MB // len(content))
    objs, pages = pdf_pages([b"4 0 R"] * 500, 5)
    return pdf(objs + [flate_stream(content)] + pages, d, "shared_stream.pdf")


def pdf_many_streams(d):
    # 300 pages, each with its own 1 MB stream of text operators: 300 MB inflated in all.
    objs, pages = pdf_pages([b"%d 0 R" % (4 + i) for i in range(300)], 304)
    streams = [flate_stream((b"BT /F1 12 Tf 72 %d Td (page %d) Tj ET\n" % (700, i)) * (MB // 36)) for i in range(300)]
    return pdf(objs + streams + pages, d, "many_streams.pdf")


def html_rowspan(d):
    # 200 rows of rowspan=1000 colspan=1000: 9 KB declaring 200 million cells.
    rows = "".join('<tr><td rowspan="1000" colspan="1000">0</td></tr>' for _ in range(200))
    p = os.path.join(d, "rowspan.html")
    open(p, "w").write("<!DOCTYPE html><html><body><table>" + rows + "</table></body></html>")
    return p


def html_many_paragraphs(d):
    # 60 MB of tiny paragraphs.
    p = os.path.join(d, "paragraphs.html")
    with open(p, "w") as f:
        f.write("<!DOCTYPE html><html><body><p>" + HEAD.replace("\n", "</p><p>"))
        f.write("<p>一二三</p>" * (60 * MB // 19))
        f.write("</body></html>")
    return p


def html_deep(d):
    p = os.path.join(d, "deep.html")
    open(p, "w").write("<!DOCTYPE html><html><body>" + "<div>" * 100000 + "x" + "</div>" * 100000 + "</body></html>")
    return p


def docx(d, name, document_xml):
    p = os.path.join(d, name)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
    return p


def docx_zip_bomb(d):
    return docx(d, "bomb.docx", "<w:document>" + " " * (200 * MB) + "</w:document>")


def docx_many_paragraphs(d):
    para = "<w:p><w:r><w:t>一二三</w:t></w:r></w:p>"
    body = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % l for l in HEAD.splitlines())
    return docx(d, "paragraphs.docx", "<w:document><w:body>" + body + para * (40 * MB // len(para)) + "</w:body></w:document>")


def docx_wide_table(d):
    row = "<w:tr>" + '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc>' * 50 + "</w:tr>"
    return docx(d, "wide_table.docx", "<w:document><w:body><w:tbl>" + row * 100 + "</w:tbl></w:body></w:document>")


def markdown_pipes(d):
    p = os.path.join(d, "pipes.md")
    with open(p, "w") as f:
        f.write(HEAD)
        f.write(("|" * 2000 + "\n") * 2000)
    return p


# --- cases ---------------------------------------------------------------------------------------------
# name, generator, extra arguments, accepted exit codes, text stderr must contain, time limit (s)
CASES = [
    ("text: 63 MB of short lines", text_short_lines, [], {2}, "文本行数过多", 10),
    ("text: 60 MB in 95,000 long lines", text_long_lines, [], {0, 1}, "", 12),
    ("text: long lines, --max-seconds 0.2", text_long_lines, ["--max-seconds", "0.2"], {2}, "处理时间超过上限", 5),
    ("pdf: 500 pages share a 256 MB stream", pdf_shared_stream, [], {2}, "解压后", 5),
    ("pdf: 300 pages of 1 MB streams", pdf_many_streams, [], {2}, "解压后合计", 10),
    ("html: rowspan=1000 colspan=1000 ×200", html_rowspan, [], {2}, "表格过大", 5),
    ("html: 60 MB of tiny paragraphs", html_many_paragraphs, [], {2}, "段落过多", 5),
    ("html: 57 MB in 90,000 paragraphs", html_long_paragraphs, [], {0, 1}, "", 12),
    ("html: 100,000 nested divs", html_deep, [], {2}, "嵌套过深", 5),
    ("docx: zip bomb (200 MB of spaces)", docx_zip_bomb, [], {2}, "DOCX", 5),
    ("docx: 40 MB of tiny paragraphs (0.1 MB zipped)", docx_many_paragraphs, [], {2}, "解压后过大", 5),
    ("docx: 60,000 paragraphs (9 MB zipped)", docx_long_paragraphs, [], {0, 1}, "", 12),
    ("docx: gridSpan=1000 ×5000 cells", docx_wide_table, [], {2}, "表格过大", 5),
    ("markdown: 4 million pipe cells", markdown_pipes, [], {2}, "单元格过多", 10),
]


def generate(d, names):
    """In its own process: writes the files of the named cases into d."""
    for name, gen, *_ in CASES:
        if name in names and not os.path.exists(os.path.join(d, gen.__name__ + ".done")):
            path = gen(d)
            os.rename(path, os.path.join(d, gen.__name__))
            open(os.path.join(d, gen.__name__ + ".done"), "w").write("")


def main():
    if sys.argv[1] == "--generate":
        generate(sys.argv[2], sys.argv[3:])
        return 0
    xxgk = os.path.abspath(sys.argv[1])
    table = "--table" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    failed = 0
    rows = []
    with tempfile.TemporaryDirectory() as d:
        sample = os.path.join(d, "sample.txt")
        open(sample, "w").write(HEAD + "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n")
        selected = [c for c in CASES if not only or only in c[0]]
        subprocess.run([sys.executable, os.path.abspath(__file__), "--generate", d] + [c[0] for c in selected], check=True)
        for name, gen, extra, codes, pattern, limit in selected:
            path = os.path.join(d, gen.__name__)
            size = os.path.getsize(path)
            budget = 16 * size + 64 * MB
            # The hostile file first, then an ordinary one: the batch must go on past it.
            rc, went_on, err, took, rss = run([xxgk, "parse", "--json", path, sample] + extra, b'"name":"sample.txt"')
            problems = []
            if rc not in codes:
                problems.append("exit %d, want %s" % (rc, "/".join(map(str, sorted(codes)))))
            if pattern and pattern not in err:
                problems.append("stderr lacks %r" % pattern)
            if rc == 2 and gen.__name__ not in err:
                problems.append("the message does not name the file")
            if not went_on:
                problems.append("the batch did not go on to the next file")
            if rss > budget:
                problems.append("peak RSS %d MB over the budget %d MB" % (rss // MB, budget // MB))
            if took > limit:
                problems.append("%.1f s over %d s" % (took, limit))
            ok = not problems
            failed += not ok
            message = err.strip().splitlines()[0] if err.strip() else ""
            rows.append((name, size, rc, took, rss, budget, ok, message, problems))
            if not table:
                print("%s %-40s exit %d  %6.2f s  peak %5d MB (budget %5d MB)%s" % (
                    "ok  " if ok else "FAIL", name, rc, took, rss // MB, budget // MB,
                    "" if ok else "  <- " + "; ".join(problems)))
    if table:
        print("| case | input | exit | time | peak RSS | budget | message |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for name, size, rc, took, rss, budget, ok, message, problems in rows:
            msg = message.split(": ", 2)[-1][:70] if message else "(processed)"
            print("| %s%s | %.1f MB | %d | %.2f s | %d MB | %d MB | %s |" % (
                name, "" if ok else " **FAIL**", size / MB, rc, took, rss // MB, budget // MB, msg))
    print("%d cases, %d failed" % (len(rows), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
