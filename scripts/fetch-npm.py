#!/usr/bin/env python3
"""Fetches the npm packages compiled into xxgk (ECharts; chinese-days, the official holiday calendar) without
Node.js: for each, the tarball of the version pinned in web/package-lock.json, from the npm registry, checked
against the lockfile's sha512 integrity, unpacked into web/node_modules/NAME/ (its dist/ and license files
only). `npm ci` (make test) gives the same files; this keeps Node.js and npm out of `make demo`.

Usage: scripts/fetch-npm.py [NAME …]   (default: echarts chinese-days; the registry is $npm_config_registry,
       or registry.npmjs.org)
"""
import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
lock = json.load(open(os.path.join(here, "web", "package-lock.json")))
registry = os.environ.get("npm_config_registry", "https://registry.npmjs.org").rstrip("/")


def fetch(package):
    entry = lock["packages"]["node_modules/" + package]
    version, integrity = entry["version"], entry["integrity"]
    algo, _, digest = integrity.partition("-")
    if algo != "sha512":
        sys.exit(f"fetch-npm: the lockfile's integrity for {package} is not sha512: {integrity}")
    url = entry.get("resolved") or f"{registry}/{package}/-/{package}-{version}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            data = r.read()
    except OSError as e:
        sys.exit(f"fetch-npm: cannot download {url}: {e}")
    if base64.b64encode(hashlib.sha512(data).digest()).decode() != digest:
        sys.exit(f"fetch-npm: {url} does not match the lockfile's integrity (sha512); refusing it")
    dest = os.path.join(here, "web", "node_modules", package)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for m in tar.getmembers():
            name = m.name.split("/", 1)[1] if "/" in m.name else m.name
            if not m.isfile() or ".." in name.split("/"):
                continue
            if not (name.startswith("dist/") or name in ("LICENSE", "NOTICE", "package.json")):
                continue
            out = os.path.join(dest, name)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with tar.extractfile(m) as f, open(out, "wb") as o:
                o.write(f.read())
    print(f"fetch-npm: {package} {version} (sha512 checked) in web/node_modules/{package}/")


for package in sys.argv[1:] or ["echarts", "chinese-days"]:
    fetch(package)
