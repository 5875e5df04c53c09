package dev.spooler.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 12, 3, 16, 0, 0, 0, ZoneOffset.UTC);
  private final TraceHeaders trace = new TraceHeaders("mx.example", "spool.example");

  @Test
  void theClientsMessageIdIsKeptAndTheReceivedLineNamesTheProtocol() {
    byte[] data = bytes("Message-ID:\r\n <abc@client.example>\r\nSubject: x\r\n\r\nbody\r\n");

    Stamped stamped =
        trace.stamp(
            data,
            new TraceHeaders.Origin("client.example", "192.0.2.1", true, true, false, "S1"),
            "bob@example.org",
            null,
            NOW);

    String text = new String(stamped.bytes(), StandardCharsets.UTF_8);
    assertThat(stamped.messageId()).isEqualTo("<abc@client.example>");
    assertThat(text)
        .startsWith(
            "Received: from client.example ([192.0.2.1])\r\n\tby mx.example (Spooler) with ESMTPSA"
                + " id S1\r\n\tfor <bob@example.org>; Thu, 3 Dec 2026 16:00:00 +0000\r\n")
        .endsWith("\r\n\r\nbody\r\n")
        .doesNotContain("Return-Path");
    assertThat(text.split("Message-ID", -1)).hasSize(2);
  }

  @Test
  void aMessageWithoutMessageIdGetsOneAndFinalDeliveryAddsReturnPath() {
    Stamped stamped =
        trace.stamp(
            bytes("Subject: x\r\n\r\nbody\r\n"),
            new TraceHeaders.Origin("bad helo\r\nX: y", "192.0.2.1", false, false, true, "S2"),
            null,
            "",
            NOW);

    String text = new String(stamped.bytes(), StandardCharsets.UTF_8);
    assertThat(stamped.messageId()).matches("<[0-9a-f-]{36}@spool\\.example>");
    assertThat(text)
        .startsWith("Return-Path: <>\r\nReceived: from bad ([192.0.2.1])")
        .contains("with UTF8SMTP id S2; ")
        .contains("Message-ID: " + stamped.messageId() + "\r\nSubject: x")
        .doesNotContain("for <");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
