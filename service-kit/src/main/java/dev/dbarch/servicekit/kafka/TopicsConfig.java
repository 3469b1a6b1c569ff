package dev.dbarch.servicekit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How a service provisions dbarch's topics at start-up. */
@ConfigMapping(prefix = "dbarch.topics")
public interface TopicsConfig {

  /** Create missing topics at start-up (off where a platform team owns topic creation). */
  @WithDefault("true")
  boolean provision();

  /** Partitions for new topics: the ceiling on how many instances of one service share work. */
  @WithDefault("3")
  int partitions();

  /** Replication factor for new topics; -1 takes the broker's default. */
  @WithName("replication-factor")
  @WithDefault("-1")
  short replicationFactor();
}
