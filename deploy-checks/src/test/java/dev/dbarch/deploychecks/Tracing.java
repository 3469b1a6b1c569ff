package dev.dbarch.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the services send their spans, as their code and the collector's configuration say. */
final class Tracing {

  /** The variable service-kit's TracingConfigSource reads, taken from its source. */
  static final String ENDPOINT_VARIABLE = endpointVariable();

  /** The OTLP receiver ports of the collector's traces pipeline and where it exports to. */
  record Pipeline(List<Integer> receiverPorts, String exportsTo) {}

  private Tracing() {}

  static Pipeline collectorPipeline(String yaml) {
    JsonNode config;
    try {
      config = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("the collector configuration does not parse", e);
    }
    JsonNode traces = config.path("service").path("pipelines").path("traces");
    List<Integer> ports = new ArrayList<>();
    for (JsonNode receiver : traces.path("receivers")) {
      for (JsonNode protocol : config.path("receivers").path(receiver.asText()).path("protocols")) {
        String endpoint = protocol.path("endpoint").asText();
        ports.add(Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
      }
    }
    if (traces.path("exporters").size() != 1) {
      throw new AssertionError("the traces pipeline should export to one backend");
    }
    String exporter = traces.path("exporters").get(0).asText();
    return new Pipeline(ports, config.path("exporters").path(exporter).path("endpoint").asText());
  }

  private static String endpointVariable() {
    String source =
        Repo.read(
            Repo.path(
                "service-kit/src/main/java/dev/dbarch/servicekit/tracing/TracingConfigSource.java"));
    Matcher m = Pattern.compile("String ENDPOINT = \"([A-Z_]+)\"").matcher(source);
    if (!m.find()) {
      throw new AssertionError("TracingConfigSource no longer declares its ENDPOINT variable");
    }
    return m.group(1);
  }
}
