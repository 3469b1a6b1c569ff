package dev.dbarch.contracts.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place that turns a process's environment into Kafka client security settings ({@code
 * security.protocol}, {@code sasl.*}, {@code ssl.truststore.*}). Every service (through
 * service-kit's configuration source), the broker tool and the end-to-end tests use it, so a client
 * never connects with half of the settings.
 *
 * <p>Variables (each {@code *_FILE} variant reads the value from a file and wins over the plain
 * one, so a password need not sit in the environment):
 *
 * <ul>
 *   <li>{@code DBARCH_KAFKA_SECURITY_PROTOCOL}: PLAINTEXT (default), SSL, SASL_SSL or
 *       SASL_PLAINTEXT
 *   <li>{@code DBARCH_KAFKA_SASL_MECHANISM}: default SCRAM-SHA-512
 *   <li>{@code DBARCH_KAFKA_SASL_USERNAME[_FILE]}, {@code DBARCH_KAFKA_SASL_PASSWORD[_FILE]}
 *   <li>{@code DBARCH_KAFKA_TRUSTSTORE}: a PEM file of CA certificates, or a PKCS12/JKS store
 *   <li>{@code DBARCH_KAFKA_TRUSTSTORE_PASSWORD[_FILE]} for a PKCS12/JKS store
 *   <li>{@code DBARCH_KAFKA_SSL_ENDPOINT_IDENTIFICATION}: default {@code https} (host name checked)
 * </ul>
 *
 * <p>The password only ever travels inside {@code sasl.jaas.config}, which Kafka declares a
 * password-type setting and prints as {@code [hidden]}; errors name variables, never values.
 */
public final class KafkaSecurity {

  public static final String PROTOCOL = "DBARCH_KAFKA_SECURITY_PROTOCOL";
  public static final String MECHANISM = "DBARCH_KAFKA_SASL_MECHANISM";
  public static final String USERNAME = "DBARCH_KAFKA_SASL_USERNAME";
  public static final String PASSWORD = "DBARCH_KAFKA_SASL_PASSWORD";
  public static final String TRUSTSTORE = "DBARCH_KAFKA_TRUSTSTORE";
  public static final String TRUSTSTORE_PASSWORD = "DBARCH_KAFKA_TRUSTSTORE_PASSWORD";
  public static final String ENDPOINT_IDENTIFICATION = "DBARCH_KAFKA_SSL_ENDPOINT_IDENTIFICATION";

  public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

  /** Client setting names that carry or configure credentials. */
  public static final Set<String> CLIENT_KEYS =
      Set.of(
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.type",
          "ssl.truststore.password",
          "ssl.endpoint.identification.algorithm");

  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT");

  private KafkaSecurity() {}

  /** From this process's environment. */
  public static Map<String, String> fromEnvironment() {
    return clientProperties(System::getenv);
  }

  /**
   * @param env a variable lookup (null when unset)
   * @return the client settings in a stable order; empty for PLAINTEXT (the broker's default)
   * @throws IllegalArgumentException naming the variable that is missing or wrong
   */
  public static Map<String, String> clientProperties(Function<String, String> env) {
    String protocol = value(env, PROTOCOL);
    Map<String, String> props = new LinkedHashMap<>();
    if (protocol == null) {
      return props;
    }
    protocol = protocol.toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(
          PROTOCOL + " must be one of " + String.join(", ", sorted(PROTOCOLS)));
    }
    if (protocol.equals("PLAINTEXT")) {
      return props;
    }
    props.put("security.protocol", protocol);
    if (protocol.startsWith("SASL_")) {
      String mechanism = value(env, MECHANISM);
      mechanism = mechanism == null ? DEFAULT_MECHANISM : mechanism.toUpperCase(Locale.ROOT);
      if (!mechanism.startsWith("SCRAM-SHA-")) {
        throw new IllegalArgumentException(MECHANISM + " must be SCRAM-SHA-512 or SCRAM-SHA-256");
      }
      String username = required(env, USERNAME, protocol);
      String password = required(env, PASSWORD, protocol);
      props.put("sasl.mechanism", mechanism);
      props.put("sasl.jaas.config", scramJaas(username, password));
    }
    if (protocol.endsWith("SSL")) {
      String truststore = value(env, TRUSTSTORE);
      if (truststore != null) {
        if (!Files.isReadable(Path.of(truststore))) {
          throw new IllegalArgumentException(TRUSTSTORE + " names a file that cannot be read");
        }
        props.put("ssl.truststore.location", truststore);
        props.put("ssl.truststore.type", truststoreType(truststore));
        String storePassword = value(env, TRUSTSTORE_PASSWORD);
        if (storePassword != null) {
          props.put("ssl.truststore.password", storePassword);
        }
      }
      String identification = value(env, ENDPOINT_IDENTIFICATION);
      if (identification != null) {
        // "none" switches host name checks off (Kafka's empty value): only for test brokers.
        props.put(
            "ssl.endpoint.identification.algorithm",
            identification.equalsIgnoreCase("none") ? "" : identification);
      }
    }
    return props;
  }

  /** The JAAS line of a SCRAM login; quotes and backslashes in either value are escaped. */
  public static String scramJaas(String username, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + escape(username)
        + "\" password=\""
        + escape(password)
        + "\";";
  }

  /**
   * The security settings of {@code clientConfig} as Debezium's embedded engine takes them: at the
   * top level for its Kafka offset store (which builds its producer, consumer and admin from the
   * engine's own settings) and under {@code schema.history.internal.producer./consumer.} for the
   * schema history.
   */
  public static Map<String, String> debeziumProperties(Map<String, ?> clientConfig) {
    Map<String, String> out = new LinkedHashMap<>();
    clientSettings(clientConfig)
        .forEach(
            (key, value) -> {
              String v =
                  value instanceof org.apache.kafka.common.config.types.Password p
                      ? p.value()
                      : String.valueOf(value);
              out.put(key, v);
              out.put("schema.history.internal.producer." + key, v);
              out.put("schema.history.internal.consumer." + key, v);
            });
    return out;
  }

  /**
   * The security settings ({@link #CLIENT_KEYS}) present in a client configuration, for a client
   * built in code from it: without them a plaintext client of a TLS listener reads the handshake as
   * a frame size and can run the process out of heap.
   */
  public static Map<String, Object> clientSettings(Map<String, ?> clientConfig) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : CLIENT_KEYS) {
      Object value = clientConfig.get(key);
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  /** The settings with every secret replaced, for messages and status output. */
  public static Map<String, String> redacted(Map<String, ?> props) {
    Map<String, String> out = new LinkedHashMap<>();
    props.forEach(
        (k, v) ->
            out.put(
                k,
                k.equals("sasl.jaas.config") || k.endsWith(".password")
                    ? "[hidden]"
                    : String.valueOf(v)));
    return out;
  }

  static String truststoreType(String location) {
    String name = location.toLowerCase(Locale.ROOT);
    if (name.endsWith(".p12") || name.endsWith(".pfx")) {
      return "PKCS12";
    }
    if (name.endsWith(".jks")) {
      return "JKS";
    }
    return "PEM";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String required(Function<String, String> env, String name, String protocol) {
    String v = value(env, name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(
          protocol + " needs " + name + " or " + name + "_FILE to be set");
    }
    return v;
  }

  /** {@code NAME_FILE} (the file's content without the trailing line break) or {@code NAME}. */
  private static String value(Function<String, String> env, String name) {
    String file = env.apply(name + "_FILE");
    if (file != null && !file.isBlank()) {
      try {
        String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        return content.strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            name + "_FILE names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    String v = env.apply(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static java.util.List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }
}
