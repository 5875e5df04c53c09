#!/usr/bin/env python3
"""Where the server's CPU went in a JFR recording: top self frames, top spooler frames on the
stack, and top 'inclusive' frames by package prefix. Usage: jfr-top.py FILE.jfr [N]"""
import collections, re, subprocess, sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                      capture_output=True, text=True, check=True).stdout
frame = re.compile(r"^\s+([\w.$<>/]+)\(")
selfc, incl, spooler = collections.Counter(), collections.Counter(), collections.Counter()
samples = 0
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = [m.group(1) for m in map(frame.match, event.splitlines()) if m]
    if not frames:
        continue
    samples += 1
    selfc[frames[0]] += 1
    for f in set(frames):
        incl[f] += 1
    own = next((f for f in frames if f.startswith("dev.spooler.")), None)
    spooler[own or "(no spooler frame)"] += 1
print(f"{samples} samples")
for title, c in (("self", selfc), ("inclusive", incl), ("innermost spooler frame", spooler)):
    print(f"--- {title}")
    for f, k in c.most_common(n):
        print(f"{100.0 * k / samples:5.1f}% {f}")
