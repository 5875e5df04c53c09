package dev.spooler.management;

import java.util.List;

/** One page of a queue listing: {@code total} entries match, these are from {@code offset}. */
public record QueuePage<T>(long total, int offset, int limit, List<T> entries) {}
