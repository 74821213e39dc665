/*
 * Study tools: tick boxes per skill, the self-check on each area page, the mock exam, the
 * glossary flashcards, readiness, "study this next", the planner, and export/import of the
 * learner's record. Plain JavaScript, no library, no server: everything lives in this
 * browser's localStorage, in ONE versioned record under the exam's storage prefix.
 *
 * Every fact (areas, weights, skill ids, question answers, card ids, the storage prefix) comes
 * from study-outline.json, which the generator (python -m studyguide.generate) builds from data/. The question and card
 * texts are on the pages themselves, rendered from data by the hooks.
 *
 * The arithmetic (scheduling, readiness, allocation, rounding, record cleaning) is in pure
 * functions on window.StudyTools, so tests can call them with exact expectations.
 */
(function () {
  "use strict";

  const RECORD_VERSION = 2;
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const DAY = 86400000;
  // Leitner boxes: days until a card comes back after it was known in box n (index n - 1).
  const LEITNER_DAYS = [1, 3, 7, 14, 30];
  const MASTERED_BOX = 3;
  // Readiness: how much each kind of evidence counts in an area (renormalised when one is absent).
  const READINESS_WEIGHTS = { ticks: 0.2, questions: 0.5, cards: 0.3 };
  const ANSWERS_KEPT = 20; // per question: older answers weigh almost nothing anyway
  const HISTORY_KEPT = 366; // one readiness figure per day
  const NOTICE_ITEMS = 5; // the most names a notice lists before it summarises
  // The JSON sits next to this script; resolve it now, while currentScript is known.
  const DATA_URL = new URL("study-outline.json", document.currentScript.src).href;
  const SITE_ROOT = new URL("../", document.currentScript.src).href;

  function has(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* ---------- Pure arithmetic ---------- */

  // Leitner: knew it -> one box up (at most 5), back after that box's days; didn't -> box 1, due now.
  function review(card, knew, now) {
    const box = card && card.box ? card.box : 0;
    if (!knew) return { box: 1, due: now, seen: now };
    const next = Math.min(box + 1, LEITNER_DAYS.length);
    return { box: next, due: now + LEITNER_DAYS[next - 1] * DAY, seen: now };
  }

  // Due cards first (earliest due first), then cards never seen, in deck order.
  function dueQueue(deck, cards, now) {
    const due = [];
    const fresh = [];
    deck.forEach(function (card, order) {
      const state = has(cards, card.id) ? cards[card.id] : null;
      if (!state) fresh.push({ card: card, order: order });
      else if (state.due <= now) due.push({ card: card, due: state.due, order: order });
    });
    due.sort(function (a, b) { return a.due - b.due || a.order - b.order; });
    return due.concat(fresh).map(function (item) { return item.card; });
  }

  // A question's score: its answers, the latest counting 1, the one before 1/2, then 1/4...
  function questionScore(answers) {
    if (!answers || !answers.length) return 0;
    let got = 0;
    let total = 0;
    for (let k = 0; k < answers.length; k += 1) {
      const weight = Math.pow(0.5, k);
      const answer = answers[answers.length - 1 - k]; // newest last in the record
      total += weight;
      if (answer.ok) got += weight;
    }
    return got / total;
  }

  function mean(values) {
    return values.length ? values.reduce(function (s, v) { return s + v; }, 0) / values.length : 0;
  }

  // Combine the parts an area has (ticks always; questions and cards when it has any).
  function combine(parts) {
    let sum = 0;
    let weight = 0;
    Object.keys(parts).forEach(function (kind) {
      if (parts[kind] === null) return;
      sum += READINESS_WEIGHTS[kind] * parts[kind];
      weight += READINESS_WEIGHTS[kind];
    });
    return weight ? sum / weight : 0;
  }

  function areaParts(data, record, area) {
    const skills = area.skills.map(function (s) { return s.id; });
    const ticked = skills.filter(function (id) { return has(record.skills, id); }).length;
    const questions = (data.questions || []).filter(function (q) { return q.area === area.number; });
    const cards = (data.cards || []).filter(function (c) { return c.areas.indexOf(area.number) !== -1; });
    const mastered = cards.filter(function (c) {
      return has(record.cards, c.id) && record.cards[c.id].box >= MASTERED_BOX;
    }).length;
    const scores = questions.map(function (q) { return questionScore(has(record.answers, q.id) ? record.answers[q.id] : null); });
    const answered = questions.filter(function (q) { return has(record.answers, q.id) && record.answers[q.id].length; }).length;
    return {
      ticked: ticked, skills: skills.length,
      answered: answered, questions: questions.length,
      mastered: mastered, cards: cards.length,
      parts: {
        ticks: skills.length ? ticked / skills.length : null,
        questions: questions.length ? mean(scores) : null,
        cards: cards.length ? mastered / cards.length : null,
      },
    };
  }

  // Per area and for the exam: each area by the middle of its weight range, scaled to 100%.
  function readiness(data, record) {
    const totalWeight = data.areas.reduce(function (sum, a) { return sum + a.weight.midpoint; }, 0);
    let overall = 0;
    const rows = data.areas.map(function (area) {
      const row = areaParts(data, record, area);
      row.area = area;
      row.share = area.weight.midpoint / totalWeight;
      row.readiness = combine(row.parts);
      row.gap = row.share * (1 - row.readiness);
      overall += row.share * row.readiness;
      return row;
    });
    return { rows: rows, overall: overall, totalWeight: totalWeight };
  }

  // The area with the largest weighted gap, and in it the skill group with the largest gap
  // (group readiness from its ticks and the questions on its skills, weighted by its size).
  function studyNext(data, record) {
    const result = readiness(data, record);
    let best = null;
    result.rows.forEach(function (row) { if (row.gap > 1e-9 && (!best || row.gap > best.gap)) best = row; });
    if (!best) return null;
    const groups = (data.groups || []).filter(function (g) { return g.area === best.area.number; });
    let bestGroup = null;
    groups.forEach(function (group) {
      const ticked = group.skills.filter(function (id) { return has(record.skills, id); }).length;
      const questions = (data.questions || []).filter(function (q) {
        return q.area === group.area && q.skills.some(function (id) { return group.skills.indexOf(id) !== -1; });
      });
      const score = combine({
        ticks: group.skills.length ? ticked / group.skills.length : null,
        questions: questions.length ? mean(questions.map(function (q) {
          return questionScore(has(record.answers, q.id) ? record.answers[q.id] : null);
        })) : null,
        cards: null,
      });
      const gap = (1 - score) * group.skills.length;
      if (gap > 1e-9 && (!bestGroup || gap > bestGroup.gap)) bestGroup = { group: group, gap: gap, readiness: score };
    });
    return { area: best.area, gap: best.gap, readiness: best.readiness, group: bestGroup ? bestGroup.group : null };
  }

  // Largest-remainder rounding: whole units that add up exactly to `total` units.
  function largestRemainder(values, total) {
    const sum = values.reduce(function (s, v) { return s + v; }, 0);
    if (!(sum > 0)) return values.map(function () { return 0; });
    const exact = values.map(function (v) { return total * v / sum; });
    const floors = exact.map(Math.floor);
    let left = total - floors.reduce(function (s, v) { return s + v; }, 0);
    const order = exact.map(function (v, i) { return i; })
      .sort(function (a, b) { return (exact[b] - floors[b]) - (exact[a] - floors[a]) || a - b; });
    for (let i = 0; left > 0; i = (i + 1) % order.length, left -= 1) floors[order[i]] += 1;
    return floors;
  }

  // Hours go to areas by weight times what is not yet known (1 - readiness), in tenths.
  function plan(data, record, hours) {
    const result = readiness(data, record);
    let needs = result.rows.map(function (row) { return row.area.weight.midpoint * (1 - row.readiness); });
    const revising = needs.every(function (n) { return n <= 1e-9; });
    if (revising) needs = result.rows.map(function (row) { return row.area.weight.midpoint; });
    const tenths = largestRemainder(needs, Math.round(hours * 10));
    result.rows.forEach(function (row, i) {
      row.left = row.skills - row.ticked;
      row.hours = tenths[i] / 10;
    });
    return { rows: result.rows, revising: revising, overall: result.overall };
  }

  // Mock exam: one question per area first, the rest by weight (largest remainder), never more
  // than an area has; what an area cannot take goes to the others by weight.
  function allocate(total, weights, available) {
    const counts = weights.map(function (w, i) { return available[i] > 0 ? 1 : 0; });
    let left = Math.min(total, available.reduce(function (s, v) { return s + v; }, 0))
      - counts.reduce(function (s, v) { return s + v; }, 0);
    if (left < 0) return largestRemainder(weights.map(function (w, i) { return available[i] > 0 ? w : 0; }), total);
    while (left > 0) {
      const open = weights.map(function (w, i) { return counts[i] < available[i] ? w : 0; });
      const extra = largestRemainder(open, left);
      let placed = 0;
      extra.forEach(function (n, i) {
        const take = Math.min(n, available[i] - counts[i]);
        counts[i] += take;
        placed += take;
      });
      left -= placed;
      if (!placed) break;
    }
    return counts;
  }

  /* ---------- The learner's record ---------- */

  function emptyRecord() {
    return { version: RECORD_VERSION, outline: null, skills: {}, answers: {}, cards: {}, history: [], aside: [] };
  }

  function cleanSkill(entry, id) {
    if (!ID.test(id) || !isPlainObject(entry)) return null;
    return { name: String(entry.name || id).slice(0, 300), area: Number(entry.area) || null };
  }

  function cleanAnswers(entry, id) {
    if (!ID.test(id) || !Array.isArray(entry)) return null;
    const answers = [];
    for (const answer of entry) {
      if (!isPlainObject(answer) || typeof answer.ok !== "boolean" || !Number.isFinite(answer.t)) return null;
      answers.push({ t: answer.t, ok: answer.ok });
    }
    return answers.slice(-ANSWERS_KEPT);
  }

  function cleanCard(entry, id) {
    if (!ID.test(id) || !isPlainObject(entry)) return null;
    const box = entry.box;
    if (!Number.isInteger(box) || box < 1 || box > LEITNER_DAYS.length || !Number.isFinite(entry.due)) return null;
    return { box: box, due: entry.due, seen: Number.isFinite(entry.seen) ? entry.seen : entry.due };
  }

  const SECTIONS = { skills: cleanSkill, answers: cleanAnswers, cards: cleanCard };

  // Keep every valid entry; set the others aside (kept verbatim, exported, never dropped).
  function cleanRecord(raw, now) {
    const record = emptyRecord();
    const problems = [];
    if (!isPlainObject(raw)) {
      record.aside.push({ at: now, section: "record", id: null, value: raw });
      problems.push("record");
      return { record: record, problems: problems };
    }
    record.outline = typeof raw.outline === "string" ? raw.outline : null;
    Object.keys(SECTIONS).forEach(function (section) {
      const entries = raw[section];
      if (entries === undefined) return;
      if (!isPlainObject(entries)) {
        record.aside.push({ at: now, section: section, id: null, value: entries });
        problems.push(section);
        return;
      }
      Object.keys(entries).forEach(function (id) {
        const clean = SECTIONS[section](entries[id], id);
        if (clean) record[section][id] = clean;
        else {
          record.aside.push({ at: now, section: section, id: id, value: entries[id] });
          problems.push(section + " " + id);
        }
      });
    });
    if (Array.isArray(raw.history)) {
      record.history = raw.history.filter(function (h) {
        return isPlainObject(h) && /^\d{4}-\d{2}-\d{2}$/.test(h.d) && Number.isFinite(h.r);
      }).map(function (h) { return { d: h.d, r: h.r }; }).slice(-HISTORY_KEPT);
    }
    if (Array.isArray(raw.aside)) record.aside = raw.aside.concat(record.aside);
    return { record: record, problems: problems };
  }

  function orphanIds(data, record) {
    const skills = new Set();
    data.areas.forEach(function (a) { a.skills.forEach(function (s) { skills.add(s.id); }); });
    const questions = new Set((data.questions || []).map(function (q) { return q.id; }));
    const cards = new Set((data.cards || []).map(function (c) { return c.id; }));
    return {
      skills: Object.keys(record.skills).filter(function (id) { return !skills.has(id); }),
      answers: Object.keys(record.answers).filter(function (id) { return !questions.has(id); }),
      cards: Object.keys(record.cards).filter(function (id) { return !cards.has(id); }),
    };
  }

  function isoDay(now) {
    const d = new Date(now);
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  // Today's overall readiness, one point per day; returns true when the history changed.
  function noteHistory(record, overall, now) {
    const day = isoDay(now);
    const value = Math.round(overall * 10000) / 10000;
    const last = record.history[record.history.length - 1];
    if (last && last.d === day) {
      if (last.r === value) return false;
      last.r = value;
      return true;
    }
    if (!last && value === 0) return false;
    record.history.push({ d: day, r: value });
    record.history = record.history.slice(-HISTORY_KEPT);
    return true;
  }

  /* ---------- Storage ---------- */

  let keys = null; // { record, plan, format }, from the data's prefix
  let memoryRecord = null; // when localStorage refuses (blocked, or full): this page only
  let storageWorks = true;

  function setPrefix(prefix) {
    keys = { record: prefix + ".study-progress", plan: prefix + ".study-plan", format: prefix + "-study-progress" };
  }

  function readRecord() {
    if (memoryRecord) return memoryRecord;
    let raw = null;
    try {
      raw = window.localStorage.getItem(keys.record);
    } catch (error) {
      storageWorks = false;
      memoryRecord = emptyRecord();
      return memoryRecord;
    }
    if (!raw) return emptyRecord();
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      parsed = undefined;
    }
    const now = Date.now();
    const cleaned = parsed === undefined
      ? { record: emptyRecord(), problems: ["record"] }
      : cleanRecord(parsed, now);
    if (parsed === undefined) cleaned.record.aside.push({ at: now, section: "record", id: null, value: raw });
    if (cleaned.problems.length) {
      // Store the cleaned record with the unreadable parts set aside, so nothing is lost.
      writeRecord(cleaned.record);
    }
    return cleaned.record;
  }

  // Returns true when stored. `strict`: on failure change nothing (an import must not half-apply).
  function writeRecord(record, strict) {
    record.version = RECORD_VERSION;
    if (!storageWorks) { memoryRecord = record; return true; }
    try {
      window.localStorage.setItem(keys.record, JSON.stringify(record));
      return true;
    } catch (error) {
      if (strict) return false;
      storageWorks = false;
      memoryRecord = record;
      return false;
    }
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

  function svg(tag, attributes, children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  function button(text, data, extraClass) {
    return el("button", { type: "button", class: "md-button" + (extraClass ? " " + extraClass : ""), "data-az": data, text: text });
  }

  // Material styles only class-less tables, inside its own wrappers.
  function dataTable(className, headers, rows, footer) {
    const head = el("tr", {}, headers.map(function (label) { return el("th", { scope: "col", text: label }); }));
    const parts = [el("thead", {}, [head]), el("tbody", {}, rows)];
    if (footer) parts.push(el("tfoot", {}, [footer]));
    // Focusable, so a table that must scroll sideways can be scrolled by keyboard.
    return el("div", { class: "md-typeset__scrollwrap " + className, tabindex: "0", role: "region", "aria-label": headers[0] + " table" }, [
      el("div", { class: "md-typeset__table" }, [el("table", {}, parts)]),
    ]);
  }

  function srOnly(text) {
    return el("span", { class: "az-sr-only", text: text });
  }

  function percent(fraction) {
    return (Math.round(fraction * 1000) / 10).toFixed(1) + "%";
  }

  function oneDecimal(value) {
    return (Math.round(value * 10) / 10).toFixed(1);
  }

  // "an" or "a" before the exam code of data/exam.yml: a code is read letter by letter, and these letters' names start with a vowel sound.
  function article(code) {
    return /^[AEFHILMNORSX]/i.test(code) ? "an" : "a";
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  // A list that never grows past NOTICE_ITEMS names: the rest is summarised in one line.
  function cappedList(names) {
    const shown = names.slice(0, NOTICE_ITEMS).map(function (name) { return el("li", { text: name }); });
    if (names.length > NOTICE_ITEMS) shown.push(el("li", { class: "az-notice__more", text: "and " + (names.length - NOTICE_ITEMS) + " more" }));
    return el("ul", {}, shown);
  }

  function pageHeading() {
    return document.querySelector("article h1");
  }

  function placeNotice(className, notice) {
    const old = document.querySelector("." + className);
    if (!notice) { if (old) old.remove(); return; }
    if (old) old.replaceWith(notice);
    else if (pageHeading()) pageHeading().after(notice);
  }

  function areaUrl(data, number, anchor) {
    const page = data.pages && data.pages[String(number)];
    return page ? new URL(page + (anchor ? "#" + anchor : ""), SITE_ROOT).href : null;
  }

  /* ---------- Homework pages: tick boxes and the header figures ---------- */

  function mountCheckboxes(ctx) {
    document.querySelectorAll("li.az-skill[data-skill]").forEach(function (item) {
      const id = item.dataset.skill;
      let box = item.querySelector("input.az-skill__check");
      if (!box) {
        const link = item.querySelector("a");
        const name = (link ? link.textContent : item.textContent).trim();
        box = el("input", { type: "checkbox", class: "az-skill__check", "aria-label": "Studied: " + name });
        box.addEventListener("change", function () {
          const record = readRecord();
          if (box.checked) {
            const known = ctx.index.get(id);
            record.skills[id] = { name: known ? known.name : name, area: known ? known.area : null };
          } else {
            delete record.skills[id];
          }
          if (!record.outline) record.outline = ctx.data.version;
          writeRecord(record);
          ctx.refresh();
        });
        item.classList.add("az-skill--tracked");
        item.prepend(box);
      }
      box.checked = has(ctx.record.skills, id);
      item.classList.toggle("az-skill--done", box.checked);
    });
  }

  function renderAreaHeader(ctx) {
    const header = document.querySelector(".az-area-header");
    const items = document.querySelectorAll("li.az-skill[data-skill]");
    if (!header || !items.length) return;
    let done = 0;
    items.forEach(function (item) { if (has(ctx.record.skills, item.dataset.skill)) done += 1; });
    let badge = header.querySelector(".az-progress");
    if (!badge) {
      badge = el("span", { class: "az-progress" });
      header.append(" · ", badge);
    }
    const section = document.querySelector(".az-self-check[data-area]");
    const row = section && ctx.result.rows.find(function (r) { return String(r.area.number) === section.dataset.area; });
    badge.textContent = done + "/" + items.length + " studied";
    let ready = header.querySelector(".az-area-readiness");
    if (row && !ready) {
      ready = el("span", { class: "az-area-readiness" });
      header.append(" · ", ready);
    }
    if (row) ready.replaceChildren("readiness ", el("strong", { "data-az": "area-readiness", text: percent(row.readiness) }));
  }

  /* ---------- Self-check and mock exam: one question at a time ---------- */

  const LETTERS = "ABCDE";

  function questionInfo(ctx, id) {
    return (ctx.data.questions || []).find(function (q) { return q.id === id; }) || null;
  }

  function recordAnswer(id, ok) {
    const record = readRecord();
    const list = has(record.answers, id) ? record.answers[id] : [];
    list.push({ t: Date.now(), ok: ok });
    record.answers[id] = list.slice(-ANSWERS_KEPT);
    writeRecord(record);
  }

  // Turn a rendered question into a form: the lettered options become radio buttons (one
  // answer) or check boxes (several); the folded answer stays hidden until it is checked.
  function buildQuiz(question, info, uid) {
    const list = question.querySelector(".az-question__options");
    const details = question.querySelector("details");
    const prompt = question.querySelector(".az-question__prompt");
    const multiple = info.correct.length > 1;
    if (prompt) prompt.id = uid + "-prompt";
    const options = Array.prototype.map.call(list.querySelectorAll("li"), function (item, i) {
      const input = el("input", { type: multiple ? "checkbox" : "radio", name: uid, value: String(i), id: uid + "-" + i });
      const content = el("span", { class: "az-quiz__text" });
      item.childNodes.forEach(function (child) { content.append(child.cloneNode(true)); });
      return el("label", { class: "az-quiz__option", for: uid + "-" + i }, [
        input, el("span", { class: "az-quiz__letter", "aria-hidden": "true", text: LETTERS[i] }), srOnly(LETTERS[i] + ": "), content,
        el("span", { class: "az-quiz__mark" }),
      ]);
    });
    const legend = el("legend", { class: "az-sr-only", text: multiple ? "Choose " + info.correct.length + " answers" : "Choose one answer" });
    const fieldset = el("fieldset", { class: "az-quiz__options", "aria-describedby": uid + "-prompt" }, [legend].concat(options));
    const check = el("button", { type: "submit", class: "md-button md-button--primary", "data-az": "check", text: "Check answer" });
    const next = button("Next question", "next");
    next.hidden = true;
    const result = el("p", { class: "az-quiz__result", role: "status", tabindex: "-1" });
    const form = el("form", { class: "az-quiz", novalidate: "" }, [fieldset, el("div", { class: "az-quiz__actions" }, [check, next]), result]);
    list.hidden = true;
    if (details) details.hidden = true;
    list.after(form);
    return { form: form, fieldset: fieldset, check: check, next: next, result: result, details: details };
  }

  function chosen(fieldset) {
    return Array.prototype.filter.call(fieldset.querySelectorAll("input"), function (i) { return i.checked; })
      .map(function (i) { return Number(i.value); });
  }

  function sameSet(a, b) {
    return a.length === b.length && a.every(function (x) { return b.indexOf(x) !== -1; });
  }

  function answerText(info) {
    const letters = info.correct.map(function (i) { return LETTERS[i]; });
    return letters.length === 1 ? letters[0] : letters.slice(0, -1).join(", ") + " and " + letters[letters.length - 1];
  }

  // Marks on every option: right ones, and the learner's wrong choices (text, not colour alone).
  function markOptions(quiz, info, picked) {
    quiz.fieldset.querySelectorAll("label.az-quiz__option").forEach(function (label, i) {
      const right = info.correct.indexOf(i) !== -1;
      const mine = picked.indexOf(i) !== -1;
      label.classList.toggle("az-quiz__option--right", right);
      label.classList.toggle("az-quiz__option--wrong", mine && !right);
      label.querySelector(".az-quiz__mark").textContent = right ? (mine ? "Right, your choice" : "Right answer") : (mine ? "Wrong, your choice" : "");
    });
    quiz.fieldset.disabled = true;
  }

  function mountSelfCheck(ctx) {
    const section = document.querySelector(".az-self-check[data-area]");
    if (!section || section.dataset.live) return;
    const questions = Array.prototype.slice.call(section.querySelectorAll(".az-question[data-question]"));
    if (!questions.length) return;
    section.dataset.live = "true";
    section.classList.add("az-self-check--live");
    let current = 0;
    let right = 0;
    let done = 0;
    const summary = el("p", { class: "az-self-check__summary", role: "status" });
    section.append(summary);

    function show(index) {
      questions.forEach(function (q, i) { q.classList.toggle("az-question--current", i === index); });
      const question = questions[index];
      const info = questionInfo(ctx, question.dataset.question);
      if (!info) { question.classList.remove("az-question--current"); return; }
      let quiz = question.azQuiz;
      if (!quiz) {
        quiz = buildQuiz(question, info, "q-" + info.id);
        question.azQuiz = quiz;
        quiz.form.addEventListener("submit", function (event) {
          event.preventDefault();
          if (quiz.fieldset.disabled) { quiz.next.click(); return; }
          const picked = chosen(quiz.fieldset);
          if (!picked.length) { quiz.result.textContent = "Choose an answer first."; return; }
          const ok = sameSet(picked, info.correct);
          markOptions(quiz, info, picked);
          quiz.result.textContent = ok ? "Right." : "Not quite: the answer is " + answerText(info) + ".";
          quiz.result.classList.toggle("az-quiz__result--right", ok);
          if (quiz.details) { quiz.details.hidden = false; quiz.details.open = true; }
          quiz.check.hidden = true;
          quiz.next.hidden = false;
          quiz.next.textContent = index === questions.length - 1 ? "Start again" : "Next question";
          right += ok ? 1 : 0;
          done += 1;
          summary.textContent = "This round: " + right + " of " + done + " right.";
          recordAnswer(info.id, ok);
          ctx.refresh();
          quiz.next.focus();
        });
        quiz.next.addEventListener("click", function () {
          const following = (questions.indexOf(question) + 1) % questions.length;
          if (following === 0) { right = 0; done = 0; summary.textContent = ""; }
          resetQuiz(questions[following].azQuiz);
          current = following;
          show(current);
          const first = questions[current].querySelector("input");
          if (first) first.focus();
        });
      }
    }
    show(current);
  }

  function resetQuiz(quiz) {
    if (!quiz) return;
    quiz.fieldset.disabled = false;
    quiz.fieldset.querySelectorAll("input").forEach(function (input) { input.checked = false; });
    quiz.fieldset.querySelectorAll("label.az-quiz__option").forEach(function (label) {
      label.classList.remove("az-quiz__option--right", "az-quiz__option--wrong");
      label.querySelector(".az-quiz__mark").textContent = "";
    });
    quiz.result.textContent = "";
    quiz.check.hidden = false;
    quiz.next.hidden = true;
    if (quiz.details) { quiz.details.open = false; quiz.details.hidden = true; }
  }

  function shuffle(items) {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = copy[i]; copy[i] = copy[j]; copy[j] = t;
    }
    return copy;
  }

  function formatClock(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  let examTimer = null; // cleared on every navigation

  function mountMockExam(ctx) {
    const container = document.getElementById("az-mock-exam");
    const bank = document.querySelector(".az-question-bank");
    if (!container || !bank || container.dataset.live) return;
    container.dataset.live = "true";
    const all = ctx.data.questions || [];
    const sizes = [10, 20, 40, 60].filter(function (n) { return n < all.length && n >= ctx.data.areas.length; });
    const sizeSelect = el("select", { id: "az-exam-size", name: "size" },
      sizes.map(function (n) { return el("option", { value: String(n), text: n + " questions" }); })
        .concat([el("option", { value: String(all.length), text: "All " + all.length + " questions" })]));
    sizeSelect.value = String(sizes.length ? sizes[Math.min(1, sizes.length - 1)] : all.length);
    const timed = el("input", { type: "checkbox", id: "az-exam-timed", name: "timed" });
    const minutes = el("input", { type: "number", id: "az-exam-minutes", name: "minutes", min: "1", max: "600", step: "1", inputmode: "numeric", value: "40" });
    const start = el("button", { type: "submit", class: "md-button md-button--primary", "data-az": "start-exam", text: "Start the mock exam" });
    const setup = el("form", { class: "az-exam__setup" }, [
      el("p", {}, [el("label", { for: "az-exam-size", text: "Length" }), sizeSelect]),
      el("p", { class: "az-exam__timed" }, [timed, el("label", { for: "az-exam-timed", text: "Use a timer" })]),
      el("p", {}, [el("label", { for: "az-exam-minutes", text: "Minutes" }), minutes]),
      el("p", {}, [start]),
    ]);
    const stage = el("div", { class: "az-exam__stage" });
    container.replaceChildren(setup, stage);
    // The list of every question with its answer is for readers without JavaScript.
    bank.hidden = true;

    setup.addEventListener("submit", function (event) {
      event.preventDefault();
      const size = Number(sizeSelect.value);
      const byArea = ctx.data.areas.map(function (a) { return all.filter(function (q) { return q.area === a.number; }); });
      const counts = allocate(size, ctx.data.areas.map(function (a) { return a.weight.midpoint; }),
        byArea.map(function (list) { return list.length; }));
      const picked = [];
      byArea.forEach(function (list, i) { shuffle(list).slice(0, counts[i]).forEach(function (q) { picked.push(q); }); });
      runExam(ctx, container, bank, setup, stage, shuffle(picked), timed.checked ? Number(minutes.value) || 0 : 0);
    });
  }

  function runExam(ctx, container, bank, setup, stage, picked, minutes) {
    setup.hidden = true;
    bank.hidden = true;
    const answers = new Map();
    let index = 0;
    const clock = el("p", { class: "az-exam__clock", "aria-live": "off" });
    const progress = el("p", { class: "az-exam__progress" });
    const slot = el("div", { class: "az-exam__question" });
    const finishNow = button("Finish now", "finish");
    stage.replaceChildren(progress, clock, slot, el("p", {}, [finishNow]));
    clock.hidden = !minutes;
    const deadline = Date.now() + minutes * 60000;
    if (examTimer) clearInterval(examTimer);
    if (minutes) {
      const tick = function () {
        const left = deadline - Date.now();
        clock.textContent = "Time left: " + formatClock(left);
        if (left <= 0) finish("Time is up.");
      };
      tick();
      examTimer = setInterval(tick, 1000);
    }

    function show() {
      const info = picked[index];
      const source = bank.querySelector('.az-question[data-question="' + info.id + '"]');
      const question = source.cloneNode(true);
      question.removeAttribute("id");
      question.querySelectorAll(".az-question__number").forEach(function (n) { n.remove(); });
      const quiz = buildQuiz(question, info, "exam-" + index);
      quiz.check.textContent = index === picked.length - 1 ? "Finish" : "Next";
      quiz.next.remove();
      progress.textContent = "Question " + (index + 1) + " of " + picked.length;
      slot.replaceChildren(question);
      quiz.form.addEventListener("submit", function (event) {
        event.preventDefault();
        answers.set(info.id, chosen(quiz.fieldset));
        index += 1;
        if (index >= picked.length) finish("");
        else { show(); const first = slot.querySelector("input"); if (first) first.focus(); }
      });
    }

    function finish(reason) {
      if (examTimer) { clearInterval(examTimer); examTimer = null; }
      const rows = ctx.data.areas.map(function (area) {
        const asked = picked.filter(function (q) { return q.area === area.number; });
        const got = asked.filter(function (q) { return answers.has(q.id) && sameSet(answers.get(q.id), q.correct); }).length;
        return { area: area, asked: asked.length, got: got };
      });
      // Answered questions count towards readiness; unanswered ones are left out.
      picked.forEach(function (q) {
        if (answers.has(q.id) && answers.get(q.id).length) recordAnswer(q.id, sameSet(answers.get(q.id), q.correct));
      });
      const asked = picked.length;
      const got = rows.reduce(function (s, r) { return s + r.got; }, 0);
      const table = dataTable("az-exam__results", ["Skill area", "Right", "Score"], rows.filter(function (r) { return r.asked; }).map(function (r) {
        return el("tr", { "data-area": String(r.area.number) }, [
          el("td", { text: r.area.number + " · " + r.area.short_name }),
          el("td", { "data-az": "area-right", text: r.got + " of " + r.asked }),
          el("td", { text: percent(r.got / r.asked) }),
        ]);
      }), el("tr", {}, [el("th", { scope: "row", text: "Whole exam" }), el("td", { "data-az": "exam-right", text: got + " of " + asked }), el("td", { text: percent(got / asked) })]));
      const review = el("div", { class: "az-exam__review" });
      picked.forEach(function (info, i) {
        const question = bank.querySelector('.az-question[data-question="' + info.id + '"]').cloneNode(true);
        question.removeAttribute("id");
        question.querySelectorAll(".az-question__number").forEach(function (n) { n.textContent = "Question " + (i + 1); });
        const quiz = buildQuiz(question, info, "review-" + i);
        quiz.check.remove(); quiz.next.remove();
        const mine = answers.get(info.id) || [];
        quiz.fieldset.querySelectorAll("input").forEach(function (input, k) { input.checked = mine.indexOf(k) !== -1; });
        markOptions(quiz, info, mine);
        quiz.result.textContent = !mine.length ? "Not answered." : (sameSet(mine, info.correct) ? "Right." : "Wrong: the answer is " + answerText(info) + ".");
        quiz.result.removeAttribute("role");
        if (quiz.details) quiz.details.hidden = false;
        review.append(question);
      });
      const again = button("Take another mock exam", "again");
      again.addEventListener("click", function () {
        stage.replaceChildren();
        setup.hidden = false;
        setup.querySelector("select").focus();
      });
      const heading = el("h2", { id: "mock-exam-result", tabindex: "-1", text: "Your result" });
      stage.replaceChildren(heading,
        el("p", { class: "az-exam__score", role: "status" }, [(reason ? reason + " " : "") + "You got ",
          el("strong", { "data-az": "exam-score", text: got + " of " + asked }), " right (" + percent(asked ? got / asked : 0) + ")."]),
        table, el("p", {}, [again]), el("h3", { text: "Every question, with its explanation" }), review);
      heading.focus();
      ctx.refresh();
    }

    finishNow.addEventListener("click", function () { finish(""); });
    show();
    const first = slot.querySelector("input");
    if (first) first.focus();
  }

  /* ---------- Flashcards ---------- */

  let cardKeys = null; // the flashcards page's keyboard handler, replaced on every navigation

  function mountFlashcards(ctx) {
    const container = document.getElementById("az-flashcards");
    const deckElement = document.querySelector(".az-deck");
    if (!container || !deckElement) return;
    if (!container.dataset.live) {
      container.dataset.live = "true";
      const filter = el("select", { id: "az-card-area", name: "area" }, [el("option", { value: "", text: "All areas" })]
        .concat(ctx.data.areas.map(function (a) { return el("option", { value: String(a.number), text: a.number + " · " + a.short_name }); })));
      const counts = el("p", { class: "az-cards__counts", "data-az": "card-counts" });
      const front = el("p", { class: "az-cards__term", "data-az": "card-term" });
      const back = el("div", { class: "az-cards__back", "data-az": "card-back" });
      back.hidden = true;
      const flip = el("button", { type: "button", class: "md-button md-button--primary", "data-az": "flip", text: "Show the definition" });
      const knew = el("button", { type: "button", class: "md-button md-button--primary", "data-az": "knew", text: "Knew it (K)" });
      const missed = el("button", { type: "button", class: "md-button", "data-az": "missed", text: "Didn't know (D)" });
      const grade = el("div", { class: "az-cards__grade" }, [knew, missed]);
      grade.hidden = true;
      const status = el("p", { class: "az-cards__status", role: "status" });
      const card = el("div", { class: "az-cards__card", "aria-live": "polite" }, [front, back]);
      container.replaceChildren(
        el("p", { class: "az-cards__filter" }, [el("label", { for: "az-card-area", text: "Cards from" }), filter]),
        counts, card, el("div", { class: "az-cards__actions" }, [flip, grade]), status);
      const deck = Array.prototype.map.call(deckElement.querySelectorAll("details.az-card[data-card]"), function (d) {
        return { id: d.dataset.card, areas: d.dataset.areas.split(" ").map(Number), element: d };
      });
      let currentCard = null;

      function draw() {
        const record = readRecord();
        const now = Date.now();
        const area = Number(filter.value);
        const chosenDeck = deck.filter(function (c) { return !area || c.areas.indexOf(area) !== -1; });
        const queue = dueQueue(chosenDeck, record.cards, now);
        const seen = chosenDeck.filter(function (c) { return has(record.cards, c.id); });
        const mastered = seen.filter(function (c) { return record.cards[c.id].box >= MASTERED_BOX; }).length;
        const due = queue.filter(function (c) { return has(record.cards, c.id); }).length;
        counts.textContent = due + " due · " + (chosenDeck.length - seen.length) + " new · " + mastered + " mastered of " + chosenDeck.length;
        currentCard = queue.length ? queue[0] : null;
        back.hidden = true;
        grade.hidden = true;
        if (!currentCard) {
          const next = seen.map(function (c) { return record.cards[c.id].due; }).sort(function (a, b) { return a - b; })[0];
          front.textContent = "Nothing is due.";
          back.replaceChildren();
          flip.hidden = true;
          status.textContent = next ? "The next card comes back on " + new Date(next).toLocaleDateString() + "." : "";
          return;
        }
        flip.hidden = false;
        front.textContent = currentCard.element.querySelector("summary").textContent;
        const body = Array.prototype.filter.call(currentCard.element.children, function (child) { return child.tagName !== "SUMMARY"; })
          .map(function (child) { return child.cloneNode(true); });
        back.replaceChildren.apply(back, body);
        const state = has(record.cards, currentCard.id) ? record.cards[currentCard.id] : null;
        status.textContent = state ? "Box " + state.box + " of " + LEITNER_DAYS.length + "." : "A new card.";
      }

      function turn() {
        if (!currentCard || !back.hidden) return;
        back.hidden = false;
        flip.hidden = true;
        grade.hidden = false;
        knew.focus();
      }

      function grade_(known) {
        if (!currentCard || back.hidden) return;
        const record = readRecord();
        const state = review(has(record.cards, currentCard.id) ? record.cards[currentCard.id] : null, known, Date.now());
        record.cards[currentCard.id] = state;
        writeRecord(record);
        const name = front.textContent;
        draw();
        status.textContent = (known ? name + ": moved to box " + state.box + ", back in " + plural(LEITNER_DAYS[state.box - 1], "day") + ". "
          : name + ": back to box 1, it stays in today's queue. ") + status.textContent;
        (flip.hidden ? filter : flip).focus();
        ctx.refresh();
      }

      flip.addEventListener("click", turn);
      knew.addEventListener("click", function () { grade_(true); });
      missed.addEventListener("click", function () { grade_(false); });
      filter.addEventListener("change", draw);
      cardKeys = function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        const target = event.target && event.target.closest ? event.target : null;
        if (target && target.closest("input, select, textarea, [contenteditable]")) return;
        const key = event.key;
        // Space and Enter on a focused button or link do what that control says.
        const onControl = target && target.closest("button, a");
        if ((key === " " || key === "Enter") && back.hidden && !onControl) { event.preventDefault(); turn(); }
        else if ((key === "k" || key === "K" || key === "ArrowRight") && !back.hidden) { event.preventDefault(); grade_(true); }
        else if ((key === "d" || key === "D" || key === "ArrowLeft") && !back.hidden) { event.preventDefault(); grade_(false); }
      };
      draw();
    }
  }

  document.addEventListener("keydown", function (event) { if (cardKeys) cardKeys(event); });

  /* ---------- Readiness: figure, table, chart, "study this next" ---------- */

  function chart(result, history) {
    const width = 320;
    const height = 150;
    const bars = result.rows.length;
    const slot = (width - 20) / bars;
    const parts = [svg("title", { text: "Readiness per area and overall over time" })];
    [0, 0.5, 1].forEach(function (level) {
      const y = 120 - level * 100;
      parts.push(svg("line", { x1: "20", x2: String(width), y1: String(y), y2: String(y), class: "az-chart__grid" }));
      parts.push(svg("text", { x: "0", y: String(y + 4), class: "az-chart__label", text: String(level * 100) }));
    });
    result.rows.forEach(function (row, i) {
      const h = Math.max(row.readiness * 100, 0);
      const x = 20 + i * slot + slot * 0.2;
      parts.push(svg("rect", { x: x.toFixed(1), y: (120 - h).toFixed(1), width: (slot * 0.6).toFixed(1), height: h.toFixed(1), class: "az-chart__bar" },
        [svg("title", { text: row.area.number + " · " + row.area.short_name + ": " + percent(row.readiness) })]));
      parts.push(svg("text", { x: (x + slot * 0.3).toFixed(1), y: "136", class: "az-chart__label", "text-anchor": "middle", text: String(row.area.number) }));
    });
    if (history.length > 1) {
      const step = (width - 20) / (history.length - 1);
      const points = history.map(function (h, i) { return (20 + i * step).toFixed(1) + "," + (120 - h.r * 100).toFixed(1); }).join(" ");
      parts.push(svg("polyline", { points: points, class: "az-chart__line" }));
    }
    parts.push(svg("text", { x: "20", y: "150", class: "az-chart__label", text: "Bars: areas 1–" + bars + ". Line: overall, " + history.length + (history.length === 1 ? " day" : " days") }));
    const last = history.length ? history[history.length - 1] : null;
    const described = result.rows.map(function (r) { return "area " + r.area.number + " " + percent(r.readiness); }).join(", ");
    return svg("svg", { class: "az-chart", viewBox: "0 0 " + width + " " + (height + 4), role: "img",
      "aria-label": "Readiness: " + described + ". Overall " + percent(result.overall) + (last && history.length > 1 ? ", recorded on " + history.length + " days, first " + percent(history[0].r) : "") + "." }, parts);
  }

  function studyNextLine(ctx) {
    const next = studyNext(ctx.data, ctx.record);
    if (!next) return el("p", { class: "az-next", "data-az": "study-next", text: "Every area is at 100%: keep revising with the mock exam and the flashcards." });
    const url = areaUrl(ctx.data, next.area.number, next.group ? next.group.anchor : "");
    const label = next.group ? next.group.name + " (area " + next.area.number + ", " + next.area.short_name + ")" : "Area " + next.area.number + ", " + next.area.short_name;
    return el("p", { class: "az-next", "data-az": "study-next" }, [el("strong", { text: "Study this next: " }),
      url ? el("a", { href: url, "data-az": "study-next-link", text: label }) : label,
      " — it has the largest gap once weighted by its share of the exam."]);
  }

  function readinessTable(result) {
    const rows = result.rows.map(function (row) {
      return el("tr", { "data-area": String(row.area.number) }, [
        el("td", { text: row.area.number + " · " + row.area.short_name }),
        el("td", { text: row.questions ? percent(row.parts.questions) : "–" }),
        el("td", { text: row.cards ? row.mastered + "/" + row.cards : "–" }),
        el("td", { "data-az": "area-readiness", text: percent(row.readiness) }),
      ]);
    });
    return dataTable("az-readiness__table", ["Area", "Questions", "Cards", "Ready"], rows);
  }

  function renderReadiness(container, ctx) {
    const result = ctx.result;
    const ticked = result.rows.reduce(function (sum, row) { return sum + row.ticked; }, 0);
    const total = result.rows.reduce(function (sum, row) { return sum + row.skills; }, 0);
    let panel = container.querySelector(".az-readiness");
    if (!panel) {
      panel = el("div", { class: "az-readiness" });
      container.replaceChildren(panel, controls(container, ctx));
    }
    const meter = el("meter", { min: "0", max: "1", value: String(result.overall), "aria-labelledby": "az-readiness-figure" });
    const formula = new URL("planner/#how-readiness-is-computed", SITE_ROOT).href;
    panel.replaceChildren(
      el("p", { class: "az-readiness__figure", id: "az-readiness-figure" }, [
        el("strong", { "data-az": "readiness", text: percent(result.overall) }),
        " ready for the exam, by weight",
      ]),
      meter,
      studyNextLine(ctx),
      el("p", { class: "az-readiness__detail" }, [
        el("span", { "data-az": "ticked", text: String(ticked) }), " of " + total + " skills ticked. ",
        "Each area's readiness mixes ticks, recent answers to its questions and mastered flashcards; ",
        el("a", { href: formula, text: "how readiness is computed" }), ".",
      ]),
      chart(result, ctx.record.history),
      readinessTable(result),
    );
  }

  /* ---------- Home page: table counts, export/import/reset ---------- */

  function renderTableCounts(ctx) {
    document.querySelectorAll(".az-skill-count[data-area]").forEach(function (cell) {
      const row = ctx.result.rows.find(function (r) { return String(r.area.number) === cell.dataset.area; });
      if (!row) return;
      cell.replaceChildren(
        el("span", { "aria-hidden": "true", text: row.ticked + "/" + row.skills }),
        srOnly(row.ticked + " of " + row.skills + " skills studied"),
      );
      cell.classList.toggle("az-skill-count--started", row.ticked > 0);
    });
  }

  function announce(container, message) {
    const status = container.querySelector(".az-study__status");
    if (status) status.replaceChildren.apply(status, [].concat(message));
  }

  function counted(record) {
    return {
      skills: Object.keys(record.skills).length,
      answers: Object.keys(record.answers).length,
      cards: Object.keys(record.cards).length,
    };
  }

  // An export file as a record; null when it is not one. Accepts schema 1 (ticks only) and 2.
  function parseExport(parsed, current, now) {
    if (!isPlainObject(parsed) || parsed.format !== keys.format || (parsed.schema !== 1 && parsed.schema !== RECORD_VERSION)) return null;
    if (!isPlainObject(parsed.skills)) return null;
    const cleaned = cleanRecord(parsed, now);
    if (parsed.schema === 1) {
      // Older exports hold ticks only: keep this browser's answers, cards and history.
      cleaned.record.answers = current.answers;
      cleaned.record.cards = current.cards;
      cleaned.record.history = current.history;
    }
    // Entries set aside here and in the file, each once.
    const known = new Set(current.aside.map(function (a) { return JSON.stringify([a.at, a.section, a.id]); }));
    cleaned.record.aside = current.aside.concat(cleaned.record.aside.filter(function (a) {
      return !known.has(JSON.stringify([a.at, a.section, a.id]));
    }));
    return cleaned;
  }

  function controls(container, ctx) {
    const file = el("input", { type: "file", accept: ".json,application/json", hidden: "", class: "az-study__file" });
    const exportButton = button("Export progress", "export");
    const importButton = button("Import progress", "import");
    const resetButton = button("Reset progress", "reset");

    exportButton.addEventListener("click", function () {
      const record = readRecord();
      const payload = {
        format: keys.format,
        schema: RECORD_VERSION,
        outline: record.outline || ctx.data.version,
        exported: new Date().toISOString(),
        skills: record.skills,
        answers: record.answers,
        cards: record.cards,
        history: record.history,
        aside: record.aside,
      };
      const blob = new Blob([JSON.stringify(payload, null, 2) + "\n"], { type: "application/json" });
      // A detached link: its click never reaches instant navigation's document listener.
      const link = el("a", { href: URL.createObjectURL(blob), download: ctx.data.prefix + "-progress.json" });
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      const n = counted(record);
      announce(container, "Exported " + plural(n.skills, "ticked skill") + ", answers to " + plural(n.answers, "question") + " and " + plural(n.cards, "card") + " to " + link.download + ".");
    });

    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      const picked = file.files && file.files[0];
      file.value = "";
      if (!picked) return;
      picked.text().then(function (text) {
        const current = readRecord();
        const imported = parseExport(JSON.parse(text), current, Date.now());
        if (!imported) throw new Error("not " + article(ctx.data.exam.code) + " " + ctx.data.exam.code + " progress file");
        if (!writeRecord(imported.record, true)) {
          announce(container, "Could not import " + picked.name + ": this browser refused to store it (it may be full, or storage is blocked). Your progress is unchanged.");
          return;
        }
        const n = counted(imported.record);
        const orphans = orphanIds(ctx.data, imported.record);
        const message = ["Imported " + plural(n.skills, "ticked skill") + ", answers to " + plural(n.answers, "question") + " and " + plural(n.cards, "card") + " from " + picked.name + "."];
        const unknown = orphans.skills.concat(orphans.answers, orphans.cards);
        if (unknown.length) {
          message.push(" " + plural(unknown.length, "entry") .replace("entrys", "entries") + " name skills, questions or cards this guide no longer has; they are kept aside and do not count:");
          message.push(cappedList(unknown));
        }
        if (imported.problems.length) message.push(" " + imported.problems.length + " unreadable " + (imported.problems.length === 1 ? "entry was" : "entries were") + " set aside and kept.");
        ctx.refresh();
        announce(container, message);
      }).catch(function (error) {
        announce(container, "Could not import " + picked.name + ": " + (error instanceof SyntaxError ? "not valid JSON" : error.message) + ". Your progress is unchanged.");
      });
    });

    resetButton.addEventListener("click", function () {
      const record = readRecord();
      const n = counted(record);
      if (!n.skills && !n.answers && !n.cards) { announce(container, "Nothing to reset: no skill is ticked, no question answered, no card reviewed."); return; }
      if (!window.confirm("Clear all your progress (" + plural(n.skills, "ticked skill") + ", answers to " + plural(n.answers, "question") + ", " + plural(n.cards, "card") + ")? Export it first if you may want it back.")) return;
      const cleared = emptyRecord();
      cleared.aside = record.aside;
      writeRecord(cleared);
      ctx.refresh();
      announce(container, "Progress reset: nothing is ticked, answered or reviewed.");
    });

    const notes = [];
    if (!storageWorks) notes.push(el("p", { class: "az-study__warning", text: "This browser does not let the site store data, so your progress lasts only until you close the page. Export it to keep it." }));
    return el("div", { class: "az-study__controls" }, [
      el("div", { class: "az-study__buttons" }, [exportButton, importButton, resetButton, file]),
      el("div", { class: "az-study__status", role: "status" }),
    ].concat(notes));
  }

  /* ---------- Every page: notices about the record ---------- */

  function renderOutlineNotice(ctx) {
    const removed = orphanIds(ctx.data, ctx.record).skills;
    if (!removed.length) { placeNotice("az-outline-notice", null); return; }
    const forget = button("Forget these ticks", "forget");
    forget.addEventListener("click", function () {
      const record = readRecord();
      orphanIds(ctx.data, record).skills.forEach(function (id) { delete record.skills[id]; });
      record.outline = ctx.data.version;
      writeRecord(record);
      ctx.refresh();
    });
    const names = removed.map(function (id) { return ctx.record.skills[id].name; });
    const list = cappedList(names);
    list.querySelectorAll("li").forEach(function (li, i) { if (i < removed.length && i < NOTICE_ITEMS) li.dataset.skill = removed[i]; });
    placeNotice("az-outline-notice", el("div", { class: "admonition warning az-outline-notice" }, [
      el("p", { class: "admonition-title", text: "The skills outline has changed" }),
      el("p", { text: "You ticked " + plural(removed.length, "skill") +
        " that the outline no longer lists. Your other ticks are kept; these no longer count:" }),
      list,
      el("p", {}, [forget]),
    ]));
  }

  function renderStorageNotice(ctx) {
    const pending = ctx.record.aside.filter(function (a) { return !a.seen; });
    if (!pending.length) { placeNotice("az-storage-notice", null); return; }
    const dismiss = button("I understand", "dismiss-aside");
    dismiss.addEventListener("click", function () {
      const record = readRecord();
      record.aside.forEach(function (a) { a.seen = true; });
      writeRecord(record);
      ctx.refresh();
    });
    const names = pending.map(function (a) { return a.id ? a.section + ": " + a.id : "the whole " + a.section; });
    placeNotice("az-storage-notice", el("div", { class: "admonition warning az-storage-notice", role: "status" }, [
      el("p", { class: "admonition-title", text: "Part of your saved progress could not be read" }),
      el("p", { text: plural(pending.length, "saved entry").replace("entrys", "entries") + " could not be read, so " +
        (pending.length === 1 ? "it is" : "they are") + " set aside: kept in this browser and in every export, but not counted. The rest of your progress is shown as usual." }),
      cappedList(names),
      el("p", {}, [dismiss]),
    ]));
  }

  /* ---------- Planner page ---------- */

  function readPlan() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(keys.plan) || "{}");
      return { hours: String(saved.hours || ""), date: String(saved.date || "") };
    } catch (error) {
      return { hours: "", date: "" };
    }
  }

  function savePlan(inputs) {
    try { window.localStorage.setItem(keys.plan, JSON.stringify(inputs)); } catch (error) { /* optional */ }
  }

  // Whole days from today (local calendar) to an ISO yyyy-mm-dd date.
  function daysUntil(isoDate, now) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || "");
    if (!match) return null;
    const target = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.round((target - today) / 86400000);
  }

  function renderPlanner(container, ctx) {
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
        renderPlanner(container, ctx);
      });
      // The status line is announced as it changes; the table is not read out on every key.
      container.replaceChildren(form, el("div", { class: "az-planner__status", role: "status" }),
        el("div", { class: "az-planner__next" }), el("div", { class: "az-planner__result" }));
    }
    const status = container.querySelector(".az-planner__status");
    const result = container.querySelector(".az-planner__result");
    container.querySelector(".az-planner__next").replaceChildren(studyNextLine(ctx));
    const hours = Number(form.elements.hours.value);
    if (!(hours > 0)) {
      status.replaceChildren(el("p", { text: "Enter the hours you can give to the exam to see your plan." }));
      result.replaceChildren();
      return;
    }
    const planned = plan(ctx.data, ctx.record, hours);
    const left = planned.rows.reduce(function (sum, row) { return sum + row.left; }, 0);
    const summary = el("p", { class: "az-planner__summary" }, planned.revising
      ? ["You are at 100% in every area, so the ", el("strong", { text: String(hours) }), " hours are spread by weight alone, for revision."]
      : ["Your ", el("strong", { text: String(hours) }), " hours go to each area by its weight times what you do not know yet (100% minus its readiness, now ",
        el("strong", { "data-az": "plan-readiness", text: percent(planned.overall) }), " overall). ",
        el("strong", { "data-az": "skills-left", text: String(left) }), " skills are still unticked."]);
    const said = [summary];
    const days = daysUntil(form.elements.date.value, new Date());
    if (days !== null && days <= 0) {
      said.push(el("p", { class: "az-study__warning", text: "The exam date is today or in the past; choose a later date to see hours per week." }));
    } else if (days !== null) {
      said.push(el("p", { class: "az-planner__pace" }, [
        "That is ", el("strong", { "data-az": "hours-per-week", text: oneDecimal(hours * 7 / days) }),
        " hours a week for the " + plural(days, "day") + " until the exam.",
      ]));
    }
    const rows = planned.rows.map(function (row) {
      return el("tr", { "data-area": String(row.area.number) }, [
        el("td", { text: row.area.number + " · " + row.area.short_name }),
        el("td", { text: percent(row.readiness) }),
        el("td", { "data-az": "area-hours", text: oneDecimal(row.hours) }),
      ]);
    });
    const total = el("tr", {}, [
      el("th", { scope: "row", text: "All areas" }),
      el("td", { text: percent(planned.overall) }),
      el("td", { "data-az": "total-hours", text: oneDecimal(planned.rows.reduce(function (s, r) { return s + r.hours; }, 0)) }),
    ]);
    status.replaceChildren.apply(status, said);
    result.replaceChildren(dataTable("az-planner__table", ["Skill area", "Readiness", "Hours"], rows, total));
  }

  /* ---------- Data and wiring ---------- */

  let dataRequest = null;

  function loadData() {
    if (!dataRequest) {
      dataRequest = fetch(DATA_URL).then(function (response) {
        if (!response.ok) throw new Error("study outline: HTTP " + response.status);
        return response.json();
      });
      // Let the next page try again rather than caching a failure.
      dataRequest.catch(function () { dataRequest = null; });
    }
    return dataRequest;
  }

  function skillIndex(data) {
    const index = new Map();
    data.areas.forEach(function (area) {
      area.skills.forEach(function (skill) { index.set(skill.id, { area: area.number, name: skill.name }); });
    });
    return index;
  }

  // A changed outline with nothing lost is adopted silently; lost ticks wait for the learner.
  function reconcile(record, data) {
    if (record.outline !== data.version && orphanIds(data, record).skills.length === 0
        && Object.keys(record.skills).length > 0) {
      record.outline = data.version;
      writeRecord(record);
    }
  }

  let currentRefresh = null; // re-renders the current page; replaced on every navigation
  const TOOL_SELECTOR = "li.az-skill[data-skill], .az-skill-count[data-area], #az-readiness, #az-planner, .az-self-check, #az-mock-exam, #az-flashcards";

  function enhance() {
    currentRefresh = null;
    cardKeys = null;
    if (examTimer) { clearInterval(examTimer); examTimer = null; }
    // Pages without study tools (glossary, changelog) need no data.
    if (!document.querySelector(TOOL_SELECTOR)) return;
    loadData().then(function (data) {
      setPrefix(data.prefix);
      const ctx = { data: data, index: skillIndex(data) };
      ctx.refresh = function () {
        ctx.record = readRecord();
        reconcile(ctx.record, data);
        ctx.result = readiness(data, ctx.record);
        if (noteHistory(ctx.record, ctx.result.overall, Date.now())) writeRecord(ctx.record);
        renderStorageNotice(ctx);
        renderOutlineNotice(ctx);
        mountCheckboxes(ctx);
        renderAreaHeader(ctx);
        renderTableCounts(ctx);
        const home = document.getElementById("az-readiness");
        if (home) renderReadiness(home, ctx);
        const planner = document.getElementById("az-planner");
        if (planner) renderPlanner(planner, ctx);
      };
      currentRefresh = ctx.refresh;
      ctx.refresh();
      mountSelfCheck(ctx);
      mountMockExam(ctx);
      mountFlashcards(ctx);
    }).catch(function (error) {
      console.warn("Study tools are unavailable:", error.message);
    });
  }

  // Another tab changed the progress: show it here too.
  window.addEventListener("storage", function (event) {
    if (keys && (event.key === keys.record || event.key === null) && currentRefresh) currentRefresh();
  });

  // For tests and the curious: the pure arithmetic, callable with exact inputs.
  window.StudyTools = {
    LEITNER_DAYS: LEITNER_DAYS, MASTERED_BOX: MASTERED_BOX, READINESS_WEIGHTS: READINESS_WEIGHTS,
    review: review, dueQueue: dueQueue, questionScore: questionScore, readiness: readiness,
    studyNext: studyNext, largestRemainder: largestRemainder, plan: plan, allocate: allocate,
    cleanRecord: cleanRecord, orphanIds: orphanIds, noteHistory: noteHistory,
  };

  // Material's instant navigation swaps the page without reloading scripts; document$ emits
  // for the first page and for each one after it.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
