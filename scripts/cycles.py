#!/usr/bin/env python3
"""Import cycles between the modules of src/ (one module per file).

    python3 scripts/cycles.py [src]

An edge a -> b is any path `crate::...`, `super::...`, `self::...` (also inside `use {...}`
groups) in a's file, outside comments, that names module b or an item in it; edges into a
module's own ancestors or descendants are left out (a folder's mod.rs declares its files).
It prints the cycles between sibling and cousin modules (strongly connected components), then
the child modules that use items *defined* in their parent's file (not a re-export) as a
second, weaker list. Exit status 1 when there is a cycle.
"""
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
mods = {}
for dp, _, fs in os.walk(root):
    for f in fs:
        if not f.endswith('.rs'): continue
        p = os.path.join(dp, f)
        rel = os.path.relpath(p, root)[:-3].split(os.sep)
        if rel[-1] in ('mod', 'lib', 'main'): rel = rel[:-1]
        mods[tuple(rel)] = p
names = set(mods)
def resolve(path):
    # longest prefix that is a module
    for n in range(len(path), 0, -1):
        if tuple(path[:n]) in names: return tuple(path[:n])
    return None
edges = {}
tok = re.compile(r'\b((?:crate|super|self)(?:::(?:super|[A-Za-z_][A-Za-z0-9_]*))+)')
group = re.compile(r'\b((?:crate|super|self)(?:::(?:super|[a-z_][a-z0-9_]*))*)::\{([^}]*)\}', re.S)
for m, p in mods.items():
    src = open(p).read()
    # strip comments, and #[cfg(test)] mod tests blocks are separate files mostly
    src = re.sub(r'//[^\n]*', '', src)
    is_dir_mod = os.path.basename(p) in ('mod.rs', 'lib.rs', 'main.rs')
    here = list(m) if is_dir_mod else list(m)
    parent = list(m) if is_dir_mod else list(m[:-1])
    def absolute(segs):
        if segs[0] == 'crate': base, rest = [], segs[1:]
        elif segs[0] == 'self': base, rest = list(m), segs[1:]
        else:
            base = parent[:]; rest = segs[1:]
            while rest and rest[0] == 'super': base = base[:-1]; rest = rest[1:]
        return base + rest
    paths = [t.split('::') for t in tok.findall(src)]
    for prefix, inner in group.findall(src):
        for item in re.split(r',', inner):
            item = item.strip().split(' as ')[0].split('::')[0].strip()
            if item and item != 'self': paths.append(prefix.split('::') + [item])
    for segs in paths:
        t = resolve(absolute(segs))
        if t is None or t == m: continue
        # an edge to an ancestor module (its own parent) is fine: parent declares child
        if m[:len(t)] == t: continue
        if t[:len(m)] == m: continue  # into own submodule
        edges.setdefault(m, set()).add(t)
# collapse to one level: module granularity as given; find SCCs
sys.setrecursionlimit(10000)
idx, low, on, st, sccs, c = {}, {}, set(), [], [], [0]
def sc(v):
    idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
    for w in edges.get(v, ()):
        if w not in idx: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(comp)
for v in list(mods):
    if v not in idx: sc(v)
fmt = lambda m: '::'.join(m) or 'crate'
print(f'{len(mods)} modules, {sum(len(e) for e in edges.values())} edges, {len(sccs)} cycles')
for comp in sccs:
    cs = set(comp)
    print('cycle:', ', '.join(sorted(fmt(x) for x in comp)))
    for a in sorted(comp):
        for b in sorted(edges.get(a, ())):
            if b in cs: print('   ', fmt(a), '->', fmt(b))

# Parent <-> child: a child module using an item *defined* in its parent's file (not a
# submodule, not a re-export), while the parent uses the child.
defs = {}
for m, p in mods.items():
    src = re.sub(r'//[^\n]*', '', open(p).read())
    src = re.split(r'#\[cfg\(test\)\]\s*mod tests\s*\{', src)[0]
    defs[m] = set(re.findall(r'^(?:pub(?:\([a-z]+\))?\s+)?(?:fn|struct|enum|const|static|type|trait)\s+([A-Za-z_][A-Za-z0-9_]*)', src, re.M))
pc = []
for m, p in mods.items():
    if not m: continue
    parent = m[:-1]
    src = re.sub(r'//[^\n]*', '', open(p).read())
    src = re.split(r'#\[cfg\(test\)\]\s*mod tests\s*\{', src)[0]
    names = set()
    for prefix, inner in group.findall(src):
        segs = prefix.split('::')
        if segs == ['super'] or segs == ['crate'] + list(parent):
            for item in inner.split(','):
                item = item.strip().split(' as ')[0].split('::')[0].strip()
                if item: names.add(item)
    for t in tok.findall(src):
        segs = t.split('::')
        if segs[0] == 'super' and len(segs) == 2: names.add(segs[1])
        if segs[0] == 'crate' and segs[1:-1] == list(parent): names.add(segs[-1])
    used = names & defs.get(parent, set())
    if used: pc.append((m, sorted(used)))
print(f'{len(pc)} child modules use items defined in their parent module:')
for m, used in sorted(pc):
    print('   ', fmt(m), '->', fmt(m[:-1]), ':', ', '.join(used))

sys.exit(1 if sccs else 0)
