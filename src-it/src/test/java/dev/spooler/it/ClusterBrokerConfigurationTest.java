package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cluster's broker configuration keeps up with the server's: every destination spooler.cli
 * defines on the embedded broker also exists on the external one (broker.xml), as the cluster nodes
 * bind it by name and the broker creates nothing on its own.
 */
class ClusterBrokerConfigurationTest {

  private static final Path SERVER = Path.of("../ear/src/main/server/spooler.cli");
  private static final Path BROKER = Path.of("../ear/src/main/broker/broker.xml");

  @Test
  void everyQueueOfTheServerIsAnAnycastAddressOfTheBroker() throws IOException {
    String broker = Files.readString(BROKER);
    for (String queue : destinations("jms-queue")) {
      assertThat(broker)
          .as("broker.xml address of queue " + queue)
          .contains("<address name=\"" + queue + "\"><anycast><queue name=\"" + queue + "\"/>");
    }
  }

  @Test
  void everyTopicOfTheServerIsAMulticastAddressOfTheBroker() throws IOException {
    String broker = Files.readString(BROKER);
    for (String topic : destinations("jms-topic")) {
      assertThat(broker)
          .as("broker.xml address of topic " + topic)
          .contains("<address name=\"" + topic + "\"><multicast/>");
    }
  }

  private static List<String> destinations(String kind) throws IOException {
    Matcher added = Pattern.compile("/" + kind + "=([^:/]+):add").matcher(Files.readString(SERVER));
    List<String> names = added.results().map(m -> m.group(1)).toList();
    assertThat(names).as(kind + "s in spooler.cli").isNotEmpty();
    return names;
  }
}
