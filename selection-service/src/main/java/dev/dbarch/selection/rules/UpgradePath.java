package dev.dbarch.selection.rules;

import dev.dbarch.contracts.events.Design;
import dev.dbarch.contracts.events.Heading;
import dev.dbarch.contracts.profile.SystemProfile.LiveDatabase;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import dev.dbarch.specialist.rules.VerdictBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A monitored PostgreSQL older than the version the choice names: recommending "PostgreSQL 17" to a
 * team running 15 is an upgrade, and the document says so with what it takes, instead of describing
 * the target as if it were a new database.
 */
final class UpgradePath {

  static final String RULE = "SEL-UPG-001";

  private UpgradePath() {}

  static void advise(VerdictBuilder verdict, Profile profile, Technology primary) {
    Design target = primary.design();
    LiveDatabase live = profile.system().live().orElse(null);
    if (live == null
        || live.major() == null
        || live.engine() != SchemaSnapshot.Engine.POSTGRESQL
        || target.engine() != Design.Engine.POSTGRESQL
        || target.engineVersion() == null) {
      return;
    }
    int targetMajor = Integer.parseInt(target.engineVersion().split("\\.")[0]);
    if (live.major() >= targetMajor) {
      return;
    }
    int gap = targetMajor - live.major();
    Map<String, String> facts = new TreeMap<>();
    facts.put("live version", live.version());
    facts.put("recommended version", target.engineVersion());
    facts.put("major versions to cross", Integer.toString(gap));
    Double gb = profile.system().dataGb();
    if (gb != null) {
      facts.put("data volume (GB)", String.format(Locale.ROOT, "%.0f", gb));
    }
    verdict.decide(
        RULE,
        Heading.RECOMMENDED_TECHNOLOGY,
        "upgrade of the monitored database",
        String.format(
            Locale.ROOT,
            "Upgrade the running %s to PostgreSQL %s (%d major version%s) rather than build a"
                + " new database",
            live.label(),
            target.engineVersion(),
            gap,
            gap == 1 ? "" : "s"),
        facts,
        "The database dbarch watches already runs PostgreSQL; what this document recommends is"
            + " its current major version. A major upgrade changes the on-disk format, so it is"
            + " done with pg_upgrade --link (minutes of downtime, the same files re-linked) or,"
            + " where downtime must be near zero, with logical replication into a new cluster"
            + " and a switchover (a managed service's blue/green deployment does the same)."
            + " Rehearse it on a restored copy: check extensions exist in the new version,"
            + " run ANALYZE afterwards (statistics are not carried over) and compare the plans"
            + " of the heaviest queries.",
        "A rehearsal and a maintenance window (or a replication setup) now, against staying on"
            + " a version that leaves community support sooner and misses planner and"
            + " vacuum improvements.");
  }
}
