/*
 * Study tools: a tick box per skill, per-area progress, weighted readiness, export/import,
 * and the study planner. Plain JavaScript, no library, no server: progress lives in this
 * browser's localStorage. Areas, weights and skill ids come from study-outline.json, which
 * hooks/study_tools.py builds from data/ (no fact is typed here).
 */
(function () {
  "use strict";

  const STORAGE_KEY = "az220.study-progress";
  const PLAN_KEY = "az220.study-plan";
  const FILE_FORMAT = "az220-study-progress";
  const FILE_SCHEMA = 1;
  const SKILL_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  // The JSON sits next to this script; resolve it now, while currentScript is known.
  const DATA_URL = new URL("study-outline.json", document.currentScript.src).href;

  /* ---------- Data ---------- */

  let outlineRequest = null;

  function loadOutline() {
    if (!outlineRequest) {
      outlineRequest = fetch(DATA_URL).then(function (response) {
        if (!response.ok) throw new Error("study outline: HTTP " + response.status);
        return response.json();
      });
      // Let the next page try again rather than caching a failure.
      outlineRequest.catch(function () { outlineRequest = null; });
    }
    return outlineRequest;
  }

  function skillIndex(outline) {
    const index = new Map();
    outline.areas.forEach(function (area) {
      area.skills.forEach(function (skill) { index.set(skill.id, { area: area.number, name: skill.name }); });
    });
    return index;
  }

  /* ---------- Saved progress ---------- */

  // { outline: version the ticks were saved against, skills: { id: { name, area } } }
  let memoryState = null; // used when localStorage is unavailable (e.g. blocked cookies)
  let storageWorks = true;

  function emptyState() {
    return { outline: null, skills: {} };
  }

  function cleanSkills(skills) {
    const clean = {};
    if (!skills || typeof skills !== "object" || Array.isArray(skills)) return null;
    for (const id of Object.keys(skills)) {
      const entry = skills[id];
      if (!SKILL_ID.test(id) || !entry || typeof entry !== "object") return null;
      clean[id] = { name: String(entry.name || id), area: Number(entry.area) || null };
    }
    return clean;
  }

  function readState() {
    if (memoryState) return memoryState;
    let raw = null;
    try {
      raw = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      storageWorks = false;
      memoryState = emptyState();
      return memoryState;
    }
    if (!raw) return emptyState();
    try {
      const parsed = JSON.parse(raw);
      const skills = cleanSkills(parsed.skills);
      if (skills) return { outline: typeof parsed.outline === "string" ? parsed.outline : null, skills: skills };
    } catch (error) { /* fall through: unreadable progress is treated as none */ }
    return emptyState();
  }

  function writeState(state) {
    if (!storageWorks) { memoryState = state; return; }
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      storageWorks = false;
      memoryState = state;
    }
  }

  // Ticks for skills that are no longer on the outline, as [id, entry] pairs.
  function removedSkills(state, index) {
    return Object.keys(state.skills).filter(function (id) { return !index.has(id); })
      .map(function (id) { return [id, state.skills[id]]; });
  }

  // A changed outline with nothing lost is adopted silently; lost ticks wait for the learner.
  function reconcile(state, outline, index) {
    if (state.outline !== outline.version && removedSkills(state, index).length === 0
        && Object.keys(state.skills).length > 0) {
      state.outline = outline.version;
      writeState(state);
    }
  }

  /* ---------- Arithmetic (kept free of the DOM) ---------- */

  function areaProgress(outline, state) {
    return outline.areas.map(function (area) {
      const done = area.skills.filter(function (skill) { return skill.id in state.skills; }).length;
      return { area: area, done: done, total: area.skills.length };
    });
  }

  // Each area counts by the midpoint of its weight range, scaled so a full outline is 100%.
  function readiness(outline, state) {
    const rows = areaProgress(outline, state);
    const totalWeight = rows.reduce(function (sum, row) { return sum + row.area.weight.midpoint; }, 0);
    let covered = 0;
    rows.forEach(function (row) {
      row.share = row.area.weight.midpoint / totalWeight;
      row.covered = row.total ? row.share * row.done / row.total : 0;
      covered += row.covered;
    });
    return { rows: rows, covered: covered, totalWeight: totalWeight };
  }

  // Hours go to areas by weight times the share of their skills still unticked.
  function plan(outline, state, hours) {
    const rows = areaProgress(outline, state);
    rows.forEach(function (row) {
      row.left = row.total - row.done;
      row.need = row.total ? row.area.weight.midpoint * row.left / row.total : 0;
    });
    let need = rows.reduce(function (sum, row) { return sum + row.need; }, 0);
    const revising = need === 0; // all ticked: spread the hours by weight, for revision
    rows.forEach(function (row) {
      if (revising) row.need = row.area.weight.midpoint;
    });
    if (revising) need = rows.reduce(function (sum, row) { return sum + row.need; }, 0);
    rows.forEach(function (row) { row.hours = hours * row.need / need; });
    return { rows: rows, revising: revising };
  }

  // Whole days from today (local calendar) to an ISO yyyy-mm-dd date.
  function daysUntil(isoDate, now) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || "");
    if (!match) return null;
    const target = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.round((target - today) / 86400000);
  }

  function percent(fraction) {
    return (Math.round(fraction * 1000) / 10).toFixed(1) + "%";
  }

  function oneDecimal(value) {
    return (Math.round(value * 10) / 10).toFixed(1);
  }

  /* ---------- Small DOM helpers ---------- */

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // Material styles only class-less tables, inside its own wrappers.
  function dataTable(className, headers, rows, footer) {
    const head = el("tr", {}, headers.map(function (label) { return el("th", { scope: "col", text: label }); }));
    const parts = [el("thead", {}, [head]), el("tbody", {}, rows)];
    if (footer) parts.push(el("tfoot", {}, [footer]));
    return el("div", { class: "md-typeset__scrollwrap " + className }, [
      el("div", { class: "md-typeset__table" }, [el("table", {}, parts)]),
    ]);
  }

  function srOnly(text) {
    return el("span", { class: "az-sr-only", text: text });
  }

  function announce(container, message) {
    const status = container.querySelector(".az-study__status");
    if (status) status.textContent = message;
  }

  /* ---------- Homework pages: tick boxes and the header count ---------- */

  function mountCheckboxes(state, index, onChange) {
    document.querySelectorAll("li.az-skill[data-skill]").forEach(function (item) {
      const id = item.dataset.skill;
      let box = item.querySelector("input.az-skill__check");
      if (!box) {
        const link = item.querySelector("a");
        const name = (link ? link.textContent : item.textContent).trim();
        box = el("input", { type: "checkbox", class: "az-skill__check", "aria-label": "Studied: " + name });
        box.addEventListener("change", function () {
          const current = readState();
          if (box.checked) {
            const known = index.get(id);
            current.skills[id] = { name: known ? known.name : name, area: known ? known.area : null };
          } else {
            delete current.skills[id];
          }
          if (!current.outline) current.outline = onChange.version;
          writeState(current);
          onChange();
        });
        item.classList.add("az-skill--tracked");
        item.prepend(box);
      }
      box.checked = id in state.skills;
      item.classList.toggle("az-skill--done", box.checked);
    });
  }

  function renderAreaHeader(state) {
    const header = document.querySelector(".az-area-header");
    const items = document.querySelectorAll("li.az-skill[data-skill]");
    if (!header || !items.length) return;
    let done = 0;
    items.forEach(function (item) { if (item.dataset.skill in state.skills) done += 1; });
    let badge = header.querySelector(".az-progress");
    if (!badge) {
      badge = el("span", { class: "az-progress" });
      header.append(" · ", badge);
    }
    badge.textContent = done + "/" + items.length + " studied";
  }

  /* ---------- Home page: table counts, readiness, export/import/reset ---------- */

  function renderTableCounts(outline, state) {
    const rows = areaProgress(outline, state);
    document.querySelectorAll(".az-skill-count[data-area]").forEach(function (cell) {
      const row = rows.find(function (r) { return String(r.area.number) === cell.dataset.area; });
      if (!row) return;
      cell.replaceChildren(
        el("span", { "aria-hidden": "true", text: row.done + "/" + row.total }),
        srOnly(row.done + " of " + row.total + " skills studied"),
      );
      cell.classList.toggle("az-skill-count--started", row.done > 0);
    });
  }

  function readinessTable(result) {
    const rows = result.rows.map(function (row) {
      return el("tr", { "data-area": String(row.area.number) }, [
        el("td", { text: row.area.number + " · " + row.area.short_name }),
        el("td", { text: row.area.weight.min + "–" + row.area.weight.max + "%" }),
        el("td", { text: percent(row.share) }),
        el("td", { text: row.done + "/" + row.total }),
        el("td", { "data-az": "area-covered", text: percent(row.covered) }),
      ]);
    });
    return dataTable("az-readiness__table", ["Skill area", "Weight", "Counts as", "Studied", "Covered"], rows);
  }

  function renderReadiness(container, outline, state, refresh) {
    const result = readiness(outline, state);
    const ticked = result.rows.reduce(function (sum, row) { return sum + row.done; }, 0);
    const total = result.rows.reduce(function (sum, row) { return sum + row.total; }, 0);
    let panel = container.querySelector(".az-readiness");
    if (!panel) {
      panel = el("div", { class: "az-readiness" });
      container.replaceChildren(panel, controls(container, outline, refresh));
    }
    const meter = el("meter", { min: "0", max: "1", value: String(result.covered), "aria-labelledby": "az-readiness-figure" });
    panel.replaceChildren(
      el("p", { class: "az-readiness__figure", id: "az-readiness-figure" }, [
        el("strong", { "data-az": "readiness", text: percent(result.covered) }),
        " of the exam covered, by weight",
      ]),
      meter,
      el("p", { class: "az-readiness__detail" }, [
        el("span", { "data-az": "ticked", text: String(ticked) }), " of " + total + " skills ticked. ",
        "Each area counts by the middle of its weight range; the middles add up to " +
          oneDecimal(result.totalWeight) + "%, so they are scaled to make the whole outline 100%.",
      ]),
      readinessTable(result),
    );
  }

  function controls(container, outline, refresh) {
    const file = el("input", { type: "file", accept: ".json,application/json", hidden: "", class: "az-study__file" });
    const exportButton = el("button", { type: "button", class: "md-button", "data-az": "export", text: "Export progress" });
    const importButton = el("button", { type: "button", class: "md-button", "data-az": "import", text: "Import progress" });
    const resetButton = el("button", { type: "button", class: "md-button", "data-az": "reset", text: "Reset progress" });

    exportButton.addEventListener("click", function () {
      const state = readState();
      const payload = {
        format: FILE_FORMAT,
        schema: FILE_SCHEMA,
        outline: state.outline || outline.version,
        exported: new Date().toISOString(),
        skills: state.skills,
      };
      const blob = new Blob([JSON.stringify(payload, null, 2) + "\n"], { type: "application/json" });
      // A detached link: its click never reaches instant navigation's document listener.
      const link = el("a", { href: URL.createObjectURL(blob), download: "az220-progress.json" });
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      announce(container, "Exported " + Object.keys(state.skills).length + " ticked skills to az220-progress.json.");
    });

    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      const chosen = file.files && file.files[0];
      file.value = "";
      if (!chosen) return;
      chosen.text().then(function (text) {
        const parsed = JSON.parse(text);
        const skills = parsed && parsed.format === FILE_FORMAT && parsed.schema === FILE_SCHEMA
          ? cleanSkills(parsed.skills) : null;
        if (!skills) throw new Error("not an AZ-220 progress file");
        writeState({ outline: typeof parsed.outline === "string" ? parsed.outline : null, skills: skills });
        refresh();
        announce(container, "Imported " + Object.keys(skills).length + " ticked skills from " + chosen.name + ".");
      }).catch(function (error) {
        announce(container, "Could not import " + chosen.name + ": " + (error instanceof SyntaxError ? "not valid JSON" : error.message) + ". Your progress is unchanged.");
      });
    });

    resetButton.addEventListener("click", function () {
      const count = Object.keys(readState().skills).length;
      if (!count) { announce(container, "Nothing to reset: no skill is ticked."); return; }
      if (!window.confirm("Clear all " + count + " ticked skills? Export them first if you may want them back.")) return;
      writeState(emptyState());
      refresh();
      announce(container, "Progress reset: no skill is ticked.");
    });

    const notes = [];
    if (!storageWorks) notes.push(el("p", { class: "az-study__warning", text: "This browser does not let the site store data, so your ticks last only until you close the page. Export them to keep them." }));
    return el("div", { class: "az-study__controls" }, [
      el("div", { class: "az-study__buttons" }, [exportButton, importButton, resetButton, file]),
      el("p", { class: "az-study__status", role: "status" }),
    ].concat(notes));
  }

  /* ---------- Every page: ticks for skills that left the outline ---------- */

  function renderOutlineNotice(state, index, refresh) {
    const old = document.querySelector(".az-outline-notice");
    const removed = removedSkills(state, index);
    if (!removed.length) { if (old) old.remove(); return; }
    const forget = el("button", { type: "button", class: "md-button", "data-az": "forget", text: "Forget these ticks" });
    forget.addEventListener("click", function () {
      const current = readState();
      removedSkills(current, index).forEach(function (pair) { delete current.skills[pair[0]]; });
      current.outline = refresh.version;
      writeState(current);
      refresh();
    });
    const notice = el("div", { class: "admonition warning az-outline-notice" }, [
      el("p", { class: "admonition-title", text: "The skills outline has changed" }),
      el("p", { text: "You ticked " + removed.length + " skill" + (removed.length === 1 ? "" : "s") +
        " that the outline no longer lists. Your other ticks are kept; these no longer count:" }),
      el("ul", {}, removed.map(function (pair) { return el("li", { "data-skill": pair[0], text: pair[1].name }); })),
      el("p", {}, [forget]),
    ]);
    const heading = document.querySelector("article h1");
    if (old) old.replaceWith(notice);
    else if (heading) heading.after(notice);
  }

  /* ---------- Planner page ---------- */

  function readPlan() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(PLAN_KEY) || "{}");
      return { hours: String(saved.hours || ""), date: String(saved.date || "") };
    } catch (error) {
      return { hours: "", date: "" };
    }
  }

  function savePlan(inputs) {
    try { window.localStorage.setItem(PLAN_KEY, JSON.stringify(inputs)); } catch (error) { /* optional */ }
  }

  function renderPlanner(container, outline) {
    let form = container.querySelector("form.az-planner__form");
    if (!form) {
      const saved = readPlan();
      form = el("form", { class: "az-planner__form" }, [
        el("p", {}, [
          el("label", { for: "az-plan-hours", text: "Hours you can study" }),
          el("input", { id: "az-plan-hours", name: "hours", type: "number", min: "1", max: "5000", step: "1", inputmode: "numeric", value: saved.hours }),
        ]),
        el("p", {}, [
          el("label", { for: "az-plan-date", text: "Exam date (optional)" }),
          el("input", { id: "az-plan-date", name: "date", type: "date", value: saved.date }),
        ]),
      ]);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("input", function () {
        savePlan({ hours: form.elements.hours.value, date: form.elements.date.value });
        renderPlanner(container, outline);
      });
      // The status line is announced as it changes; the table is not read out on every key.
      container.replaceChildren(form, el("div", { class: "az-planner__status", role: "status" }),
        el("div", { class: "az-planner__result" }));
    }
    const status = container.querySelector(".az-planner__status");
    const result = container.querySelector(".az-planner__result");
    const hours = Number(form.elements.hours.value);
    if (!(hours > 0)) {
      status.replaceChildren(el("p", { text: "Enter the hours you can give to the exam to see your plan." }));
      result.replaceChildren();
      return;
    }
    const planned = plan(outline, readState(), hours);
    const left = planned.rows.reduce(function (sum, row) { return sum + row.left; }, 0);
    const summary = el("p", { class: "az-planner__summary" }, planned.revising
      ? ["You have ticked every skill, so the ", el("strong", { text: String(hours) }), " hours are spread by weight alone, for revision."]
      : ["Your ", el("strong", { text: String(hours) }), " hours cover the ", el("strong", { "data-az": "skills-left", text: String(left) }), " skills you have not ticked yet."]);
    const said = [summary];
    const days = daysUntil(form.elements.date.value, new Date());
    if (days !== null && days <= 0) {
      said.push(el("p", { class: "az-study__warning", text: "The exam date is today or in the past; choose a later date to see hours per week." }));
    } else if (days !== null) {
      said.push(el("p", { class: "az-planner__pace" }, [
        "That is ", el("strong", { "data-az": "hours-per-week", text: oneDecimal(hours * 7 / days) }),
        " hours a week for the " + days + " day" + (days === 1 ? "" : "s") + " until the exam.",
      ]));
    }
    const rows = planned.rows.map(function (row) {
      return el("tr", { "data-area": String(row.area.number) }, [
        el("td", { text: row.area.number + " · " + row.area.name }),
        el("td", { text: row.left + " of " + row.total }),
        el("td", { "data-az": "area-hours", text: oneDecimal(row.hours) }),
      ]);
    });
    const total = el("tr", {}, [
      el("th", { scope: "row", text: "All areas" }),
      el("td", { text: left + " of " + planned.rows.reduce(function (sum, row) { return sum + row.total; }, 0) }),
      el("td", { text: oneDecimal(hours) }),
    ]);
    status.replaceChildren.apply(status, said);
    result.replaceChildren(dataTable("az-planner__table", ["Skill area", "Skills left", "Hours"], rows, total));
  }

  /* ---------- Wiring ---------- */

  let currentRefresh = null; // re-renders the current page; replaced on every navigation

  function enhance() {
    currentRefresh = null;
    // Pages without study tools (glossary, changelog) need no outline.
    if (!document.querySelector("li.az-skill[data-skill], .az-skill-count[data-area], #az-readiness, #az-planner")) return;
    loadOutline().then(function (outline) {
      const index = skillIndex(outline);
      function refresh() {
        const state = readState();
        reconcile(state, outline, index);
        renderOutlineNotice(state, index, refresh);
        mountCheckboxes(state, index, refresh);
        renderAreaHeader(state);
        renderTableCounts(outline, state);
        const home = document.getElementById("az-readiness");
        if (home) renderReadiness(home, outline, state, refresh);
        const planner = document.getElementById("az-planner");
        if (planner) renderPlanner(planner, outline);
      }
      refresh.version = outline.version;
      currentRefresh = refresh;
      refresh();
    }).catch(function (error) {
      console.warn("Study tools are unavailable:", error.message);
    });
  }

  // Another tab changed the progress: show it here too.
  window.addEventListener("storage", function (event) {
    if ((event.key === STORAGE_KEY || event.key === null) && currentRefresh) currentRefresh();
  });

  // Material's instant navigation swaps the page without reloading scripts; document$ emits
  // for the first page and for each one after it.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
