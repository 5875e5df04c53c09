package dev.spooler.mailbox;

/** A folder as a mail client lists it. */
public record FolderView(String name, long total, long unread) {}
