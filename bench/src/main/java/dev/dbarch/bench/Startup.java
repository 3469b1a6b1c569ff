package dev.dbarch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Startup times and idle footprint. ./dbarch bench, when it starts the suite itself, records each
 * service's launch time and the first time its /q/health/ready answered UP (polled every 0.1 s) in
 * .dbarch/bench/startup.tsv, and the broker's own startup time; then it restarts each service on
 * its own, the others idle, and records that start too ({@code solo_launch}, {@code solo_up}).
 * Quarkus's "started in" comes from each service's log (the start together is the rotated one).
 */
final class Startup {

  private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

  private Startup() {}

  static void report(Report report, Path state, boolean started, Procs procs) throws IOException {
    Report.Table t =
        report.table(
            "Startup and idle footprint",
            "process",
            "launch → ready UP, all together",
            "on its own",
            "Quarkus \"started in\" (together / alone)",
            "idle RSS",
            "target",
            "result");
    Map<String, Procs.Sample> idle = procs.sample();
    Map<String, long[]> times = new LinkedHashMap<>();
    long kafkaMs = -1;
    Path file = state.resolve("bench").resolve("startup.tsv");
    if (started && Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 3) {
          continue;
        }
        if (f[0].equals("kafka") && f[1].equals("startup_ms")) {
          kafkaMs = Long.parseLong(f[2]);
          continue;
        }
        long[] v = times.computeIfAbsent(f[0], k -> new long[] {-1, -1, -1, -1});
        int slot =
            switch (f[1]) {
              case "launch" -> 0;
              case "up" -> 1;
              case "solo_launch" -> 2;
              case "solo_up" -> 3;
              default -> -1;
            };
        if (slot >= 0) {
          v[slot] = Long.parseLong(f[2]);
        }
      }
    }
    long firstLaunch = Long.MAX_VALUE;
    long lastUp = Long.MIN_VALUE;
    boolean allUp = !times.isEmpty();
    long totalRss = 0;
    for (String name : Procs.NAMES) {
      Procs.Sample s = idle.get(name);
      long rss = s == null ? 0 : s.rssKb();
      totalRss += rss;
      String rssText = s == null ? "not running" : Procs.mb(rss);
      if (name.equals("kafka")) {
        t.row(
            "kafka (broker)",
            kafkaMs >= 0 ? Report.ms(kafkaMs) + " (its own startup)" : "-",
            "-",
            "-",
            rssText,
            "",
            "");
        continue;
      }
      long[] v = times.get(name);
      String ready = "-";
      boolean aloneTimed = v != null && v[2] > 0 && v[3] > 0;
      if (v != null && v[0] > 0 && v[1] > 0) {
        long ms = v[1] - v[0];
        ready = Report.ms(ms);
        firstLaunch = Math.min(firstLaunch, v[0]);
        lastUp = Math.max(lastUp, v[1]);
      } else {
        allUp = false;
      }
      Path logs = state.resolve("logs");
      // A restart on its own rotated the log of the start together to .log.prev.
      t.row(
          name,
          ready,
          aloneTimed ? Report.ms(v[3] - v[2]) : "-",
          aloneTimed
              ? startedIn(logs.resolve(name + ".log.prev"))
                  + " / "
                  + startedIn(logs.resolve(name + ".log"))
              : startedIn(logs.resolve(name + ".log")) + " / -",
          rssText,
          aloneTimed ? "< 1.5 s (on its own)" : "",
          aloneTimed ? Report.verdict(v[3] - v[2] < 1500) : "");
    }
    if (allUp) {
      long suite = lastUp - firstLaunch;
      t.row(
          "whole suite",
          Report.ms(suite),
          "-",
          "-",
          Procs.mb(totalRss),
          "< 10 s; < 1 GB RSS",
          Report.verdict(suite < 10_000) + " / " + Report.verdict(totalRss < 1024 * 1024));
    } else {
      t.row(
          "whole suite",
          "-",
          "-",
          "-",
          Procs.mb(totalRss),
          "< 1 GB RSS",
          Report.verdict(totalRss < 1024 * 1024));
    }
    if (!started) {
      t.note(
          "The suite was already running, so startup was not timed (./dbarch down, then"
              + " ./dbarch bench starts it and times it). Idle RSS is as found.");
    } else {
      t.note(
          "All together: the seven services are launched one after another and start at the"
              + " same time on the machine's cores, as ./dbarch up does (the 10 s target). On its"
              + " own: then each (one in quick mode) is stopped and started again while the others"
              + " idle (the 1.5 s"
              + " target); that start maps the class-data archive the first one recorded."
              + " Readiness polled every 0.1 s; the broker was started first.");
    }
  }

  private static String startedIn(Path log) {
    try {
      if (!Files.isRegularFile(log)) {
        return "-";
      }
      List<String> lines = Files.readAllLines(log);
      for (String line : lines) {
        Matcher m = STARTED_IN.matcher(line);
        if (m.find()) {
          return m.group(1) + " s";
        }
      }
    } catch (IOException | RuntimeException e) {
      // a log being written or rotated: not worth failing the bench for
    }
    return "-";
  }
}
