#!/usr/bin/env python3
"""Where the server's CPU went in a JFR recording: top self frames, top inclusive frames, the
innermost spooler frame, the share of each category of docs/performance.md (the innermost
frame that matches one, walking from the leaf), and the REST request outside the facade: samples
of the HTTP worker threads that are not inside SpoolerFacade, by what they were doing.
Usage: jfr-top.py FILE.jfr [N]"""
import collections, re, subprocess, sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                      capture_output=True, text=True, check=True).stdout
frame = re.compile(r"^\s+([\w.$<>/]+)\(")
thread = re.compile(r'sampledThread = "([^"]*)"')
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
# The request outside the facade, by the innermost frame that matches (walking from the leaf).
REST = [
    ("resource bean created and injected per request (Weld, EJB views)",
     ("ManagedBean.create", "JaxrsInjectionTarget", "ResourceInjector", "ViewService$View.createInstance")),
    ("authentication (Elytron BASIC, realm, identity)",
     ("org.wildfly.security.http.", "org.wildfly.security.auth.server.ServerAuthenticationContext",
      "org.wildfly.security.auth.realm", "org.wildfly.security.password", "org.wildfly.elytron.web",
      "org.wildfly.security.authz", "SecurityIdentity.", "org.wildfly.security.auth.server.SecurityDomain")),
    ("Bean Validation of resource calls (RESTEasy)", ("org.jboss.resteasy.plugins.validation",)),
    ("JSON read (SubmissionJson)", ("SubmissionJson",)),
    ("body and size filters", ("SubmissionBodyFilter", "RequestSizeLimit")),
    ("JSON-B write", ("org.eclipse.yasson", "jakarta.json.bind")),
    ("RESTEasy", ("org.jboss.resteasy",)),
    ("Weld (contexts, proxies)", ("org.jboss.weld",)),
    ("Undertow, servlet", ("io.undertow", "org.wildfly.extension.undertow", "jakarta.servlet")),
]
rest = collections.Counter()
workers = facade = io = 0
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
    t = thread.search(event)
    t = t.group(1) if t else ""
    if t.startswith("default I/O"):
        io += 1
    elif t.startswith("default task"):
        workers += 1
        if any("SpoolerFacade" in f for f in frames):
            facade += 1
        else:
            rest[next((name for f in frames for name, keys in REST if any(k in f for k in keys)),
                      "other")] += 1
print(f"{samples} samples")
for title, c in (("self", selfc), ("inclusive", incl), ("innermost spooler frame", spooler),
                 ("category", category)):
    print(f"--- {title}")
    for f, k in c.most_common(n):
        print(f"{100.0 * k / samples:5.1f}% {f}")
print(f"--- REST request outside the facade: {100.0 * (workers - facade) / samples:.1f}% on the HTTP"
      f" workers (+ {100.0 * io / samples:.1f}% Undertow I/O threads); in the facade"
      f" {100.0 * facade / samples:.1f}%")
for f, k in rest.most_common(n):
    print(f"{100.0 * k / samples:5.1f}% {f}")
