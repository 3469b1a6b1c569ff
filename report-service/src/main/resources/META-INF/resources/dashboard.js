// The dbarch dashboard: lists systems, follows new revisions over server-sent events and renders
// a system's report (HTML rendered by the server from the Markdown) and what changed. No build step.
//
// Authentication (docs/adr/0004): every request carries "Authorization: Bearer <token>". The token
// comes from the URL fragment (#token=..., which browsers never send to a server), or is pasted in
// the sign-in form; it is kept in sessionStorage (this tab only) and the fragment is removed at
// once. EventSource cannot send headers, so the event stream is read with fetch() and a stream
// reader: no token ever travels in a URL, so none lands in access logs, history or referrers.
(() => {
  "use strict";
  const api = "/api/v1";
  const TOKEN_KEY = "dbarch.token";
  const systems = new Map(); // systemId -> summary
  let selected = null;
  let following = false;

  /** Raised when the server refuses the token: the sign-in form is shown instead of the data. */
  class SignInNeeded extends Error {}

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

  function takeTokenFromFragment() {
    const match = location.hash.match(/(?:^#|&)token=([^&]+)/);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  function signIn(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    following = false;
    $("app").hidden = true;
    $("signin").hidden = false;
    $("connection").textContent = "Signed out";
    if (reason) $("signin-reason").textContent = reason;
  }

  /** A GET with the token; 401 and 403 send the user to the sign-in form. */
  async function get(path, accept) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) throw new SignInNeeded();
    const response = await fetch(api + path, {
      headers: { Accept: accept, Authorization: `Bearer ${token}` },
      cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
    });
    if (response.status === 401) {
      signIn("The token was refused (expired, or not signed by a key this server trusts). Paste a new one.");
      throw new SignInNeeded();
    }
    if (response.status === 403) {
      signIn("The token lacks the viewer role or a tenant. Paste a token with the viewer role.");
      throw new SignInNeeded();
    }
    return response;
  }

  async function loadSystems() {
    let page = 0;
    for (;;) {
      const response = await get(`/systems?page=${page}&size=200`, "application/json");
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
    const path = `/systems/${encodeURIComponent(systemId)}/recommendation`;
    const [html, json] = await Promise.all([get(path, "text/html"), get(path, "application/json")]);
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
      box.append(statementRisks(rec));
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
      const detail = (c.before && c.after ? `${c.before} → ${c.after}` : text(c.after || c.before || ""))
        + typedChange(c);
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

  // The typed values that changed (v3 records); the prose on either side may be reworded freely.
  const typedChange = (c) => {
    if (!c.designBefore || !c.designAfter) return "";
    const names = [...new Set([...Object.keys(c.designBefore), ...Object.keys(c.designAfter)])];
    const changed = names
      .filter((n) => c.designBefore[n] !== c.designAfter[n])
      .map((n) => `${n}: ${c.designBefore[n] ?? "none"} → ${c.designAfter[n] ?? "none"}`);
    return changed.length ? ` (${changed.join("; ")})` : "";
  };

  const lockText = (st) => st.mysqlAlgorithm
    ? `ALGORITHM=${st.mysqlAlgorithm}, LOCK=${st.mysqlLock}`
    : (st.locks || []).map((l) => `${l.mode} on ${l.relation}`).join(", ") || "no table lock";

  const sizeText = (st) => {
    if (st.sizeSource === "NEW_TABLE") return "created by this change";
    const parts = [];
    if (st.tableRows >= 0) parts.push(`${Number(st.tableRows).toLocaleString("en")} rows`);
    if (st.tableBytes >= 0) parts.push(`${Number(st.tableBytes).toLocaleString("en")} bytes`);
    return parts.join(", ") || "size unknown";
  };

  // Each captured statement with the typed risks the migration section gave it (matched by the
  // statement's entry index, never by text).
  function statementRisks(rec) {
    const list = document.createElement("ol");
    list.className = "statement-risks";
    const risks = (rec.risks || []).filter((r) => r.statement && r.statement.ddlIndex != null);
    rec.schemaChange.ddl.forEach((ddl, index) => {
      const li = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = ddl;
      li.append(code);
      const mine = risks.filter((r) => r.statement.ddlIndex === index);
      if (!mine.length) {
        li.append(document.createTextNode(": no migration risk found."));
      }
      for (const r of mine) {
        const div = document.createElement("div");
        div.className = "statement-risk";
        const rule = document.createElement("code");
        rule.textContent = r.ruleId;
        div.append(badge((r.impact || "").toLowerCase(), r.impact, `${r.impact} impact`), " ", rule,
          document.createTextNode(` ${r.risk} — lock: ${lockText(r.statement)}; table: ${sizeText(r.statement)}`));
        if (r.statement.safeRewrite) {
          const rewrite = document.createElement("pre");
          rewrite.textContent = r.statement.safeRewrite;
          div.append(rewrite);
        }
        li.append(div);
      }
      list.append(li);
    });
    return list;
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

  function onRecommendation(data) {
    const rec = JSON.parse(data);
    systems.set(rec.systemId, summaryOf(rec));
    renderSystems(rec.systemId);
    $("announcer").textContent = `${rec.systemName || rec.systemId}: revision ${rec.revision}`;
    if (rec.systemId === selected) select(rec.systemId).catch(() => {});
  }

  /** Hands each complete server-sent event of the buffer over; returns what is left. */
  function dispatch(buffer) {
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue; // keep-alive comment
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") name = value;
        else if (field === "data") data.push(value);
      }
      if (name === "recommendation" && data.length) onRecommendation(data.join("\n"));
    }
    return buffer;
  }

  /** Reads the event stream with fetch(), so it can carry the Authorization header. */
  async function follow() {
    let delay = 1000;
    while (following) {
      try {
        const response = await get("/recommendations/stream", "text/event-stream");
        if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
        $("connection").textContent = "Live";
        delay = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = dispatch((buffer + value).replace(/\r\n?/g, "\n"));
        }
      } catch (e) {
        if (e instanceof SignInNeeded) return;
      }
      if (!following) return;
      $("connection").textContent = "Reconnecting…";
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
      // Revisions published while disconnected: the list shows them again.
      await loadSystems().catch(() => {});
    }
  }

  function start() {
    $("signin").hidden = true;
    $("app").hidden = false;
    following = true;
    loadSystems().catch((e) => {
      if (!(e instanceof SignInNeeded)) $("connection").textContent = "Cannot load systems: " + e.message;
    });
    follow();
  }

  $("tab-report").addEventListener("click", () => showTab("report"));
  $("tab-changes").addEventListener("click", () => showTab("changes"));
  $("signin").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token-input").value.trim().replace(/^Bearer\s+/i, "");
    $("token-input").value = "";
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    start();
  });
  takeTokenFromFragment();
  if (sessionStorage.getItem(TOKEN_KEY)) start();
  else signIn();
})();
