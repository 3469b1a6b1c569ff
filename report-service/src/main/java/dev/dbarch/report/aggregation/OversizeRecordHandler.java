package dev.dbarch.report.aggregation;

import dev.dbarch.contracts.kafka.EventHeaders;
import dev.dbarch.contracts.kafka.KafkaSecurity;
import dev.dbarch.contracts.kafka.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.jboss.logging.Logger;

/**
 * A record Kafka refuses as too large must not stop the stream thread (by default it does, and
 * every later submission of every system waits behind it). The aggregation already publishes
 * oversize revisions without their sections ({@link Oversize}); this catches what is left (a
 * changelog entry, a limit lowered on the broker): the record's key and headers go to {@link
 * Topics#RECOMMENDATIONS_DLQ} with the reason, and processing continues. Every other error is
 * handled as Kafka Streams does by default.
 *
 * <p>Under {@code exactly_once_v2} (how the service runs) Kafka 4.1's transactional producer is
 * left in an abortable error state by a refused record whatever this handler answers, and the
 * transaction's commit then fails: the dead letter with the reason is still written (its producer
 * is not transactional), but the thread stops. That is why the aggregation checks a revision's size
 * itself, just under the producer's limit, and never hands Kafka one that is too large.
 */
public class OversizeRecordHandler implements ProductionExceptionHandler {

  private static final Logger LOG = Logger.getLogger(OversizeRecordHandler.class);

  private final DefaultProductionExceptionHandler fallback =
      new DefaultProductionExceptionHandler();
  private Map<String, Object> producerConfig = Map.of();
  private Producer<byte[], byte[]> deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    fallback.configure(configs);
    Map<String, Object> config = new HashMap<>();
    Object bootstrap = configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // The stream's own TLS and SCRAM settings, so the dead letters reach a secured broker too.
    config.putAll(KafkaSecurity.clientSettings(configs));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "report-service-oversize-dlq");
    producerConfig = config;
  }

  @Override
  public ProductionExceptionHandlerResponse handle(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (!(exception instanceof RecordTooLargeException)) {
      return fallback.handle(context, record, exception);
    }
    int size = record.value() == null ? 0 : record.value().length;
    String reason =
        "report-service: a record of "
            + size
            + " bytes for "
            + record.topic()
            + " was refused as too large ("
            + exception.getMessage()
            + "); left out, processing continued";
    LOG.error(reason);
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_REASON, reason);
    EventHeaders.put(headers, EventHeaders.DEAD_LETTER_TOPIC, record.topic());
    try {
      producer()
          .send(new ProducerRecord<>(Topics.RECOMMENDATIONS_DLQ, null, record.key(), null, headers))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The log line above is the trace then; stopping the thread would be worse.
      LOG.errorf("Could not dead-letter the oversize record: %s", e.getMessage());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    return ProductionExceptionHandlerResponse.CONTINUE;
  }

  private synchronized Producer<byte[], byte[]> producer() {
    if (deadLetters == null) {
      deadLetters =
          new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
      Producer<byte[], byte[]> created = deadLetters;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(created::close, "oversize-dlq-producer-close"));
    }
    return deadLetters;
  }
}
