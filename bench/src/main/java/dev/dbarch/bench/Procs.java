package dev.dbarch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and resident memory of the suite's processes, read from /proc with the pids ./dbarch
 * keeps in .dbarch/pids; and of this JVM (the load generator), so its share is visible too.
 */
final class Procs {

  /** Clock ticks per second of /proc/[pid]/stat: 100 on every Linux the suite runs on. */
  static final double TICKS_PER_SECOND = 100.0;

  static final List<String> NAMES =
      List.of(
          "kafka",
          "intake-service",
          "selection-service",
          "performance-service",
          "resilience-service",
          "security-service",
          "migration-service",
          "report-service");

  /** One reading of one process. */
  record Sample(long pid, double cpuSeconds, long rssKb) {}

  private final Path pidDir;

  Procs(Path pidDir) {
    this.pidDir = pidDir;
  }

  /** The live processes of the suite by name, plus "bench client" (this JVM). */
  Map<String, Sample> sample() {
    Map<String, Sample> out = new LinkedHashMap<>();
    for (String name : NAMES) {
      Long pid = pid(name);
      if (pid != null) {
        Sample s = read(pid);
        if (s != null) {
          out.put(name, s);
        }
      }
    }
    Sample self = read(ProcessHandle.current().pid());
    if (self != null) {
      out.put("bench client", self);
    }
    return out;
  }

  Long pid(String name) {
    Path file = pidDir.resolve(name + ".pid");
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      String text = Files.readString(file).replaceAll("[^0-9]", "");
      return text.isEmpty() ? null : Long.parseLong(text);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  static Sample read(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
      double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new Sample(pid, cpu, rss);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** CPU seconds per process between two samples. */
  static Map<String, Double> cpuDelta(Map<String, Sample> before, Map<String, Sample> after) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach(
        (name, a) -> {
          Sample b = before.get(name);
          if (b != null && b.pid() == a.pid()) {
            out.put(name, a.cpuSeconds() - b.cpuSeconds());
          }
        });
    return out;
  }

  static String mb(long kb) {
    return String.format("%,d MB", kb / 1024);
  }
}
