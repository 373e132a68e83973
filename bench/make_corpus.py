#!/usr/bin/env python3
"""Writes N reports to OUT_DIR, made from the sample reports with varied agencies and years (deterministic).

  make_corpus.py OUT_DIR [N]
"""
import os, random, sys

src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")
out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
os.makedirs(out, exist_ok=True)
samples = []
for name in sorted(os.listdir(src)):
    if name.endswith(".txt"):
        samples.append(open(os.path.join(src, name), encoding="utf-8").read())
regions = ["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "滨海县", "清河县", "长安区", "新华区", "桥西区"]
bodies = ["卫生健康委员会", "教育局", "民政局", "财政局", "自然资源局", "生态环境局", "交通运输局", "水利局", "商务局", "文化和旅游局"]
old_agencies = ["北京市大兴区卫生健康委员会", "大兴区卫生健康委员会", "华龙区卫生健康委员会", "海原县卫生健康局", "西工区卫生健康委员会", "东昌区卫健局", "东昌区卫生健康局"]
rng = random.Random(20261129)
for i in range(n):
    text = samples[i % len(samples)]
    agency = rng.choice(regions) + rng.choice(bodies)
    for a in old_agencies:
        text = text.replace(a, agency)
    if "2020年" not in text[:200]:
        year = rng.choice([2021, 2022, 2023, 2024])
        text = text.replace("2024", str(year)).replace("2025", str(year + 1))
    with open(os.path.join(out, f"r{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write(text)
