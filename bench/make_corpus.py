#!/usr/bin/env python3
"""Writes N distinct reports to OUT_DIR, made from the 2021-format sample reports with varied agencies and
years (deterministic). Each body gets up to four consecutive years, so cross-year checks have work to do.

  make_corpus.py OUT_DIR [N]
"""
import os, sys

src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")
out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
os.makedirs(out, exist_ok=True)
samples = []
for name in sorted(os.listdir(src)):
    if name.endswith(".txt"):
        text = open(os.path.join(src, name), encoding="utf-8").read()
        if "2024" in text[:300]:  # the 2021-format samples (reports on 2024)
            samples.append(text)
first = "东西南北中新安平长永清河泰兴华金宝龙阳山海江湖城州"
second = "城宁和丰乐兴原昌阳水川林台江安德盛源溪桥岗坪"
regions = [a + b + suffix for a in first for b in second for suffix in ("区", "县") if a != b]
bodies = ["卫生健康委员会", "教育局", "民政局", "财政局", "自然资源局", "生态环境局", "交通运输局", "水利局", "商务局", "文化和旅游局"]
old_agencies = ["北京市大兴区卫生健康委员会", "大兴区卫生健康委员会", "华龙区卫生健康委员会", "海原县卫生健康局",
                "东昌区卫健局", "东昌区卫生健康局", "大兴区卫健委", "华龙区卫健委"]
years = [2021, 2022, 2023, 2024]
capacity = len(samples) * len(regions) * len(bodies) * len(years)
if n > capacity:
    sys.exit(f"make_corpus.py: at most {capacity} distinct reports")
for i in range(n):
    k, s = divmod(i, len(samples))
    k, y = divmod(k, len(years))
    k, r = divmod(k, len(regions))
    b = k % len(bodies)
    text = samples[s]
    agency = regions[r] + bodies[b]
    for a in old_agencies:
        text = text.replace(a, agency)
    year = years[y]
    text = text.replace("2024", str(year)).replace("2025", str(year + 1))
    with open(os.path.join(out, f"r{i:06d}.txt"), "w", encoding="utf-8") as f:
        f.write(text)
