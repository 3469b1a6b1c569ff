package dev.dbarch.report.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The aggregation's cache of parsed states: bounded by their JSON size, least recently used out.
 */
class StateCacheTest {

  private static SystemState state(long revision) {
    return new SystemState(revision, null, null, null, null);
  }

  @Test
  void theLeastRecentlyUsedStatesLeaveOnceTheBytesAreSpent() {
    StateCache cache = new StateCache(100);
    cache.put("t/a", state(1), 40);
    cache.put("t/b", state(2), 40);
    assertThat(cache.get("t/a").lastRevision()).isEqualTo(1); // a is now the most recent
    cache.put("t/c", state(3), 40);

    assertThat(cache.get("t/b")).isNull();
    assertThat(cache.get("t/a").lastRevision()).isEqualTo(1);
    assertThat(cache.get("t/c").lastRevision()).isEqualTo(3);
    assertThat(cache.bytes()).isEqualTo(80);
  }

  @Test
  void aNewerStateReplacesTheOlderAndItsBytes() {
    StateCache cache = new StateCache(100);
    cache.put("t/a", state(1), 60);
    cache.put("t/a", state(2), 30);

    assertThat(cache.get("t/a").lastRevision()).isEqualTo(2);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.bytes()).isEqualTo(30);
  }

  @Test
  void aStateLargerThanTheCacheIsNotKeptAndForgetsItsOlderVersion() {
    StateCache cache = new StateCache(100);
    cache.put("t/a", state(1), 60);
    cache.put("t/a", state(2), 101);

    assertThat(cache.get("t/a")).isNull(); // never the stale revision 1
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void clearForgetsEverything() {
    StateCache cache = new StateCache(100);
    cache.put("t/a", state(1), 10);
    cache.clear();
    assertThat(cache.get("t/a")).isNull();
    assertThat(cache.bytes()).isZero();
  }
}
