package dev.dbarch.migration.rules;

import dev.dbarch.contracts.profile.ChosenTechnology;
import dev.dbarch.contracts.profile.SystemProfile;
import dev.dbarch.contracts.requirements.CurrentState;
import dev.dbarch.contracts.requirements.Platform;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.requirements.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the migration rules read: where the system is today (if it exists), where it is going, how
 * big it is and which cloud it runs on.
 */
record MigrationContext(
    CurrentState current,
    Double dataGb,
    Map<String, Long> tableRows,
    Platform.Cloud cloud,
    List<String> existingDatabases,
    String liveEngine,
    ChosenTechnology chosen) {

  static MigrationContext of(Requirements req) {
    return of(req, SystemProfile.of(req, null));
  }

  /** The context, with the monitored database's engine and version from the shared profile. */
  static MigrationContext of(Requirements req, SystemProfile profile) {
    Scale scale = req.scale();
    CurrentState current = req.currentState();
    Double dataGb = null;
    for (Double candidate :
        new Double[] {
          current == null ? null : current.sizeGb(),
          scale == null ? null : scale.dataVolumeGb(),
          scale == null ? null : scale.dataVolumeGbIn12Months()
        }) {
      if (candidate != null && (dataGb == null || candidate > dataGb)) {
        dataGb = candidate;
      }
    }
    Map<String, Long> rows = new TreeMap<>();
    if (scale != null && scale.tableRows() != null) {
      scale.tableRows().forEach((table, count) -> rows.put(table, count == null ? 0L : count));
    }
    Platform platform = req.platform();
    return new MigrationContext(
        current,
        dataGb,
        rows,
        platform == null ? null : platform.cloud(),
        platform == null || platform.existingDatabases() == null
            ? List.of()
            : platform.existingDatabases(),
        profile.live().map(SystemProfile.LiveDatabase::label).orElse(null),
        profile.chosen());
  }

  /** A system that already runs somewhere, as opposed to one being designed. */
  boolean existing() {
    return current != null;
  }

  String source() {
    return current == null ? null : current.sourcePlatform();
  }

  /**
   * Where the data moves to: the platform the team named, else the technology the design chose (the
   * shared kernel's, the one selection recommends), so the section never asks for it.
   */
  String target() {
    if (current == null) {
      return null;
    }
    return current.targetPlatform() != null ? current.targetPlatform() : chosenName();
  }

  /** The team named the target platform itself. */
  boolean targetDeclared() {
    return current != null && current.targetPlatform() != null;
  }

  /** The chosen primary store, as the document names it ("PostgreSQL 17"). */
  String chosenName() {
    return chosen.product().label();
  }

  /** The source is named and the target is either unnamed or a different engine. */
  boolean platformChange() {
    return source() != null && (target() == null || !engine(source()).equals(engine(target())));
  }

  /**
   * The engine the schema changes will run on: the target (named or chosen), else the source, else
   * the monitored database's, else the chosen one. Never unknown: the design always chose one.
   */
  String engineInUse() {
    if (target() != null) {
      return target();
    }
    if (source() != null) {
      return source();
    }
    // The monitored database the schema was read from, or the dialect of a submitted script: its
    // engine is a fact, not a question.
    if (liveEngine != null) {
      return liveEngine;
    }
    return chosenName();
  }

  /**
   * The engine a platform name refers to, versions dropped: "PostgreSQL 14" and "postgres" are the
   * same engine; "Aurora PostgreSQL" is not.
   */
  static String engine(String platform) {
    List<String> words = new ArrayList<>();
    for (String word : platform.toLowerCase(Locale.ROOT).split("[\\s_/-]+")) {
      if (word.isEmpty() || word.chars().anyMatch(Character::isDigit)) {
        continue;
      }
      words.add(word.equals("postgres") ? "postgresql" : word);
    }
    return String.join(" ", words);
  }

  static boolean postgres(String platform) {
    return platform != null && platform.toLowerCase(Locale.ROOT).contains("postgres");
  }

  static boolean mysql(String platform) {
    String p = platform == null ? "" : platform.toLowerCase(Locale.ROOT);
    return p.contains("mysql") || p.contains("maria");
  }

  static boolean oracle(String platform) {
    return platform != null && platform.toLowerCase(Locale.ROOT).contains("oracle");
  }
}
