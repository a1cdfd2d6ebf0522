#!/usr/bin/env python3
"""include-graph.py SRC: the modules of src/ (x.c with x.h) and what each
includes, checked for cycles.  A module depends on another when its .c or
.h includes the other's header.  Prints "ok ..." or "not ok ..." lines; the
one cycle allowed is Markdown <-> raw HTML (kramdown's markdown="1" renders
Markdown inside raw HTML, which renders raw HTML inside Markdown)."""
import os
import re
import sys

ALLOWED = {frozenset({"markdown", "rawhtml"})}

src = sys.argv[1] if len(sys.argv) > 1 else "src"
deps = {}
for name in os.listdir(src):
    if not name.endswith((".c", ".h")):
        continue
    mod = name[:-2]
    with open(os.path.join(src, name), encoding="utf-8") as f:
        for inc in re.findall(r'^#include "([a-z0-9_]+)\.h"', f.read(), re.M):
            if inc != mod:
                deps.setdefault(mod, set()).add(inc)
        deps.setdefault(mod, set())

# Tarjan's strongly connected components
index, low, stack, on, sccs, n = {}, {}, [], set(), [], [0]


def visit(v):
    index[v] = low[v] = n[0]
    n[0] += 1
    stack.append(v)
    on.add(v)
    for w in sorted(deps.get(v, ())):
        if w not in deps:
            continue
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = set()
        while True:
            w = stack.pop()
            on.discard(w)
            comp.add(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(comp)


sys.setrecursionlimit(10000)
for v in sorted(deps):
    if v not in index:
        visit(v)
bad = [c for c in sccs if frozenset(c) not in ALLOWED]
if bad:
    for c in bad:
        print("not ok include graph: a cycle through %s" % ", ".join(sorted(c)))
else:
    print("ok include graph: %d modules, no cycle but markdown <-> rawhtml"
          % len(deps))
