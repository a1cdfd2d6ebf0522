#!/usr/bin/env python3
"""toml-test.py DECODER SUITE: runs toml-test's TOML 1.0 cases (the files
SUITE/tests/files-toml-1.0.0 lists) through hbook's TOML reader.  Each
valid case must decode to its JSON (values compared as toml-test does:
integers and floats by value, date-times by their instant and precision);
each invalid case must be refused with a FILE:LINE: diagnostic.  Prints
"ok ..." / "not ok ..." lines for tests/run.sh."""
import json
import math
import os
import re
import subprocess
import sys

decoder, suite = sys.argv[1], sys.argv[2]
tests = os.path.join(suite, "tests")
files = [f.strip() for f in open(os.path.join(tests, "files-toml-1.0.0"))
         if f.strip().endswith(".toml")]
paths = [os.path.join(tests, f) for f in files]
out = {}
for i in range(0, len(paths), 200):
    run = subprocess.run([decoder] + paths[i:i + 200], capture_output=True)
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            out[parts[0]] = (parts[1], parts[2])


def norm_dt(v):
    """A date-time as toml-test compares it: T and Z, milliseconds."""
    v = v.replace(" ", "T").replace("t", "T").replace("z", "Z")
    return re.sub(r"\.(\d+)", lambda m: "." + (m.group(1) + "000")[:3], v)


def same(a, b):
    if isinstance(a, dict) and set(a) == {"type", "value"} and \
            isinstance(a.get("value"), str):
        if not (isinstance(b, dict) and b.get("type") == a["type"]):
            return False
        t, x, y = a["type"], a["value"], b.get("value")
        if t == "integer":
            return int(x) == int(y)
        if t == "float":
            fx, fy = float(x), float(y)
            return (math.isnan(fx) and math.isnan(fy)) or fx == fy
        if t.startswith("date") or t.startswith("time"):
            return norm_dt(x) == norm_dt(y)
        return x == y
    if isinstance(a, dict):
        return isinstance(b, dict) and set(a) == set(b) and \
            all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and \
            all(same(x, y) for x, y in zip(a, b))
    return a == b


bad = {"valid": [], "invalid": []}
counts = {"valid": 0, "invalid": 0}
for f, p in zip(files, paths):
    kind = f.split("/")[0]
    counts[kind] += 1
    status, rest = out.get(p, ("missing", ""))
    if kind == "valid":
        want = json.load(open(p[:-5] + ".json", encoding="utf-8"))
        try:
            got = json.loads(rest) if status == "ok" else None
        except ValueError:
            got = None
        if got is None or not same(want, got):
            bad[kind].append("%s: %s" % (f, rest[:200]))
    elif status != "error" or not re.match(r".*\.toml:\d+: ", rest):
        bad[kind].append("%s: %s" % (f, status))
for kind in ("valid", "invalid"):
    n = counts[kind] - len(bad[kind])
    ok = not bad[kind] and counts[kind] > 0
    print("%s toml-test: %d of %d TOML 1.0 %s cases %s" %
          ("ok" if ok else "not ok", n, counts[kind], kind,
           "decode to their JSON" if kind == "valid" else
           "are refused with FILE:LINE:"))
    for b in bad[kind][:15]:
        print("  " + b)
