#!/usr/bin/env python3
"""Where the server's CPU went in a JFR recording: top self frames, top inclusive frames, the
innermost spooler frame, and the share of each category of docs/performance.md (the innermost
frame that matches one, walking from the leaf). Usage: jfr-top.py FILE.jfr [N]"""
import collections, re, subprocess, sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                      capture_output=True, text=True, check=True).stdout
frame = re.compile(r"^\s+([\w.$<>/]+)\(")
CATEGORIES = [
    ("transaction commit (2PC: Artemis XA, H2 commit, tx log)",
     ("BasicAction.End", "BasicAction.prepare", "XAOnePhaseResource.commit",
      "TwoPhaseCoordinator.afterCompletion", "BasicAction.phase2Commit")),
    ("Hibernate flush (H2 runs in the server JVM: its work counts here)",
     ("SessionImpl.managedFlush", "SessionImpl.doFlush")),
    ("SMTP send", ("SmtpRelay.send",)),
    ("MIME render/serialise, pre-processing hooks",
     ("MimeRenderer.render", "HookedMessage.bytes", "Preprocessor.preprocess")),
    ("JPA queries", ("JdbcSelectExecutor", "AbstractSelectionQuery.list", "SessionImpl.find")),
    ("JMS sends in the transaction (stages, events topic, replies)",
     ("SpoolQueues.", "EventTopic.publish", "ClientReplies")),
    ("REST (Undertow, RESTEasy, JSON)", ("io.undertow.", "org.jboss.resteasy.")),
    ("Artemis broker threads",
     ("org.apache.activemq.artemis.core.server", "org.apache.activemq.artemis.core.journal",
      "org.apache.activemq.artemis.core.io", "org.apache.activemq.artemis.utils.actors")),
]
category = collections.Counter()
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
    category[next((name for f in frames for name, keys in CATEGORIES if any(k in f for k in keys)),
                  "other (EJB/CDI interceptors, MDB delivery)")] += 1
print(f"{samples} samples")
for title, c in (("self", selfc), ("inclusive", incl), ("innermost spooler frame", spooler),
                 ("category", category)):
    print(f"--- {title}")
    for f, k in c.most_common(n):
        print(f"{100.0 * k / samples:5.1f}% {f}")
