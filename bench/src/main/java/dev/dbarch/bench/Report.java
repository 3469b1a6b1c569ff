package dev.dbarch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's result: the machine, the settings and one table per scenario, written as Markdown
 * (read by people, copied into docs/benchmarks.md) and as JSON (the same content, for tools).
 */
final class Report {

  /** One scenario's table. A row's last cells are the target and MET/GAP when it has a target. */
  static final class Table {
    final String title;
    final List<String> columns;
    final List<List<String>> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String failure;

    Table(String title, List<String> columns) {
      this.title = title;
      this.columns = columns;
    }

    Table row(Object... cells) {
      List<String> row = new ArrayList<>();
      for (Object c : cells) {
        row.add(c == null ? "" : c.toString());
      }
      rows.add(row);
      return this;
    }

    Table note(String note) {
      notes.add(note);
      return this;
    }
  }

  final Map<String, Object> machine = new LinkedHashMap<>();
  final Map<String, Object> settings = new LinkedHashMap<>();
  final List<Table> tables = new ArrayList<>();

  Table table(String title, String... columns) {
    Table t = new Table(title, List.of(columns));
    tables.add(t);
    return t;
  }

  boolean anyFailure() {
    return tables.stream().anyMatch(t -> t.failure != null);
  }

  /** MET when the condition holds, else GAP. */
  static String verdict(boolean met) {
    return met ? "MET" : "GAP";
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# dbarch bench\n\n");
    b.append("| machine | |\n|---|---|\n");
    machine.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    b.append("\n| setting | |\n|---|---|\n");
    settings.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    for (Table t : tables) {
      b.append("\n## ").append(t.title).append("\n\n");
      if (t.failure != null) {
        b.append("**FAILED**: ").append(t.failure).append("\n\n");
      }
      if (!t.rows.isEmpty()) {
        b.append("| ").append(String.join(" | ", t.columns)).append(" |\n|");
        t.columns.forEach(c -> b.append("---|"));
        b.append('\n');
        for (List<String> row : t.rows) {
          b.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        b.append('\n');
      }
      for (String note : t.notes) {
        b.append("- ").append(note).append('\n');
      }
    }
    return b.toString();
  }

  Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("machine", machine);
    root.put("settings", settings);
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (Table t : tables) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("title", t.title);
      s.put("failure", t.failure);
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> row : t.rows) {
        Map<String, String> r = new LinkedHashMap<>();
        for (int i = 0; i < t.columns.size() && i < row.size(); i++) {
          r.put(t.columns.get(i), row.get(i));
        }
        rows.add(r);
      }
      s.put("rows", rows);
      s.put("notes", t.notes);
      scenarios.add(s);
    }
    root.put("scenarios", scenarios);
    return root;
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.md"), markdown());
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(dir.resolve("report.json"), mapper.writeValueAsString(json()) + "\n");
  }

  static String ms(double millis) {
    if (millis >= 10_000) {
      return String.format("%.1f s", millis / 1000);
    }
    if (millis >= 100) {
      return String.format("%.0f ms", millis);
    }
    return String.format("%.1f ms", millis);
  }
}
