package dev.dbarch.contracts.profile;

import dev.dbarch.contracts.events.AssessmentRequested;
import dev.dbarch.contracts.requirements.Compliance;
import dev.dbarch.contracts.requirements.Compliance.Regime;
import dev.dbarch.contracts.requirements.Requirements;
import dev.dbarch.contracts.schema.SchemaContext;
import dev.dbarch.contracts.schema.SchemaFinding;
import dev.dbarch.contracts.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures every section derives from a request, derived once and the same way everywhere: the
 * data volume the design must carry, the peak read and write rates, whether the workload is read-
 * or write-heavy, the live database's engine and version, the largest tables, and the regulatory
 * regimes the team declared or the schema rules found. A section reads these instead of computing
 * its own; the report reads them too, so its conflict checks judge by the same numbers.
 *
 * <p>Pure and deterministic: the same request always gives the same profile, so each specialist can
 * derive it on its own (no extra hop, no shared state) and they still agree.
 */
public final class SystemProfile {

  /** The schema rule that flags columns holding regulated data (schema-kit's SCH-PII-001). */
  public static final String REGULATED_DATA_RULE = "SCH-PII-001";

  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

  private final Requirements req;
  private final SchemaContext schema;
  private final Thresholds thresholds;

  private SystemProfile(Requirements req, SchemaContext schema, Thresholds thresholds) {
    this.req = req;
    this.schema = schema;
    this.thresholds = thresholds;
  }

  public static SystemProfile of(AssessmentRequested request) {
    return of(request.requirements(), request.schema(), Thresholds.DEFAULTS);
  }

  public static SystemProfile of(Requirements req, SchemaContext schema) {
    return of(req, schema, Thresholds.DEFAULTS);
  }

  public static SystemProfile of(Requirements req, SchemaContext schema, Thresholds thresholds) {
    return new SystemProfile(req, schema, thresholds);
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  // ---- volume and rates ----

  /** The data volume the design must carry: the 12-month projection if given, else today's. */
  public Double dataGb() {
    if (req.scale() == null) {
      return null;
    }
    return req.scale().dataVolumeGbIn12Months() != null
        ? req.scale().dataVolumeGbIn12Months()
        : req.scale().dataVolumeGb();
  }

  public Long peakQps() {
    return req.workload() == null ? null : req.workload().peakQps();
  }

  /** Reads per write as the team gave it; null when not given. */
  public Double readWriteRatio() {
    return req.workload() == null ? null : req.workload().readWriteRatio();
  }

  /** Reads per second at peak: peak QPS split by the read:write ratio; null unless both known. */
  public Double peakReadsPerSecond() {
    Long qps = peakQps();
    Double ratio = readWriteRatio();
    if (qps == null || ratio == null) {
      return null;
    }
    return qps * ratio / (ratio + 1);
  }

  /**
   * Writes per second at peak: peak QPS split by the read:write ratio (one read per write when the
   * ratio is unknown), or the average event rate, whichever is larger; null when neither is known.
   */
  public Double peakWritesPerSecond() {
    Long qps = peakQps();
    Double fromPeak = null;
    if (qps != null) {
      Double ratio = readWriteRatio();
      fromPeak = qps / ((ratio == null ? 1.0 : ratio) + 1.0);
    }
    Long events = req.scale() == null ? null : req.scale().eventsPerDay();
    Double fromEvents = events == null ? null : events / 86_400.0;
    if (fromPeak == null) {
      return fromEvents;
    }
    return fromEvents == null ? fromPeak : Math.max(fromPeak, fromEvents);
  }

  /**
   * How {@link #peakWritesPerSecond()} was reached, for the sentence that states it: "60,000
   * queries/s ÷ (2 reads per write + 1)", or from the event rate "1,728,000,000 events a day ÷
   * 86,400 s"; empty when the rate is unknown. Every section that prints the rate prints this, so
   * the arithmetic reads the same wherever it appears.
   */
  public String peakWritesArithmetic() {
    Double writes = peakWritesPerSecond();
    if (writes == null) {
      return "";
    }
    Long qps = peakQps();
    Double given = readWriteRatio();
    if (qps != null) {
      double ratio = given == null ? 1.0 : given;
      if (Math.round(qps / (ratio + 1.0)) == Math.round(writes)) {
        return grouped(qps)
            + " queries/s ÷ ("
            + (ratio == Math.rint(ratio) ? Long.toString((long) ratio) : Double.toString(ratio))
            + (given == null ? " read per write, assumed, + 1)" : " reads per write + 1)");
      }
    }
    Long events = req.scale() == null ? null : req.scale().eventsPerDay();
    if (events != null && Math.round(events / 86_400.0) == Math.round(writes)) {
      return grouped(events) + " events a day ÷ 86,400 s";
    }
    return "";
  }

  private static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** More than {@link Thresholds#readHeavyRatio()} reads per write. */
  public boolean readHeavy() {
    Double ratio = readWriteRatio();
    return ratio != null && ratio > thresholds.readHeavyRatio();
  }

  /** Fewer than {@link Thresholds#writeHeavyRatio()} reads per write: writes dominate. */
  public boolean writeHeavy() {
    Double ratio = readWriteRatio();
    return ratio != null && ratio < thresholds.writeHeavyRatio();
  }

  /** The data volume reaches one server's comfortable size. */
  public boolean dataPastSingleServer() {
    Double gb = dataGb();
    return gb != null && gb >= thresholds.singleServerDataGb();
  }

  /** The peak query rate reaches one server's comfortable rate. */
  public boolean qpsPastSingleServer() {
    Long qps = peakQps();
    return qps != null && qps >= thresholds.singleServerQps();
  }

  /** The peak read rate reaches one server's comfortable rate (read replicas, shared storage). */
  public boolean readsPastSingleServer() {
    Double reads = peakReadsPerSecond();
    return reads != null && reads >= thresholds.singleServerQps();
  }

  /** The peak write rate is past what one relational primary handles. */
  public boolean writesPastOnePrimary() {
    Double writes = peakWritesPerSecond();
    return writes != null && writes >= thresholds.highWritesPerSecond();
  }

  // ---- the live database ----

  /**
   * The engine and version of the monitored database the schema was read from; empty for an
   * uploaded script or when no schema is attached.
   */
  public Optional<LiveDatabase> live() {
    if (schema == null || !"catalog".equals(schema.snapshot().source())) {
      return Optional.empty();
    }
    SchemaSnapshot snapshot = schema.snapshot();
    String version = snapshot.serverVersion();
    Integer major = null;
    Integer minor = null;
    if (version != null) {
      Matcher m = MAJOR_MINOR.matcher(version);
      if (m.find()) {
        major = Integer.valueOf(m.group(1));
        minor = m.group(2) == null ? null : Integer.valueOf(m.group(2));
      }
    }
    return Optional.of(new LiveDatabase(snapshot.engine(), version, major, minor));
  }

  /**
   * A database dbarch reads through a monitor.
   *
   * @param version the version as the server reports it, null when it was not read
   * @param major the major version (15 for {@code 15.8}, 10 for {@code 10.11.19-MariaDB})
   * @param minor the minor version (11 for MariaDB 10.11); PostgreSQL's second number is a patch
   */
  public record LiveDatabase(
      SchemaSnapshot.Engine engine, String version, Integer major, Integer minor) {

    /** {@code PostgreSQL 15.8}, {@code MariaDB 10.11.19-MariaDB}. */
    public String label() {
      String name =
          switch (engine) {
            case POSTGRESQL -> "PostgreSQL";
            case MYSQL -> "MySQL";
            case MARIADB -> "MariaDB";
          };
      return version == null ? name : name + " " + version;
    }
  }

  /**
   * Whether the team runs {@code engine} ("postgres", "mysql", "mariadb"): it lists it among its
   * existing databases, or the monitored database is that engine.
   */
  public boolean runs(String engine) {
    String wanted = engine.toLowerCase(Locale.ROOT);
    if (live().map(l -> ChosenTechnology.liveIs(l.engine(), wanted)).orElse(false)) {
      return true;
    }
    List<String> existing = req.platform() == null ? null : req.platform().existingDatabases();
    return existing != null
        && existing.stream()
            .anyMatch(db -> db != null && db.toLowerCase(Locale.ROOT).contains(wanted));
  }

  // ---- the chosen design ----

  /**
   * The primary database the design is built around and where it runs, as selection chooses it:
   * every section reads this instead of assuming an engine or a server of its own.
   */
  public ChosenTechnology chosen() {
    return ChosenTechnology.of(req, this);
  }

  /** The chosen engine, version, hosting and cloud as typed values. */
  public dev.dbarch.contracts.events.Design chosenDesign() {
    return chosen().design();
  }

  // ---- tables ----

  /** A table of the schema and its size on disk. */
  public record TableSize(String table, double gb) {}

  /** The tables whose size is known, largest first (ties by name). */
  public List<TableSize> tablesBySize() {
    if (schema == null) {
      return List.of();
    }
    List<TableSize> sizes = new ArrayList<>();
    for (SchemaSnapshot.Table t : schema.snapshot().tables()) {
      if (t.sizeBytes() >= 0) {
        sizes.add(new TableSize(t.qualifiedName(), t.sizeBytes() / (1024.0 * 1024 * 1024)));
      }
    }
    sizes.sort(
        Comparator.comparingDouble(TableSize::gb).reversed().thenComparing(TableSize::table));
    return List.copyOf(sizes);
  }

  /** The tables above {@link Thresholds#largeTableGb()}, largest first. */
  public List<TableSize> largeTables() {
    return tablesBySize().stream().filter(t -> t.gb() > thresholds.largeTableGb()).toList();
  }

  // ---- regulation ----

  /** The regimes the team declared; empty when none or not said. */
  public Set<Regime> declaredRegimes() {
    EnumSet<Regime> regimes = EnumSet.noneOf(Regime.class);
    Compliance c = req.compliance();
    if (c != null && c.regimes() != null) {
      c.regimes().stream().filter(r -> r != null).forEach(regimes::add);
    }
    return regimes;
  }

  /** Whether the team answered which regimes apply (an empty list is an answer: none). */
  public boolean regimesDeclared() {
    return req.compliance() != null && req.compliance().regimes() != null;
  }

  /**
   * How many columns the schema rules flagged as regulated, by what they hold as the rule names it
   * ({@code PCI-DSS}, {@code GDPR}, {@code PII/GDPR}, {@code HIPAA PHI}, {@code credentials}).
   */
  public Map<String, Integer> regulatedColumns() {
    Map<String, Integer> counts = new TreeMap<>();
    if (schema == null) {
      return counts;
    }
    for (SchemaFinding f : schema.findings()) {
      if (REGULATED_DATA_RULE.equals(f.ruleId())) {
        counts.merge(f.facts().getOrDefault("regime", "regulated data"), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The regimes the schema's regulated columns bring into scope (credentials bring none). */
  public Set<Regime> schemaRegimes() {
    EnumSet<Regime> regimes = EnumSet.noneOf(Regime.class);
    for (String label : regulatedColumns().keySet()) {
      String l = label.toUpperCase(Locale.ROOT);
      if (l.contains("PCI")) {
        regimes.add(Regime.PCI_DSS);
      }
      if (l.contains("GDPR")) {
        regimes.add(Regime.GDPR);
      }
      if (l.contains("HIPAA")) {
        regimes.add(Regime.HIPAA);
      }
    }
    return regimes;
  }

  /** The declared regimes and those the schema brings in. */
  public Set<Regime> regimes() {
    EnumSet<Regime> all = EnumSet.noneOf(Regime.class);
    all.addAll(declaredRegimes());
    all.addAll(schemaRegimes());
    return all;
  }

  /**
   * What a section assumes when the team did not say which regimes apply. Never "none" when the
   * schema rules found regulated columns: then the regimes those columns bring in are assumed, so
   * no section contradicts the schema findings the same document lists.
   */
  public String assumedRegimes() {
    Set<Regime> found = schemaRegimes();
    int columns = regulatedColumns().values().stream().mapToInt(Integer::intValue).sum();
    String evidence =
        columns + (columns == 1 ? " column" : " columns") + " flagged by " + REGULATED_DATA_RULE;
    if (!found.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Regime r : found) {
        names.add(r == Regime.PCI_DSS ? "PCI-DSS" : r.name());
      }
      return String.join(", ", names)
          + ", which the schema's regulated data brings in ("
          + evidence
          + ")";
    }
    if (columns > 0) {
      return "no regulatory regime, but the schema holds credentials that need protecting ("
          + evidence
          + ")";
    }
    return "no regulatory regime applies";
  }

  /** The schema holds columns that a regime, or credential hygiene, makes sensitive. */
  public boolean schemaHoldsRegulatedData() {
    return !regulatedColumns().isEmpty();
  }
}
