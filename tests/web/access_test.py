#!/usr/bin/env python3
"""Accounts on a server bound to a non-loopback address (127.0.0.2): the access matrix (every endpoint x
every role, in and out of scope, from one table), sessions (expiry, fixation, logout), CSRF, the lockout and
the sign-in rate limit, an administrator adding an account, the audit trail.

  access_test.py BUILD/xxgk SOURCE_DIR
"""
import http.client, json, os, socket, sqlite3, subprocess, sys, tempfile, time

bin, src = sys.argv[1], sys.argv[2]
samples = os.path.join(src, "samples")
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "access.db")
db = "sqlite:" + path
HOST = "127.0.0.2"
subprocess.run([bin, "ingest", samples, "--db", db, "--quiet"], check=True, stdout=subprocess.DEVNULL)
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += 0 if ok else 1


s = socket.socket(); s.bind((HOST, 0)); port = s.getsockname()[1]; s.close()

# Without accounts, a non-loopback address is refused.
p = subprocess.run([bin, "serve", "--db", db, "--bind", HOST, "--port", str(port), "--quiet"], capture_output=True,
                   timeout=20)
check(p.returncode == 2 and "xxgk user add" in p.stderr.decode(),
      f"serve on {HOST} without accounts is refused (exit {p.returncode})")

PASSWORDS = {"admin.a": "admin password 1", "officer.dx": "officer password 1", "reviewer.dx": "reviewer password 1"}
for name, args in [("admin.a", ["--role", "admin"]),
                   ("officer.dx", ["--role", "officer", "--agency", "北京市大兴区卫生健康委员会"]),
                   ("reviewer.dx", ["--role", "reviewer", "--region", "北京市大兴区"])]:
    subprocess.run([bin, "user", "add", name, *args, "--db", db], input=(PASSWORDS[name] + "\n").encode(), check=True,
                   capture_output=True)

server = subprocess.Popen([bin, "serve", "--db", db, "--bind", HOST, "--port", str(port), "--quiet", "--threads", "8"])
source = [10]  # each phase signs in from its own client address (127.0.0.10, .11 …): the rate limit is per address


def request(method, target, body=None, headers=None, token=None, csrf=None, src_addr=None):
    c = http.client.HTTPConnection(HOST, port, timeout=20, source_address=(src_addr or "127.0.0.9", 0))
    h = dict(headers or {})
    if token:
        h["Cookie"] = "theme=x; xxgk_session=" + token
    if csrf:
        h["X-CSRF-Token"] = csrf
    c.request(method, target, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data, r


def login(name, password=None, src_addr="127.0.0.9"):
    body = json.dumps({"name": name, "password": password or PASSWORDS[name]}).encode()
    st, data, r = request("POST", "/api/login", body, {"Content-Type": "application/json"}, src_addr=src_addr)
    cookie = r.getheader("Set-Cookie") or ""
    token = cookie.split(";")[0].split("=", 1)[1] if cookie.startswith("xxgk_session=") else None
    return st, (json.loads(data) if data else {}), token, cookie


try:
    for _ in range(100):
        try:
            request("GET", "/api/rules"); break
        except OSError:
            time.sleep(0.05)
    sessions = {}
    for name in PASSWORDS:
        st, j, token, cookie = login(name)
        check(st == 200 and token and "HttpOnly" in cookie and "SameSite=Strict" in cookie and j["csrf"],
              f"{name} signs in: HttpOnly, SameSite=Strict cookie and a CSRF token")
        sessions[name] = (token, j["csrf"])

    daxing = open(os.path.join(samples, "daxing_weijianwei_2024.txt"), "rb").read()
    hualong = open(os.path.join(samples, "hualong_weijianwei_2024.txt"), "rb").read()
    report = json.loads(request("POST", "/api/check", daxing, token=sessions["admin.a"][0],
                                csrf=sessions["admin.a"][1])[1])
    A, O, R, N = "admin.a", "officer.dx", "reviewer.dx", None  # N: nobody signed in
    listed = json.loads(request("GET", "/api/reports", token=sessions[A][0])[1])["reports"]
    dx = next(x for x in listed if x["agency"] == "北京市大兴区卫生健康委员会")
    hl = next(x for x in listed if x["agency"] == "华龙区卫生健康委员会")
    # A newer version of 大兴 2024 (one more line), stored by the admin: it supersedes the current one, and
    # the matrix deletes it again.
    st, data, _ = request("POST", "/api/check?store=1", daxing + "\n".encode(), token=sessions[A][0], csrf=sessions[A][1])
    v2 = json.loads(data)["store"]
    check(st == 200 and v2["current"] and len(v2["versions"]) >= 2 and
          not next(v for v in v2["versions"] if v["report_id"] == dx["id"])["current"], "a newer version of 大兴 2024 supersedes the current one")
    ALL, SIGNED, ADMIN = {A, O, R, N}, {A, O, R}, {A}
    # Review: the current 大兴 2024 report (the demo with two errors); the admin decides one finding, the
    # reviewer the other, so that each caller's request is a fresh decision.
    keys = [f["key"] for f in json.loads(request("GET", f"/api/reports/{dx['id']}", token=sessions[A][0])[1])["findings"]]
    check(len(keys) == 2, f"the 大兴 report has two findings to review: {keys}")
    per = lambda make: {who: json.dumps(make(i)).encode() for i, who in enumerate([A, R])}
    review = per(lambda i: {"key": keys[i], "decision": "confirmed", "reason": ""})
    rectify = per(lambda i: {"key": keys[i], "due": "2030-06-30"})
    registry_csv = "名称,上级机关,类别\n北京市大兴区人民政府,,本级政府\n北京市大兴区卫生健康委员会,北京市大兴区人民政府,部门\n".encode()
    # The office's register: 大兴卫健委's is the officer's own; 华龙's is outside every scope but the admin's.
    ledger_csv = "编号,申请人类型,收到日期,答复日期,办理结果\nT-1,个人,2025-03-03,2025-03-20,予以公开\nT-2,企业,2025-12-20,,\n".encode()
    dxb, hlb = dx["agency_id"], hl["agency_id"]
    one_app = {who: json.dumps({"serial": f"F-{who}", "kind": "自然人", "received": "2025-05-06"}).encode() for who in [A, O]}
    # The access matrix: (method, target, body, who may). Everyone else gets 401 (not signed in) or 403.
    MATRIX = [
        ("GET", "/api/register/bodies", None, SIGNED),                    # scoped
        ("POST", f"/api/register/import?body={dxb}&dry_run=1", ledger_csv, {A, O}),  # a reviewer reads, never writes
        ("POST", f"/api/register/import?body={dxb}", ledger_csv, {A, O}),
        ("POST", f"/api/register/import?body={hlb}", ledger_csv, {A}),    # another body: not the officer's
        ("POST", f"/api/register/applications?body={dxb}", one_app, {A, O}),
        ("GET", f"/api/register/applications?body={dxb}", None, SIGNED),
        ("GET", f"/api/register/applications?body={hlb}", None, ADMIN),
        ("GET", f"/api/register/due?body={dxb}&date=2025-12-31", None, SIGNED),
        ("GET", f"/api/register/tables?body={dxb}&year=2025", None, SIGNED),
        ("GET", f"/api/register/draft?body={dxb}&year=2025&to=md", None, SIGNED),
        ("GET", f"/api/register/check?body={dxb}&year=2024", None, SIGNED),
        ("POST", f"/api/register/counts?body={dxb}&year=2025", json.dumps({"licenses": 3}).encode(), {A, O}),
        ("GET", f"/api/register/counts?body={hlb}&year=2025", None, ADMIN),
        ("GET", "/api/rules", None, ALL),
        ("GET", "/api/formats", None, ALL),
        ("GET", "/api/session", None, SIGNED),
        ("GET", "/api/layout?format=gov2021", None, SIGNED),
        ("POST", "/api/check", daxing, SIGNED),
        ("POST", "/api/check?store=1", daxing, {A, O}),       # the officer's own body: in scope
        ("POST", "/api/check?store=1", hualong, {A}),         # another body: out of the officer's scope
        ("POST", "/api/render?to=md", json.dumps(report).encode(), SIGNED),
        ("POST", "/api/export.xlsx", json.dumps(report).encode(), SIGNED),
        ("GET", "/api/export.xlsx?year=2024", None, SIGNED),           # scoped
        ("GET", "/api/reports", None, SIGNED),                          # scoped
        ("GET", f"/api/reports/{dx['id']}", None, SIGNED),              # 大兴: in the officer's and the reviewer's scope
        ("GET", f"/api/reports/{hl['id']}", None, ADMIN),               # 华龙: in neither
        ("GET", f"/api/reports/{dx['id']}/original", None, SIGNED),
        ("GET", f"/api/reports/{hl['id']}/original", None, ADMIN),
        ("GET", "/api/originals.zip?year=2024", None, SIGNED),         # scoped
        ("GET", "/api/agencies", None, SIGNED),                         # scoped
        ("GET", f"/api/agencies/{dx['agency_id']}", None, SIGNED),
        ("GET", f"/api/agencies/{hl['agency_id']}", None, ADMIN),
        ("GET", "/api/stats", None, SIGNED),                            # scoped
        ("GET", "/api/missing?year=2024", None, ADMIN),
        ("GET", "/api/failed", None, ADMIN),
        ("GET", "/api/users", None, ADMIN),
        ("GET", "/api/audit", None, ADMIN),
        ("POST", "/api/users/reviewer.dx/enable", b"{}", ADMIN),
        ("POST", "/api/users/reviewer.dx/scope", json.dumps({"regions": ["北京市大兴区"]}).encode(), ADMIN),
        ("POST", f"/api/reports/{v2['report_id']}/delete", b"", ADMIN),   # in the officer's scope, still the admin's
        ("POST", "/api/registry/import?dry_run=1", registry_csv, ADMIN),
        ("POST", "/api/registry/import", registry_csv, ADMIN),
        ("POST", "/api/registry/add", json.dumps({"name": "北京市大兴区统计局", "parent": "北京市大兴区人民政府"}).encode(), ADMIN),
        ("GET", "/api/registry", None, SIGNED),                          # scoped
        ("GET", "/api/registry/unmatched", None, ADMIN),
        ("GET", "/api/coverage?year=2024", None, SIGNED),                # scoped
        ("POST", f"/api/reports/{dx['id']}/review", review, {A, R}),     # 大兴: in the reviewer's scope
        ("POST", f"/api/reports/{hl['id']}/review", b'{"key":"x","decision":"confirmed"}', {A}),  # 华龙: outside it
        ("POST", f"/api/reports/{dx['id']}/rectify", rectify, {A, R}),
        ("GET", "/api/rectifications", None, SIGNED),                    # scoped
        ("GET", "/api/coverage.xlsx?year=2024", None, SIGNED),           # scoped
        ("GET", "/api/rollup?year=2024", None, SIGNED),                  # scoped
        ("GET", "/api/indicators?year=2024", None, SIGNED),              # scoped
        ("GET", "/api/scores?year=2024&pack=example-city", None, SIGNED),  # scoped
        ("GET", "/api/notice?year=2024&to=html", None, SIGNED),          # scoped
        ("GET", "/api/notice?year=2024&to=xlsx", None, SIGNED),
    ]
    cells = 0
    for method, target, body, allowed in MATRIX:
        for who in [A, O, R, N]:
            token, csrf = sessions[who] if who else (None, None)
            sent = body.get(who, b"{}") if isinstance(body, dict) else body
            st, data, _ = request(method, target, sent, token=token, csrf=csrf)
            expect_ok = who in allowed
            ok = st < 400 if expect_ok else st == (401 if who is None else 403)
            if expect_ok and target == f"/api/reports/{hl['id']}/review":
                ok = st == 400  # the admin passes the gate; the made-up key is then refused (400), not 403
            cells += 1
            check(ok, f"{method} {target} as {who or 'nobody'}: {st} ({'allowed' if expect_ok else 'denied'})")
    print(f"access matrix: {len(MATRIX)} endpoints x 4 callers = {cells} cells")
    # What the scoped lists hold: an officer and a reviewer of 大兴 see 大兴's reports only; the admin all.
    for who in [O, R]:
        mine = json.loads(request("GET", "/api/reports", token=sessions[who][0])[1])["reports"]
        check(mine and {x["agency"] for x in mine} == {"北京市大兴区卫生健康委员会"}, f"{who} lists only 大兴's reports ({len(mine)})")
        bodies = json.loads(request("GET", "/api/agencies", token=sessions[who][0])[1])["agencies"]
        check(bodies and all(b["name"].startswith("北京市大兴区") for b in bodies), f"{who} lists only its bodies")
        stats = json.loads(request("GET", "/api/stats", token=sessions[who][0])[1])
        check(sum(g["reports"] for g in stats["groups"]) == len(mine), f"{who}'s statistics count its reports only")
    check(len(listed) > 3, f"the administrator lists every report ({len(listed)})")
    # The deletion: the first version of 大兴 2024 is current again, and the trail says who deleted what.
    again = json.loads(request("GET", f"/api/reports/{dx['id']}", token=sessions[A][0])[1])["store"]
    check(again["current"] and v2["report_id"] not in [v["report_id"] for v in again["versions"]],
          "after deleting the newer version the one before is current again")
    st, _, _ = request("POST", f"/api/reports/{v2['report_id']}/delete", b"", token=sessions[A][0], csrf=sessions[A][1])
    check(st == 404, f"deleting it twice: 404 ({st})")
    st, _, _ = request("GET", f"/api/reports/{dx['id']}/delete", token=sessions[A][0])
    check(st == 405, f"GET on a deletion: 405 ({st})")
    # A reviewer's new scope holds from its next request; an unknown body is refused.
    tA, cA = sessions[A]
    st, data, _ = request("POST", "/api/users/reviewer.dx/scope", json.dumps({"bodies": ["华龙区卫生健康委员会"]}).encode(), token=tA, csrf=cA)
    check(st == 200 and json.loads(data)["account"]["scopes"][0]["kind"] == "agency", "the admin moves the reviewer to 华龙")
    seen = {x["agency"] for x in json.loads(request("GET", "/api/reports", token=sessions[R][0])[1])["reports"]}
    check(seen == {"华龙区卫生健康委员会"}, f"the reviewer now sees 华龙 only: {seen}")
    st, data, _ = request("POST", "/api/users/reviewer.dx/scope", json.dumps({"bodies": ["不存在的机关"]}).encode(), token=tA, csrf=cA)
    check(st == 400 and "没有名为" in json.loads(data)["error"]["message"], "a scope naming an unknown body is refused")
    st, data, _ = request("POST", "/api/users/admin.a/scope", json.dumps({"regions": ["北京"]}).encode(), token=tA, csrf=cA)
    check(st == 400, "an administrator has no scope to set")
    request("POST", "/api/users/reviewer.dx/scope", json.dumps({"regions": ["北京市大兴区"]}).encode(), token=tA, csrf=cA)
    # The supervisor's year: coverage and rectification items within each scope; the reviewer closes its item.
    cov = json.loads(request("GET", "/api/coverage?year=2024", token=sessions[R][0])[1])
    check(cov["counts"]["due"] == 3 and {b["name"] for b in cov["bodies"]} == {"北京市大兴区人民政府", "北京市大兴区卫生健康委员会", "北京市大兴区统计局"},
          f"the reviewer's coverage holds the registered bodies of 大兴: {cov['counts']}")
    items = json.loads(request("GET", "/api/rectifications", token=sessions[O][0])[1])["items"]
    check(len(items) == 2 and all(i["agency"] == "北京市大兴区卫生健康委员会" for i in items), "the officer sees its body's two rectification items")
    mine = next(i for i in items if i["key"] == keys[1])
    st, _, _ = request("POST", f"/api/rectifications/{mine['id']}/close", json.dumps({"note": "已在新版本中改正"}).encode(),
                       token=sessions[O][0], csrf=sessions[O][1])
    check(st == 403, f"an officer cannot close an item: {st}")
    st, _, _ = request("POST", f"/api/rectifications/{mine['id']}/close", json.dumps({"note": "已在新版本中改正"}).encode(),
                       token=sessions[R][0], csrf=sessions[R][1])
    check(st == 200, f"the reviewer closes the item in its scope: {st}")
    # A scope over a registry subtree: the reviewer of 大兴's government sees the bodies below it.
    st, data, _ = request("POST", "/api/users/reviewer.dx/scope", json.dumps({"subtrees": ["北京市大兴区人民政府"]}).encode(), token=tA, csrf=cA)
    check(st == 200 and json.loads(data)["account"]["scopes"][0]["kind"] == "subtree", "the admin scopes the reviewer to a registry subtree")
    seen = {x["agency"] for x in json.loads(request("GET", "/api/reports", token=sessions[R][0])[1])["reports"]}
    check(seen == {"北京市大兴区卫生健康委员会"}, f"the subtree reviewer sees the reports of the bodies below: {seen}")
    request("POST", "/api/users/reviewer.dx/scope", json.dumps({"regions": ["北京市大兴区"]}).encode(), token=tA, csrf=cA)
    # The trail is append-only in the database itself.
    con = sqlite3.connect(path, timeout=10)
    for sql in ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"]:
        try:
            con.execute(sql); con.commit(); refused = False
        except sqlite3.DatabaseError as e:
            refused = "append-only" in str(e)
        check(refused, f"the database refuses `{sql}` on the audit trail")
    con.close()
    import io, zipfile
    zdata = request("GET", "/api/originals.zip?versions=all", token=sessions[O][0])[1]
    znames = zipfile.ZipFile(io.BytesIO(zdata)).namelist()
    check(znames and all("daxing" in n for n in znames), f"the officer's originals.zip holds its body's files only: {znames}")

    # CSRF: a state-changing request without the token, or with another session's, is refused.
    token, csrf = sessions[O]
    st, data, _ = request("POST", "/api/check", daxing, token=token)
    check(st == 403 and json.loads(data)["error"]["code"] == "csrf", "POST without X-CSRF-Token: 403 csrf")
    st, _, _ = request("POST", "/api/check", daxing, token=token, csrf=sessions[R][1])
    check(st == 403, "POST with another session's CSRF token: 403")

    # Fixation: a token the client makes up is no session, and signing in issues a new one.
    made_up = "a" * 64
    st, _, _ = request("GET", "/api/session", token=made_up)
    check(st == 401, "a made-up session token is not a session")
    st, _, fresh, _ = login(O, src_addr="127.0.0.11")
    check(fresh and fresh != made_up and fresh != token, "signing in issues a fresh token")

    # Logout ends the session.
    st, _, r = request("POST", "/api/logout", b"", token=fresh, csrf=login(O, src_addr="127.0.0.11")[1]["csrf"] if False else None)
    check(st == 403, "logout without the CSRF token is refused")
    st, j, fresh, _ = login(O, src_addr="127.0.0.11")
    st, _, r = request("POST", "/api/logout", b"", token=fresh, csrf=j["csrf"])
    check(st == 200 and "Max-Age=0" in (r.getheader("Set-Cookie") or ""), "logout clears the cookie")
    st, _, _ = request("GET", "/api/session", token=fresh)
    check(st == 401, "after logout the token is no session")

    # Idle expiry (the clock moved by editing the session's last request).
    st, j, idle, _ = login(R, src_addr="127.0.0.11")
    con = sqlite3.connect(path, timeout=10)
    con.execute("UPDATE sessions SET last_seen = '2000-01-01T00:00:00Z' WHERE created_at = (SELECT MAX(created_at) FROM sessions)")
    con.commit()
    st, _, _ = request("GET", "/api/session", token=idle)
    check(st == 401, "a session idle past its limit has expired")

    # Lockout: five wrong passwords lock the account, even against the right one.
    for i in range(5):
        st, j, _, _ = login(R, "wrong password!", src_addr="127.0.0.12")
        check(st == 401, f"wrong password {i + 1}: 401")
    st, j, _, _ = login(R, src_addr="127.0.0.12")
    check(st == 401 and "锁定" in j["error"]["message"], "after five failures the right password is refused: locked")
    # Rate limit per address: the eleventh attempt in a minute from one address is 429.
    codes = [login("nobody.here", "whatever password", src_addr="127.0.0.13")[0] for _ in range(11)]
    check(codes[:10] == [401] * 10 and codes[10] == 429, f"sign-in attempts from one address: {codes}")

    # An administrator adds an account, which can then sign in; a disabled one cannot.
    token, csrf = sessions[A]
    st, data, _ = request("POST", "/api/users", json.dumps({"name": "officer.new", "role": "officer", "agency": "华龙区卫生健康委员会",
                                                          "password": "new officer password"}).encode(), token=token, csrf=csrf)
    check(st == 201 and json.loads(data)["account"]["role_zh"] == "填报单位", "admin adds an officer through the API")
    st, _, new_token, _ = login("officer.new", "new officer password", src_addr="127.0.0.14")
    check(st == 200 and new_token, "the new officer signs in")
    st, _, _ = request("POST", "/api/users/officer.new/disable", b"{}", token=token, csrf=csrf)
    st2, _, _ = request("GET", "/api/session", token=new_token)
    check(st == 200 and st2 == 401, "disabling an account ends its sessions")
    st, data, _ = request("GET", "/api/audit", token=token)
    actions = [e["action"] for e in json.loads(data)["entries"]]
    check(all(a in actions for a in ["account.add", "account.disable", "session.signin", "session.refused", "report.store",
                                     "report.replace", "report.delete", "account.scope"]),
          "the audit trail has the additions, the disabling, the sign-ins, the refusals, the stored, replaced and deleted "
          "reports and the changes of scope")
    st, data, r = request("GET", "/api/audit?format=csv", token=token)
    text = data.decode("utf-8-sig")
    check(st == 200 and text.startswith("时间（UTC）,操作人,操作") and "添加账号" in text and "存入报告" in text,
          "the administrator exports the audit trail as CSV")

    # HTTPS (--tls-cert/--tls-key): the session cookie gains Secure.
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                           "-subj", "/CN=" + HOST], capture_output=True)
    if made.returncode == 0:
        import ssl
        s2 = socket.socket(); s2.bind((HOST, 0)); tls_port = s2.getsockname()[1]; s2.close()
        tls_server = subprocess.Popen([bin, "serve", "--db", db, "--bind", HOST, "--port", str(tls_port), "--quiet",
                                       "--tls-cert", cert, "--tls-key", key])
        try:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            got = None
            for _ in range(100):
                try:
                    c = http.client.HTTPSConnection(HOST, tls_port, timeout=20, context=ctx, source_address=("127.0.0.15", 0))
                    c.request("POST", "/api/login", json.dumps({"name": A, "password": PASSWORDS[A]}).encode(),
                              {"Content-Type": "application/json"})
                    r = c.getresponse(); r.read(); got = r; c.close(); break
                except (OSError, ssl.SSLError):
                    time.sleep(0.05)
            cookie = got.getheader("Set-Cookie") if got else ""
            check(got is not None and got.status == 200 and "; Secure" in cookie, f"over HTTPS the session cookie is Secure: {cookie}")
        finally:
            tls_server.terminate()
            tls_server.wait(timeout=10)
        p = subprocess.run([bin, "serve", "--db", db, "--bind", HOST, "--port", str(tls_port), "--quiet", "--tls-cert", cert,
                            "--tls-key", cert], capture_output=True, timeout=20)
        check(p.returncode == 2 and "TLS" in p.stderr.decode(), "a key that does not match the certificate: exit 2, said")
    else:
        print("skip HTTPS: openssl could not make a certificate")
finally:
    server.terminate()
    server.wait(timeout=10)

print("access: " + ("ok" if not failures else f"{failures} failed"))
sys.exit(1 if failures else 0)
