package dev.spooler.bench;

import java.util.ArrayList;
import java.util.List;

/** One load: how many messages, to how many SMTP recipients each, of what size, over what. */
record Workload(String name, int messages, int recipients, int bodyBytes, Channel channel) {

  enum Channel {
    REST,
    JMS,
    /** The SMTP submission listener (STARTTLS, AUTH, one session per client). */
    SMTP
  }

  int expectedRecipients() {
    return messages * recipients;
  }

  List<String> recipientAddresses() {
    List<String> to = new ArrayList<>();
    for (int i = 0; i < recipients; i++) {
      to.add("rcpt" + i + "@example.net");
    }
    return to;
  }

  /** The submission as JSON (the REST body, and the JMS TextMessage): subject names run and seq. */
  String json(String run, int seq, String escapedBody) {
    StringBuilder to = new StringBuilder();
    for (String address : recipientAddresses()) {
      to.append(to.length() == 0 ? "\"" : ",\"").append(address).append('"');
    }
    return "{\"from\":\"bench@example.org\",\"to\":["
        + to
        + "],\"cc\":[],\"bcc\":[],\"subject\":\"bench "
        + run
        + " "
        + seq
        + "\",\"body\":\""
        + escapedBody
        + "\"}";
  }

  static String escapedBody(int bytes) {
    return Payloads.body(bytes).replace("\r\n", "\\r\\n");
  }
}
