package dev.dbarch.intake.monitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of schema capture on monitored databases. */
@ConfigMapping(prefix = "dbarch.monitor")
public interface MonitorConfig {

  /** Quiet time after a DDL statement before the catalog is read, so a burst becomes one change. */
  @WithDefault("300ms")
  Duration debounce();

  /** How often Debezium polls its queue; small keeps DDL-to-event latency low. */
  @WithDefault("10ms")
  Duration capturePollInterval();

  /** Heartbeats keep an idle database's WAL from growing behind the replication slot. */
  @WithDefault("10s")
  Duration heartbeatInterval();

  /** How often a monitor in limited mode (no event triggers) reads the catalog for changes. */
  @WithDefault("10s")
  Duration limitedPollInterval();

  /** Wait before restarting a capture that failed (database down, slot busy). */
  @WithDefault("30s")
  Duration retryDelay();

  /**
   * Longest wait between two attempts to publish a captured change that failed (the waits double
   * from 0.5 s up to this). The change's offsets are not committed meanwhile.
   */
  @WithDefault("10s")
  Duration publishRetryMaxDelay();

  /** Consumer group whose partition assignment decides which instance runs which monitor. */
  @WithDefault("intake-service-capture")
  String groupId();

  /**
   * How old a database's usage counters must be before an index they never saw used is reported
   * (SCH-IDX-003): younger counters have not seen a full business cycle.
   */
  @WithDefault("7d")
  Duration unusedIndexMinStatisticsAge();

  /**
   * Replication factor of Debezium's offsets topic when it has to create it; -1: broker default.
   */
  @WithDefault("-1")
  int offsetsReplicationFactor();

  /**
   * When set, monitors may connect only to these: host name globs ({@code *.db.internal}) or
   * addresses and CIDR blocks ({@code 10.20.0.0/16}). Unset: any host the deny rules let through.
   */
  Optional<List<String>> allowedHosts();

  /**
   * Refused in addition to the built-in rules (link-local, cloud metadata): host name globs,
   * addresses or CIDR blocks.
   */
  Optional<List<String>> deniedHosts();

  /**
   * When on, every monitor must connect with {@code tls.mode verify-full} and a CA: a registration
   * with less is refused (400 naming {@code tls.mode}), and a monitor registered before it was
   * switched on stops capturing with that reason. Environment: {@code DBARCH_MONITOR_REQUIRE_TLS}.
   */
  @WithDefault("false")
  boolean requireTls();
}
