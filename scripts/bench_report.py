"""The tables of scripts/bench.sh, as Markdown (pasted into the README), from its results file.

Lines of the results file (one measurement each):
  N FS TOOL WALL_S RSS_KB CPU_S           a timed run
  N FS pages TOOL COUNT                   HTML pages of a tool's output
  N FS kind KIND BYTES FILES              vestis's output bytes of one kind
  N FS payload BYTES FILES RECORDS QUERY  the search payload of one query
  N FS latency SERVED_MS BUILD_MS         edit-to-served
  N FS latency-base SERVED_MS BUILD_MS    edit-to-served of the BASELINE binary
"""
import statistics
import sys

TOOLS = ["vestis", "vestis-base", "vestis-replace", "hugo", "zola", "floor"]
KINDS = ["pages", "feeds", "search", "media", "other"]

runs, pages, kinds, payloads, latency, latency_base = {}, {}, {}, {}, {}, {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.split()
    case = (int(f[0]), f[1])
    if f[2] == "pages":
        pages[case + (f[3],)] = int(f[4])
    elif f[2] == "kind":
        kinds[case + (f[3],)] = (int(f[4]), int(f[5]))
    elif f[2] == "payload":
        payloads.setdefault(case, []).append((" ".join(f[6:]), int(f[3]), int(f[4]), int(f[5])))
    elif f[2] == "latency":
        latency[case] = (float(f[3]), float(f[4]))
    elif f[2] == "latency-base":
        latency_base[case] = (float(f[3]), float(f[4]))
    else:
        runs.setdefault(case + (f[2],), []).append((float(f[3]), int(f[4]) / 1024, float(f[5])))

med = {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v),
           statistics.median(x[2] for x in v), min(x[0] for x in v), len(v)) for k, v in runs.items()}
cases = sorted({k[:2] for k in med}, key=lambda c: (c[1] != "tmpfs", c[0]))

def mb(b):
    return f"{b / 1e6:,.1f} MB"

print("| N | fs | tool | runs | wall (median) | min | CPU | peak RSS | HTML pages |")
print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
for case in cases:
    for tool in TOOLS:
        m = med.get(case + (tool,))
        if not m:
            continue
        wall, rss, cpu, lo, n = m
        p = pages.get(case + ("vestis" if tool.startswith("vestis") else tool,), "")
        print(f"| {case[0]:,} | {case[1]} | {tool} | {n} | {wall:.2f} s | {lo:.2f} s | {cpu:.2f} s "
              f"| {rss:,.0f} MiB | {p if tool != 'floor' else ''} |")
print()
print("| N | fs | vestis / Hugo | vestis / Zola | vestis / floor | peak RSS | replace / fresh |")
print("|---:|---|---:|---:|---:|---:|---:|")
for case in cases:
    g = lambda t: med.get(case + (t,))
    v, h, z, fl, r = g("vestis"), g("hugo"), g("zola"), g("floor"), g("vestis-replace")
    if not v:
        continue
    ratio = lambda o: f"{v[0] / o[0]:.2f}" if o else "—"
    goal_rss = 300 if case[0] <= 10000 else 2048
    print(f"| {case[0]:,} | {case[1]} | {ratio(h)} | {ratio(z)} | {ratio(fl)} "
          f"| {v[1]:,.0f} MiB (goal ≤ {goal_rss:,}) | {ratio(r) if not r else f'{r[0] / v[0]:.2f}'} |")
print()
print("Goals: vestis / Hugo and vestis / Zola ≤ 0.25, vestis / floor ≤ 2 (wall time, tmpfs).")
for fs in sorted({c[1] for c in cases}):
    small, big = med.get((10000, fs, "vestis")), med.get((100000, fs, "vestis"))
    if small and big:
        print(f"100,000 / 10,000 records on {fs}: time {big[0] / small[0]:.1f}× (goal ≤ 12), "
              f"peak RSS {big[1] / small[1]:.1f}×.")
for case in cases:
    if case in latency:
        served, built = latency[case]
        print(f"N={case[0]:,} {case[1]}: edit-to-served {served:.0f} ms, full build {built:.0f} ms.")
    if case in latency_base:
        served, built = latency_base[case]
        print(f"N={case[0]:,} {case[1]}: baseline edit-to-served {served:.0f} ms, full build {built:.0f} ms.")
    base, new = med.get(case + ("vestis-base",)), med.get(case + ("vestis",))
    if base and new:
        print(f"N={case[0]:,} {case[1]}: vestis / baseline wall {new[0] / base[0]:.2f}, "
              f"CPU {new[2] / base[2]:.2f}, peak RSS {new[1] / base[1]:.2f}.")
print()
print("Output of vestis per kind (bytes, files):")
print()
print("| N | " + " | ".join(KINDS) + " | total |")
print("|---:|" + "---:|" * (len(KINDS) + 1))
for case in cases:
    if case[1] != "tmpfs" and (case[0], "tmpfs") in cases:
        continue
    row = [kinds.get(case + (k,), (0, 0)) for k in KINDS]
    if not any(b for b, _ in row):
        continue
    cells = [f"{mb(b)} ({n:,})" for b, n in row]
    print(f"| {case[0]:,} | " + " | ".join(cells) + f" | {mb(sum(b for b, _ in row))} |")
if payloads:
    print()
    print("Search payload (the default theme's search box in Chromium, Latvian index):")
    print()
    print("| N | query | records found | files fetched | bytes fetched |")
    print("|---:|---|---:|---:|---:|")
    for case in cases:
        for query, b, files, found in payloads.get(case, []):
            print(f"| {case[0]:,} | `{query}` | {found:,} | {files} | {b / 1024:,.0f} KiB |")
