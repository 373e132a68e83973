#!/usr/bin/env bash
# PDF round trips (label `slow`, not in `make test`): synthetic clean reports rendered to Word, printed to
# PDF by LibreOffice (tables cross page breaks), read back: the tables, agency and year must equal those
# read from the Word file. Usage: tests/render/pdf_roundtrip.sh BUILD/xxgk [COUNT]
set -u
bin=$1; n=${2:-40}
here=$(cd "$(dirname "$0")" && pwd)
command -v soffice >/dev/null || bash "$here/../../scripts/install-deps.sh" --fixtures
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" synth --count "$n" --out "$tmp/docx" --formats docx --defects 0 --seed 11 2>/dev/null || exit 1
timeout 900 soffice --headless -env:UserInstallation=file://$tmp/profile --convert-to pdf --outdir "$tmp/pdf" "$tmp"/docx/*.docx >/dev/null 2>&1
python3 - "$bin" "$tmp" "$n" <<'PY'
import glob, json, os, subprocess, sys
bin, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def parse(p):
    return json.loads(subprocess.run([bin, "parse", p], capture_output=True, text=True).stdout)
bad = pages = 0
pdfs = sorted(glob.glob(d + "/pdf/*.pdf"))
for pdf in pdfs:
    docx = os.path.join(d, "docx", os.path.basename(pdf)[:-4] + ".docx")
    a, b = parse(docx), parse(pdf)
    if (a["tables"], a["agency"], a["year"]) != (b["tables"], b["agency"], b["year"]):
        bad += 1
        print("differs:", os.path.basename(pdf))
    wrong = [f for f in b["findings"] if f["severity"] == "error"]
    if wrong:
        bad += 1
        print("errors in", os.path.basename(pdf), [f["rule"] for f in wrong])
print(f"pdf round trips: {len(pdfs)} of {n} converted, {bad} differing")
sys.exit(0 if len(pdfs) == n and bad == 0 else 1)
PY
