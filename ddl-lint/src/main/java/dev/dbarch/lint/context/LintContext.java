package dev.dbarch.lint.context;

import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.lint.Dialect;
import dev.dbarch.lint.ServerVersion;

/**
 * What the linter knows about the database a script will run on.
 *
 * @param version the server version the rules follow
 * @param versionSource where it came from: {@code stated} (the caller), {@code catalog} (the live
 *     snapshot) or {@code assumed} (the dialect's default)
 * @param snapshot the live catalog (table sizes, columns, indexes), if any
 * @param requirements the system's requirements (table rows, data volume, latency and availability
 *     targets), if any
 */
public record LintContext(
    Dialect dialect,
    ServerVersion version,
    String versionSource,
    SchemaSnapshot snapshot,
    Requirements requirements) {

  /**
   * The context for a script: the stated version wins, then the snapshot's, then the dialect's
   * default.
   *
   * @param statedVersion a version the caller gave ({@code "15"}), or null
   */
  public static LintContext of(
      Dialect dialect, String statedVersion, SchemaSnapshot snapshot, Requirements requirements) {
    if (statedVersion != null && !statedVersion.isBlank()) {
      return new LintContext(
          dialect, ServerVersion.parse(statedVersion), "stated", snapshot, requirements);
    }
    if (snapshot != null && snapshot.serverVersion() != null) {
      return new LintContext(
          dialect,
          ServerVersion.parse(snapshot.serverVersion()),
          "catalog",
          snapshot,
          requirements);
    }
    return new LintContext(
        dialect, ServerVersion.defaultFor(dialect), "assumed", snapshot, requirements);
  }

  public static LintContext offline(Dialect dialect) {
    return of(dialect, null, null, null);
  }

  public Targets targets() {
    return Targets.of(requirements);
  }

  public TableSizes sizes() {
    return new TableSizes(snapshot, requirements);
  }
}
