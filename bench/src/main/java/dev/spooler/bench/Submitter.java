package dev.spooler.bench;

/** One client's way of handing a message to the spooler; {@link #submit} returns once accepted. */
interface Submitter extends AutoCloseable {

  void submit(int seq) throws Exception;

  @Override
  default void close() throws Exception {}
}
