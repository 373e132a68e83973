#!/usr/bin/env python3
"""API tests against `xxgk serve` on loopback: every endpoint, the error statuses, the upload limit, a slow
upload that must not block other requests, malformed requests.

  api_test.py BUILD/xxgk SOURCE_DIR
"""
import http.client, json, os, socket, subprocess, sys, tempfile, threading, time, urllib.parse, zipfile, io

bin, src = sys.argv[1], sys.argv[2]
samples = os.path.join(src, "samples")
tmp = tempfile.mkdtemp()
db = "sqlite:" + os.path.join(tmp, "api.db")
subprocess.run([bin, "ingest", samples, "--db", db, "--quiet"], check=True, stdout=subprocess.DEVNULL)
failures = 0

def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1

def request(method, path, body=None, headers=None, timeout=20):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r.getheader("Content-Type") or "", data, r

def multipart(files):
    boundary = "xxgkboundary7e3"
    parts = []
    for name, content in files:
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}

def err(data):
    return json.loads(data)["error"]

def start_server():
    """Starts the server on a free port and waits until it answers. The port is free when picked, but another
    test's connection may take it before the server binds it: then the server exits, and another is tried."""
    global port
    for _ in range(5):
        s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
        proc = subprocess.Popen([bin, "serve", "--db", db, "--port", str(port), "--max-upload-mb", "1", "--threads", "8",
                                 "--quiet", "--max-connections-per-client", "4", "--header-seconds", "2"])
        deadline = time.monotonic() + 30  # a loaded CI machine runs other tests beside this one
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                request("GET", "/api/stats", timeout=5)
                return proc
            except OSError:
                time.sleep(0.05)
        proc.kill(); proc.wait()
    sys.exit("api_test: the server did not start")

port = 0
server = start_server()
try:
    daxing = open(os.path.join(samples, "daxing_weijianwei_2024.txt"), "rb").read()
    demo = open(os.path.join(samples, "demo_defects_daxing_2024.txt"), "rb").read()

    # POST /api/check: multipart, raw body, several files, errors.
    body, h = multipart([("daxing.txt", daxing)])
    st, ct, data, _ = request("POST", "/api/check", body, h)
    r = json.loads(data)
    check(st == 200 and "json" in ct and r["schema"] == "xxgk/report@1" and r["tables"]["t3"]["new_received"]["total"] == 7,
          "check: multipart upload gives the report JSON")
    st, _, data, _ = request("POST", "/api/check?name=demo.txt", demo)
    r = json.loads(data)
    check(st == 200 and r["source"]["name"] == "demo.txt" and any(f["rule"] == "C2" for f in r["findings"]),
          "check: raw body, named by ?name=, with its C2 finding")
    check("cells_at" in r and "t3.granted.natural_person" in r["cells_at"], "check: every cell says where it was read")
    body, h = multipart([("a.txt", daxing), ("notes.txt", "会议纪要".encode())])
    st, _, data, _ = request("POST", "/api/check", body, h)
    r = json.loads(data)
    check(st == 200 and len(r["reports"]) == 2 and r["reports"][1]["error"]["code"] == "not_a_report", "check: several files, one not a report")
    st, _, data, _ = request("POST", "/api/check", "会议纪要：今天讨论了食堂菜单。".encode())
    check(st == 422 and err(data)["code"] == "not_a_report", "check: not a report is 422 with a Chinese message")
    st, _, data, _ = request("POST", "/api/check", b"")
    check(st == 400 and "没有收到文件" in err(data)["message"], "check: no file is 400")
    st, _, data, _ = request("GET", "/api/check")
    check(st == 405, "check: GET is 405")
    st, _, data, _ = request("POST", "/api/check", b"x" * (2 << 20))
    check(st == 413, f"upload over the limit (1 MB here) is 413 (got {st})")
    st, _, data, _ = request("POST", "/api/check?store=1&name=daxing_copy.txt", daxing + b"\n")
    r = json.loads(data)
    check(st == 200 and r["store"]["report_id"] > 0, "check?store=1 stores the report and returns its id")

    # Library and statistics.
    st, _, data, _ = request("GET", "/api/reports?year=2024&has_errors=1&versions=all")
    r = json.loads(data)
    check(st == 200 and len(r["reports"]) == 1 and r["reports"][0]["file"] == "demo_defects_daxing_2024.txt", "reports: filters")
    # One current version per body and year: the copy stored last stands for 大兴 2024, the others are history.
    dx = json.loads(request("GET", "/api/reports?year=2024&agency=%E5%A4%A7%E5%85%B4")[2])["reports"]
    check(len(dx) == 1 and dx[0]["file"] == "daxing_copy.txt" and dx[0]["current"], "reports: the current version only")
    versions = json.loads(request("GET", f"/api/reports/{dx[0]['id']}")[2])["store"]["versions"]
    check([v["file"] for v in versions][-1] == "daxing_copy.txt" and len(versions) == 3 and [v["current"] for v in versions] == [False, False, True],
          "reports/{id}: its versions, oldest first, the last current")
    st, _, data, _ = request("GET", "/api/reports?year=abc")
    check(st == 400 and err(data)["code"] == "invalid_argument", "reports: a malformed year is 400")
    # Pages: newest first by default, a total, pages that neither overlap nor skip; sorting; bad values 400.
    everything = json.loads(request("GET", "/api/reports?per_page=500&versions=all")[2])
    years = [x["year"] for x in everything["reports"]]
    check(everything["total"] == len(everything["reports"]) >= 6 and years == sorted(years, reverse=True),
          f"reports: a total and newest first ({everything['total']})")
    seen = []
    for page in range(1, 5):
        j = json.loads(request("GET", f"/api/reports?per_page=2&page={page}&versions=all")[2])
        seen += [x["id"] for x in j["reports"]]
    check(seen == [x["id"] for x in everything["reports"]][:len(seen)] and len(seen) == len(set(seen)) == min(8, everything["total"]),
          "reports: pages of 2 neither overlap nor skip")
    errs = [x["errors"] for x in json.loads(request("GET", "/api/reports?sort=-errors&per_page=500")[2])["reports"]]
    check(errs == sorted(errs, reverse=True), "reports: sort=-errors")
    for bad in ["sort=colour", "page=0", "per_page=501", "page=x"]:
        st, _, data, _ = request("GET", "/api/reports?" + bad)
        check(st == 400 and "invalid_argument" in data.decode(), f"reports: {bad} is 400 with a Chinese message")
    rid = json.loads(request("GET", "/api/reports")[2])["reports"][0]["id"]
    st, _, data, _ = request("GET", f"/api/reports/{rid}")
    check(st == 200 and json.loads(data)["store"]["report_id"] == rid, "reports/{id}")
    st, ct, data, resp = request("GET", f"/api/reports/{dx[0]['id']}/original")
    check(st == 200 and data == daxing + b"\n" and "daxing_copy.txt" in (resp.getheader("Content-Disposition") or ""),
          "reports/{id}/original: the file as uploaded, under its name")
    st, ct, data, resp = request("GET", "/api/originals.zip?year=2024&agency=%E5%A4%A7%E5%85%B4&versions=all")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist() if st == 200 else []
    check(st == 200 and len(names) == 3 and any(n.endswith("_daxing_copy.txt") for n in names) and "zip" in ct,
          f"originals.zip: the selection's original files, each under its report number ({names})")
    st, _, data, _ = request("GET", "/api/originals.zip?year=1999")
    check(st == 404, "originals.zip of nothing is 404")
    st, _, data, _ = request("GET", "/api/reports/999999/original")
    check(st == 404, "reports/{id}/original: unknown id is 404")
    st, _, data, _ = request("GET", "/api/reports/999999")
    check(st == 404, "reports/{id}: unknown id is 404")
    st, _, data, _ = request("GET", "/api/agencies?q=" + urllib.parse.quote("大兴"))
    agencies = json.loads(data)["agencies"]
    check(st == 200 and len(agencies) == 1, "agencies?q=")
    st, _, data, _ = request("GET", f"/api/agencies/{agencies[0]['id']}")
    check(st == 200 and json.loads(data)["agency"]["name"] == "北京市大兴区卫生健康委员会", "agencies/{id}")
    st, _, data, _ = request("GET", "/api/stats?by=region")
    check(st == 200 and any(g["group"] == "北京市大兴区" for g in json.loads(data)["groups"]), "stats?by=region")
    st, _, data, _ = request("GET", "/api/stats?by=colour")
    check(st == 400, "stats: unknown grouping is 400")
    roster = "名称,地区,类别\n北京市大兴区卫生健康委员会,北京市大兴区,部门\n大兴区教育委员会,北京市大兴区,部门\n".encode()
    st, _, data, _ = request("POST", "/api/missing?year=2024", roster)
    m = json.loads(data)
    check(st == 200 and [x["name"] for x in m["missing"]] == ["大兴区教育委员会"], "missing with an uploaded roster")
    # A roster sent with the question only answers it: it renames nothing and registers nothing.
    before = json.loads(request("GET", "/api/reports?agency=%E5%A4%A7%E5%85%B4")[2])
    rename = "名称,地区,类别\n大兴区卫健委,别的地方,乡镇\n".encode()
    st, _, data, _ = request("POST", "/api/missing?year=2024", rename)
    check(st == 200 and json.loads(data)["published"] == 1, "a roster naming a body by its short name finds its report")
    after = json.loads(request("GET", "/api/reports?agency=%E5%A4%A7%E5%85%B4")[2])
    check(before == after, "a roster upload changed no stored agency")
    st, _, data, _ = request("GET", "/api/missing?year=2024")
    check(st == 200 and json.loads(data)["rostered"] == 0, "an uploaded roster is not stored")
    st, _, data, _ = request("GET", "/api/failed")
    check(st == 200 and "documents" in json.loads(data), "failed")

    # Layout, render, export.
    st, _, data, _ = request("GET", "/api/layout?format=gov2021")
    lay = json.loads(data)
    ids = [c["id"] for t in lay["tables"] for c in t["cells"] if "id" in c]
    check(st == 200 and len(ids) == 200 and len(set(ids)) == 200, "layout: 200 number cells, each once")
    report = json.loads(request("POST", "/api/check", daxing)[2])
    st, ct, data, resp = request("POST", "/api/render?to=docx", json.dumps(report).encode())
    check(st == 200 and data[:2] == b"PK" and "wordprocessingml" in ct and "filename*=UTF-8''" in (resp.getheader("Content-Disposition") or ""),
          "render?to=docx: a Word file as a download")
    st, ct, data, _ = request("POST", "/api/render?to=html", json.dumps(report).encode())
    check(st == 200 and "text/html" in ct and "<table>" in data.decode(), "render?to=html")
    bad = dict(report); bad["tables"] = json.loads(json.dumps(report["tables"])); bad["tables"]["t3"]["granted"]["total"] = 9
    st, _, data, _ = request("POST", "/api/render?to=md&fill_totals=1", json.dumps(bad).encode())
    check(st == 422 and err(data)["findings"][0]["rule"] == "C2", "render with fill_totals: disagreeing totals are 422 with findings")
    # One policy with `xxgk render` (render/render_policy.h): broken arithmetic and unfilled cells are refused.
    st, _, data, _ = request("POST", "/api/render?to=md", json.dumps(bad).encode())
    check(st == 422 and err(data)["code"] == "arithmetic" and any(f["rule"] == "C2" for f in err(data)["findings"]),
          "render of a report whose totals do not add up: 422 arithmetic, with the findings")
    unfilled = dict(report); unfilled["tables"] = json.loads(json.dumps(report["tables"])); del unfilled["tables"]["t4"]
    st, _, data, _ = request("POST", "/api/render?to=md", json.dumps(unfilled).encode())
    check(st == 422 and err(data)["code"] == "unfilled" and len(err(data)["unfilled"]) == 15,
          "render of a report with empty cells: 422 unfilled, the 15 cells of table 4 named")
    st, _, data, _ = request("POST", "/api/render?to=md", b"{not json")
    check(st == 400, "render: malformed JSON is 400")
    st, ct, data, _ = request("POST", "/api/export.xlsx", json.dumps(report).encode())
    names = zipfile.ZipFile(io.BytesIO(data)).namelist() if st == 200 else []
    check(st == 200 and "xl/workbook.xml" in names, "export.xlsx of one report")
    # Wrong-shaped report JSON (once crashed the server with SIGSEGV): never a crash, never internal text.
    for body in [b"{}", b'{"findings": 5}', b'{"findings": [1, {"cells": 3}, {"cells": [7, "t3.x"], "severity": 2}]}',
                 b'{"source": {"name": 5}, "tables": []}', b'{}']:
        st, _, data, _ = request("POST", "/api/export.xlsx", body, {"Content-Type": "text/plain"})
        check(st in (200, 400) and b"json.exception" not in data and b"type_error" not in data,
              "export.xlsx of a wrong-shaped report JSON %r: %d, no internal text" % (body[:30], st))
    for body in [b'{"tables": {"t3": 5}}', b'{"tables": {"t3": {"granted": [1]}}, "format": 7}', b"[]"]:
        st, _, data, _ = request("POST", "/api/render?to=md", body)
        check(400 <= st < 500 and b"json.exception" not in data, "render of a wrong-shaped report JSON %r: %d" % (body[:30], st))
    st, _, _, _ = request("GET", "/api/stats")
    check(st == 200, "the server still answers after wrong-shaped bodies")
    # Who may talk to the server: the Host must name it (DNS rebinding), state changes come from its own pages.
    st, _, data, _ = request("GET", "/api/stats", headers={"Host": "evil.example:%d" % port})
    check(st == 421 and err(data)["code"] == "wrong_host", "a foreign Host header is 421 (DNS rebinding)")
    st, _, data, _ = request("POST", "/api/check?store=1", daxing, {"Origin": "http://evil.example", "Content-Type": "text/plain"})
    check(st == 403 and err(data)["code"] == "foreign_origin", "a POST from another origin is 403 and stores nothing")
    st, _, data, _ = request("POST", "/api/missing", b"x", {"Sec-Fetch-Site": "cross-site"})
    check(st == 403, "a cross-site browser POST (no-cors) is 403")
    st, _, data, _ = request("POST", "/api/check", daxing, {"Origin": "http://127.0.0.1:%d" % port})
    check(st == 200, "a POST from the server's own page is served")
    st, _, data, resp = request("GET", "/")
    csp = resp.getheader("Content-Security-Policy") or ""
    check("frame-ancestors 'none'" in csp and "script-src 'self'" in csp and resp.getheader("X-Frame-Options") == "DENY"
          and resp.getheader("Referrer-Policy") == "no-referrer", "security headers on pages: CSP, frame-ancestors, X-Frame-Options, Referrer-Policy")
    st, _, data, resp = request("GET", "/api/stats")
    check(resp.getheader("X-Content-Type-Options") == "nosniff", "nosniff on JSON")
    st, _, data, resp = request("POST", "/api/export.xlsx", json.dumps(report).encode())
    check(st == 200 and resp.getheader("Cache-Control") == "no-store", "exports are not cached (no-store)")
    t0 = time.time()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.putrequest("POST", "/api/check")
    c.putheader("Content-Length", str(100 << 30))
    c.endheaders()
    r = c.getresponse(); r.read(); c.close()
    check(r.status == 413 and time.time() - t0 < 2, "an oversized declared body is 413 at once (%.2f s), before it is sent" % (time.time() - t0))
    st, ct, data, _ = request("GET", "/api/export.xlsx?year=2024")
    check(st == 200 and data[:2] == b"PK", "export.xlsx of the library")
    st, ct, data, _ = request("GET", "/api/openapi.json")
    check(st == 200 and "/api/check" in json.loads(data)["paths"], "openapi.json")
    st, ct, data, _ = request("GET", "/api/rules")
    rules = json.loads(data)
    check(st == 200 and "json" in ct and any(r["id"] == "C2" and r["severity_zh"] == "错误" and r["fix"] for r in rules),
          "GET /api/rules serves the rule registry")
    st, ct, data, _ = request("GET", "/api/formats")
    fm = json.loads(data)
    check(st == 200 and [f["id"] for f in fm["formats"]][:2] == ["gov2021", "gov2019trial"] and
          fm["formats"][0]["name"] and {"id": "township", "zh": "乡镇街道"} in fm["body_kinds"],
          "GET /api/formats: the formats newest first, with names, and the kinds of body")
    st, _, data, _ = request("GET", "/api/nope")
    check(st == 404 and err(data)["code"] == "not_found", "unknown API path is 404 JSON")
    st, ct, data, _ = request("GET", "/")
    check(st == 200 and "text/html" in ct and "上传核验" in data.decode(), "the app page")
    st, ct, data, _ = request("GET", "/echarts.min.js")
    check(st == 200 and "javascript" in ct and len(data) > 500000, "ECharts is served from the binary")
    # Compressed at build time: a brotli-only client gets the plain file at once (it was recompressed per
    # request, 2.5 s of CPU), a gzip client the stored gzip copy.
    t = time.monotonic()
    st, _, br_data, r = request("GET", "/echarts.min.js", headers={"Accept-Encoding": "br"})
    check(st == 200 and r.getheader("Content-Encoding") is None and br_data == data and time.monotonic() - t < 1,
          f"a brotli-only client gets ECharts uncompressed, without per-request work ({time.monotonic() - t:.2f} s)")
    st, _, gz, r = request("GET", "/echarts.min.js", headers={"Accept-Encoding": "gzip, br"})
    import gzip as gzip_module
    check(st == 200 and r.getheader("Content-Encoding") == "gzip" and len(gz) < len(data) // 2
          and gzip_module.decompress(gz) == data, f"a gzip client gets the build-time gzip copy ({len(gz)} bytes)")

    # A slow upload holds one worker; other requests go on.
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\n\r\n" + b"a" * 100)
    t = time.monotonic()
    st, _, _, _ = request("GET", "/api/stats", timeout=5)
    check(st == 200 and time.monotonic() - t < 2, f"a slow upload does not block other requests ({time.monotonic() - t:.2f} s)")
    slow.close()

    # Slow headers (loopback): one address holds at most 4 connections (the 5th and 6th are answered 429 at
    # once), and a connection that has not sent its headers within 2 s is closed, freeing its worker.
    held = []
    for _ in range(6):
        c = socket.create_connection(("127.0.0.1", port))
        c.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        held.append(c)
    time.sleep(0.3)
    answers = []
    for c in held:
        c.settimeout(0.05)
        try:
            answers.append(c.recv(400))
        except socket.timeout:
            answers.append(None)
    refused = [a for a in answers if a and a.startswith(b"HTTP/1.1 429")]
    # (A connection of an earlier check that the server has not yet seen closed may still count.)
    check(len(refused) >= 2 and 6 - len(refused) <= 4 and "too_many_connections" in refused[0].decode(errors="replace"),
          f"connections beyond 4 from one address are 429 ({len(refused)} of 6)")
    t = time.monotonic()
    closed = 0
    for c, a in zip(held, answers):
        if a is not None:
            continue
        c.settimeout(5)
        try:
            closed += c.recv(100) == b""
        except (socket.timeout, ConnectionResetError):
            pass
    took = time.monotonic() - t + 0.3
    check(closed == 6 - len(refused) and took < 3.5, f"unfinished headers are cut off after the header deadline ({closed} closed, {took:.1f} s)")
    for c in held:
        c.close()
    st, _, _, _ = request("GET", "/api/stats", timeout=5)
    check(st == 200, "the server answers again once the slow connections are gone")

    # Malformed requests.
    raw = socket.create_connection(("127.0.0.1", port))
    raw.sendall(b"THIS IS NOT HTTP\r\n\r\n")
    answer = raw.recv(200)
    raw.close()
    check(answer.startswith(b"HTTP/1.1 400"), f"a malformed request is 400 ({answer[:20]!r})")
    body, h = multipart([("a.txt", daxing)])
    st, _, data, _ = request("POST", "/api/check", body[:-30], h)
    check(st == 400, f"a truncated multipart body is 400 (got {st})")
    check(server.poll() is None, "the server is still running")
finally:
    server.terminate()
    server.wait(timeout=10)
print(f"api: {failures} failed" if failures else "api: all passed")
sys.exit(1 if failures else 0)
