package dev.dbarch.lint.context;

import dev.dbarch.contracts.requirements.Requirements;

/**
 * The system's targets a blocking statement is measured against.
 *
 * @param p99ReadMs the read latency target, or null
 * @param p99WriteMs the write latency target, or null
 * @param rtoMinutes the longest acceptable outage, or null
 * @param downtimeToleranceMinutes how long a change may take the system down, or null
 */
public record Targets(
    Double p99ReadMs, Double p99WriteMs, Double rtoMinutes, Double downtimeToleranceMinutes) {

  public static final Targets NONE = new Targets(null, null, null, null);

  static Targets of(Requirements r) {
    if (r == null) {
      return NONE;
    }
    return new Targets(
        r.latency() == null ? null : r.latency().p99ReadMs(),
        r.latency() == null ? null : r.latency().p99WriteMs(),
        r.availability() == null ? null : r.availability().rtoMinutes(),
        r.currentState() == null ? null : r.currentState().downtimeToleranceMinutes());
  }

  /** The tightest latency target of the kind of query a lock blocks, or null. */
  public Double latencyMs(boolean blocksReads) {
    if (blocksReads) {
      if (p99ReadMs == null) {
        return p99WriteMs;
      }
      return p99WriteMs == null ? p99ReadMs : Math.min(p99ReadMs, p99WriteMs);
    }
    return p99WriteMs;
  }

  public boolean known() {
    return p99ReadMs != null
        || p99WriteMs != null
        || rtoMinutes != null
        || downtimeToleranceMinutes != null;
  }
}
