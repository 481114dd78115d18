import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of the given topics from its earliest offset to its high watermark as of the start of the read,
 * with Apache Kafka's own Java consumer and no consumer group (assign, not subscribe): nothing to join, no coordinator,
 * no committed offsets; a client independent of kafkajs (libs/testing `readPartitions`, docs/adr/0031).
 *
 * Run with the broker's jars on the class path (`java -cp 'infra/kafka/lib/<version>/*' ReadPartitions.java topic...`).
 * READ_BROKERS: bootstrap servers; READ_USERNAME / READ_PASSWORD: SCRAM-SHA-512 login (none: PLAINTEXT);
 * READ_TIMEOUT_MS: give up (exit 2, naming the partitions not read to their end) after this long.
 *
 * Prints one JSON object a line: `{"partition":...}` for every partition (topic, partition, low, high) before any
 * record, then `{"record":...}` for every record below the high watermark (topic, partition, offset, the ce_id header, key and
 * value as UTF-8),
 * then `{"done":true}`.
 */
public final class ReadPartitions {
  private ReadPartitions() {}

  private static String json(String text) {
    if (text == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      // Control and non-ASCII characters escaped: stdout's encoding is the JVM's default, ASCII without a locale.
      else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  public static void main(String[] topics) {
    Properties props = new Properties();
    props.put("bootstrap.servers", System.getenv("READ_BROKERS"));
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    props.put("isolation.level", "read_uncommitted");
    props.put("client.id", "vt-read-partitions");
    String username = System.getenv("READ_USERNAME");
    if (username != null && !username.isEmpty()) {
      props.put("security.protocol", "SASL_PLAINTEXT");
      props.put("sasl.mechanism", "SCRAM-SHA-512");
      props.put(
          "sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username="
              + json(username)
              + " password="
              + json(System.getenv("READ_PASSWORD"))
              + ";");
    }
    long deadline = System.currentTimeMillis() + Long.parseLong(System.getenv().getOrDefault("READ_TIMEOUT_MS", "60000"));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
        if (infos == null || infos.isEmpty()) {
          System.err.println("no partitions for topic " + topic);
          System.exit(2);
        }
        for (PartitionInfo info : infos) partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> low = consumer.beginningOffsets(partitions, Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
      Map<TopicPartition, Long> high = consumer.endOffsets(partitions, Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition tp : partitions) {
        System.out.println("{\"partition\":{\"topic\":" + json(tp.topic()) + ",\"partition\":" + tp.partition() + ",\"low\":" + low.get(tp) + ",\"high\":" + high.get(tp) + "}}");
        if (high.get(tp) > low.get(tp)) remaining.put(tp, high.get(tp));
      }
      consumer.seekToBeginning(partitions);
      while (!remaining.isEmpty()) {
        if (System.currentTimeMillis() > deadline) {
          StringBuilder pending = new StringBuilder();
          for (TopicPartition tp : remaining.keySet()) pending.append(' ').append(tp).append(" at ").append(consumer.position(tp)).append(" of ").append(remaining.get(tp));
          System.err.println("not read to the high watermark in time:" + pending);
          System.exit(2);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= high.get(tp)) continue;
          Header id = record.headers().lastHeader("ce_id");
          System.out.println(
              "{\"record\":{\"topic\":" + json(record.topic()) + ",\"partition\":" + record.partition() + ",\"offset\":" + record.offset()
                  + ",\"eventId\":" + json(id == null ? null : utf8(id.value()))
                  + ",\"key\":" + json(record.key() == null ? null : utf8(record.key()))
                  + ",\"value\":" + json(record.value() == null ? null : utf8(record.value())) + "}}");
        }
        remaining.keySet().removeIf((tp) -> consumer.position(tp) >= remaining.get(tp));
      }
      System.out.println("{\"done\":true}");
    }
  }
}
