package dev.spooler.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The transport stage's message: a batch on the wire, and the single dispatch it replaced. */
class DispatchBatchTest {

  private final Dispatch first = Dispatch.first(UUID.randomUUID(), "smtp", List.of(1L, 2L), 1);
  private final Dispatch second = Dispatch.first(UUID.randomUUID(), "smtp", List.of(3L), 2);

  @Test
  void aBatchReadsBackAsSent() throws Exception {
    DispatchBatch batch = new DispatchBatch("smtp", List.of(first, second));

    String json;
    try (var jsonb = JsonbBuilder.create()) {
      json = jsonb.toJson(batch);
    }

    assertThat(SpoolQueues.readBatch(json)).isEqualTo(batch);
  }

  @Test
  void aSingleDispatchAsSentBeforeBatchesReadsAsABatchOfOne() {
    String old =
        "{\"messageId\":\"%s\",\"transport\":\"smtp\",\"recipientIds\":[7],\"attempt\":1}"
            .formatted(first.messageId());

    DispatchBatch batch = SpoolQueues.readBatch(old);

    assertThat(batch.transport()).isEqualTo("smtp");
    assertThat(batch.dispatches())
        .singleElement()
        .satisfies(d -> assertThat(d.recipientIds()).containsExactly(7L));
  }

  @Test
  void aBatchHoldsOneTransportOnly() {
    Dispatch local = Dispatch.first(UUID.randomUUID(), "local", List.of(4L), 1);

    assertThatThrownBy(() -> new DispatchBatch("smtp", List.of(first, local)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DispatchBatch("smtp", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
