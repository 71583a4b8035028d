#!/usr/bin/env python3
"""Normalizes an /api/v1/metrics body for comparison: groups sorted by their labels, time_stamp
and push time values masked (they differ between two servers by construction)."""
import json
import sys

doc = json.load(sys.stdin)
for group in doc.get("data", []):
    for key, fam in group.items():
        if isinstance(fam, dict) and "time_stamp" in fam:
            fam["time_stamp"] = "<time>"
            if key in ("push_time_seconds", "push_failure_time_seconds"):
                for m in fam["metrics"]:
                    if m["value"] != "0":
                        m["value"] = "<time>"
doc["data"] = sorted(doc.get("data", []), key=lambda g: json.dumps(g["labels"], sort_keys=True))
json.dump(doc, sys.stdout, sort_keys=True, indent=1, ensure_ascii=False)
print()
