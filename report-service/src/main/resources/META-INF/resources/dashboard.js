// The dbarch dashboard: lists systems, follows new revisions over server-sent events and renders
// a system's report (HTML rendered by the server from the Markdown) and what changed. No build step.
(() => {
  "use strict";
  const api = "/api/v1";
  const systems = new Map(); // systemId -> summary
  let selected = null;

  const $ = (id) => document.getElementById(id);
  const text = (value) => (value == null ? "" : String(value));

  function riskCounts(rec) {
    const counts = { high: 0, medium: 0, low: 0 };
    for (const risk of rec.risks || []) {
      const level = (risk.impact || "").toLowerCase();
      if (level in counts) counts[level]++;
    }
    return counts;
  }

  function summaryOf(rec) {
    return {
      systemId: rec.systemId, systemName: rec.systemName, revision: rec.revision, trigger: rec.trigger,
      complete: rec.complete, missingSections: rec.missingSections || [], risks: riskCounts(rec),
    };
  }

  function badge(kind, count, label) {
    const span = document.createElement("span");
    span.className = "badge " + kind;
    span.textContent = count;
    span.title = label;
    span.setAttribute("aria-label", label);
    return span;
  }

  function renderSystems(freshId) {
    const list = $("systems");
    list.replaceChildren();
    $("systems-empty").hidden = systems.size > 0;
    for (const s of [...systems.values()].sort((a, b) => a.systemId.localeCompare(b.systemId))) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.systemId = s.systemId;
      if (s.systemId === selected) button.setAttribute("aria-current", "true");
      if (s.systemId === freshId) button.classList.add("fresh");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = s.systemName || s.systemId;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = `${s.systemId} · revision ${s.revision} `;
      meta.append(
        badge("high", s.risks.high || 0, `${s.risks.high || 0} high-impact risks`),
        badge("medium", s.risks.medium || 0, `${s.risks.medium || 0} medium-impact risks`),
        badge("low", s.risks.low || 0, `${s.risks.low || 0} low-impact risks`));
      if (!s.complete) meta.append(badge("incomplete", "…", "incomplete: sections missing"));
      button.append(name, meta);
      button.addEventListener("click", () => select(s.systemId));
      li.append(button);
      list.append(li);
    }
  }

  async function loadSystems() {
    let page = 0;
    for (;;) {
      const response = await fetch(`${api}/systems?page=${page}&size=200`);
      if (!response.ok) throw new Error(`systems: ${response.status}`);
      const body = await response.json();
      for (const s of body.items) systems.set(s.systemId, s);
      if ((page + 1) * body.size >= body.total) break;
      page++;
    }
    renderSystems();
  }

  async function select(systemId) {
    selected = systemId;
    renderSystems();
    const [html, json] = await Promise.all([
      fetch(`${api}/systems/${encodeURIComponent(systemId)}/recommendation`, { headers: { Accept: "text/html" } }),
      fetch(`${api}/systems/${encodeURIComponent(systemId)}/recommendation`, { headers: { Accept: "application/json" } }),
    ]);
    if (!html.ok || !json.ok) return;
    const rec = await json.json();
    $("detail").hidden = false;
    $("detail-heading").textContent = rec.systemName || rec.systemId;
    $("detail-meta").textContent =
      `Revision ${rec.revision} · ${text(rec.trigger).toLowerCase().replace("_", " ")} · ` +
      (rec.complete ? "complete" : "incomplete, waiting for " + rec.missingSections.join(", "));
    $("detail").dataset.revision = rec.revision;
    // The server renders the Markdown with raw HTML escaped, so the fragment is safe to insert.
    $("report").innerHTML = await html.text();
    renderChanges(rec);
  }

  function renderChanges(rec) {
    const box = $("changes");
    box.replaceChildren();
    const heading = document.createElement("h3");
    if (rec.previousRevision == null) {
      heading.textContent = "First revision";
      box.append(heading);
      return;
    }
    heading.textContent = `Since revision ${rec.previousRevision}`;
    box.append(heading);
    if (rec.schemaChange && rec.schemaChange.ddl && rec.schemaChange.ddl.length) {
      const p = document.createElement("p");
      p.textContent = "Triggered by a schema change:";
      const pre = document.createElement("pre");
      pre.textContent = rec.schemaChange.ddl.join(";\n");
      box.append(p, pre);
    }
    if (rec.workloadChanges && rec.workloadChanges.length) {
      const p = document.createElement("p");
      p.textContent = "Triggered by a change in the workload:";
      const list = document.createElement("ul");
      for (const w of rec.workloadChanges) {
        const li = document.createElement("li");
        li.className = "workload-change";
        li.textContent = describeWorkloadChange(w);
        list.append(li);
      }
      box.append(p, list);
    }
    if (!rec.changes.length) {
      const p = document.createElement("p");
      p.textContent = "No decision or finding changed.";
      box.append(p);
      return;
    }
    const labels = {
      DECISION_ADDED: "Decision added", DECISION_CHANGED: "Decision changed", DECISION_REMOVED: "Decision withdrawn",
      FINDING_NEW: "New finding", FINDING_RESOLVED: "Resolved finding",
    };
    const ul = document.createElement("ul");
    for (const c of rec.changes) {
      const li = document.createElement("li");
      li.className = "change";
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = labels[c.kind] || c.kind;
      const detail = c.before && c.after ? `${c.before} → ${c.after}` : text(c.after || c.before || "");
      li.append(kind, document.createTextNode(`: ${text(c.subject)}${detail ? " — " + detail : ""} `));
      const code = document.createElement("code");
      code.textContent = c.ruleId;
      li.append(code);
      if (c.cause) {
        const cause = document.createElement("code");
        cause.textContent = c.cause;
        li.append(document.createTextNode(" after "), cause);
      }
      ul.append(li);
    }
    box.append(ul);
  }

  // Worded from the change's typed kind and values, as the Markdown report words it.
  function describeWorkloadChange(w) {
    const pct = (share) => (share == null ? "unknown" : (share * 100).toFixed(1) + "%");
    switch (w.kind) {
      case "FIRST_READ":
        return `First workload statistics of ${w.subject}`;
      case "NEW_TOP_STATEMENT":
        return `New top statement ${w.subject}: ${pct(w.after)} of statement time, ${pct(w.before)} before`;
      case "SEQ_SCAN_RATIO_JUMP":
        return `More sequential scans on ${w.subject}: ${pct(w.after)} of its scans, ${pct(w.before)} before`;
      case "CACHE_HIT_BELOW_TARGET":
        return `Buffer cache hit ratio below target in ${w.subject}: ${pct(w.after)} (target ${pct(w.threshold)})`;
      default:
        return `${w.kind} ${w.subject}`;
    }
  }

  function showTab(which) {
    const report = which === "report";
    $("tab-report").setAttribute("aria-selected", String(report));
    $("tab-changes").setAttribute("aria-selected", String(!report));
    $("report").hidden = !report;
    $("changes").hidden = report;
  }

  function follow() {
    const source = new EventSource(`${api}/recommendations/stream`);
    source.onopen = () => { $("connection").textContent = "Live"; };
    source.onerror = () => { $("connection").textContent = "Reconnecting…"; };
    source.addEventListener("recommendation", (event) => {
      const rec = JSON.parse(event.data);
      systems.set(rec.systemId, summaryOf(rec));
      renderSystems(rec.systemId);
      $("announcer").textContent = `${rec.systemName || rec.systemId}: revision ${rec.revision}`;
      if (rec.systemId === selected) select(rec.systemId);
    });
  }

  $("tab-report").addEventListener("click", () => showTab("report"));
  $("tab-changes").addEventListener("click", () => showTab("changes"));
  loadSystems().catch((e) => { $("connection").textContent = "Cannot load systems: " + e.message; });
  follow();
})();
