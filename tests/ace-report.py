#!/usr/bin/env python3
"""ace-report.py REPORT.json: prints DAISY Ace's violations, one a line
(rule, impact, document, what it says); prints nothing when there are none."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    report = json.load(f)
for doc in report.get("assertions", []):
    for a in doc.get("assertions", []):
        test = a["earl:test"]
        said = a["earl:result"].get("dct:description", "").split("\n")[0]
        print(f'{test["dct:title"]} ({test["earl:impact"]}) in '
              f'{doc["earl:testSubject"]["url"]}: {said}')
if report.get("earl:result", {}).get("earl:outcome") != "pass":
    print("outcome:", report.get("earl:result"))
