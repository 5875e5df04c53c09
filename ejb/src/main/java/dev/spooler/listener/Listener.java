package dev.spooler.listener;

/**
 * One listener as its commands see it: submission (AUTH required, and only after STARTTLS) or MX
 * (no AUTH), whether it can offer STARTTLS, where its mail goes, and the session bookkeeping.
 */
record Listener(
    String name,
    boolean submission,
    boolean tls,
    MailDrop drop,
    SessionGuard guard,
    ListenerSettings settings,
    TraceHeaders trace) {}
