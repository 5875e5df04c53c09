package dev.spooler.hook;

/** When a hook runs: on outgoing messages before routing, or on arriving ones before filing. */
public enum HookPhase {
  PRE_PROCESS,
  POST_PROCESS
}
