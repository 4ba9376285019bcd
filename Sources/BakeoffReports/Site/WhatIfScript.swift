/// The what-if page's two inline scripts: `ranking`, the scoring rules (pure, no DOM: tests run it under
/// Node and compare it with `WhatIfRanking` and `Scorer`), and `interface`, which reads the weights from the
/// form and the URL and rewrites the page's tables. Plain ES5, no network, so the page works from `file://`.
enum WhatIfScript {
    /// Defines `BakeoffWhatIf.rank(stage, criteria, relativeWeights)`, mirroring `WhatIfRanking.rank` operation
    /// for operation (same order of additions, same tie tolerance, same flip-point search) so both give the
    /// same doubles.
    static let ranking = #"""
var BakeoffWhatIf = (function () {
  "use strict";
  var TIE = 1e-9;
  function normalized(relative) {
    var sum = 0, i;
    for (i = 0; i < relative.length; i++) sum += relative[i];
    return relative.map(function (x) { return x / sum; });
  }
  // Rows of scores (null = unknown) → totals (null when no weighted criterion is known).
  function totals(rows, w) {
    return rows.map(function (row) {
      var num = 0, den = 0, j;
      for (j = 0; j < w.length; j++) if (row[j] !== null) { num += w[j] * row[j]; den += w[j]; }
      return den > 1e-15 ? num / den : null;
    });
  }
  // Indices of the tools with a total, best first; a tie (within TIE) goes to the earlier index (tool id).
  function order(t) {
    var idx = [], i;
    for (i = 0; i < t.length; i++) if (t[i] !== null) idx.push(i);
    return idx.sort(function (a, b) {
      var x = t[a], y = t[b];
      if (Math.abs(x - y) > TIE) return x > y ? -1 : 1;
      return a - b;
    });
  }
  function weighted(row, w) {
    for (var j = 0; j < w.length; j++) if (row[j] !== null && w[j] > 0) return true;
    return false;
  }
  // The candidates under normalized weights: the stage's, or its unmeasured ones when no measured criterion
  // carries weight (WhatIfData.Stage.candidates(for:)).
  function candidates(stage, w) {
    if (stage.unmeasured && !stage.measured.some(function (j) { return w[j] > 0; })) return stage.unmeasured;
    return stage;
  }
  function ranking(rows, c, w) {
    var ranked = [], i;
    for (i = 0; i < rows.length; i++) if (weighted(rows[i], w)) ranked.push(i);
    var sums = totals(ranked.map(function (t) { return rows[t]; }), w);
    var o = order(sums).map(function (m) { return ranked[m]; });
    if (c.eligible) {
      o = o.filter(function (t) { return c.eligible[t]; }).concat(o.filter(function (t) { return !c.eligible[t]; }));
    }
    var byTool = {};
    ranked.forEach(function (t, m) { if (sums[m] !== null) byTool[t] = sums[m]; });
    return { order: o, totals: byTool };
  }
  function solveQuadratic(q0, q1, q2) {
    var scale = Math.max(Math.abs(q0), Math.abs(q1), Math.abs(q2));
    if (!(scale > 0)) return [];
    if (Math.abs(q2) <= 1e-12 * scale) return Math.abs(q1) <= 1e-12 * scale ? [] : [-q0 / q1];
    var disc = q1 * q1 - 4 * q2 * q0;
    if (disc < 0) return [];
    var sq = Math.sqrt(disc);
    var q = -0.5 * (q1 + (q1 >= 0 ? sq : -sq));
    var roots = [q / q2];
    if (q !== 0) roots.push(q0 / q);
    return roots;
  }
  // SensitivityAnalysis.flipPoints on the rows of the tools that can win.
  function flipPoints(rows, w) {
    var n = w.length, first = order(totals(rows, w)), c;
    var out = [];
    for (c = 0; c < n; c++) out.push(flip(rows, w, first, c));
    return out;
  }
  function flip(rows, w, ranked, c) {
    var n = w.length, current = w[c], result = { criterion: c, weight: current, flipsAt: null, newWinner: null };
    if (ranked.length < 2) return result;
    var winner = ranked[0], rest = 1 - current, a = [], b = [], j;
    for (j = 0; j < n; j++) { a.push(0); b.push(0); }
    for (j = 0; j < n; j++) if (j !== c) {
      var share = rest > 1e-12 ? w[j] / rest : 1 / (n - 1);
      a[j] = share; b[j] = -share;
    }
    b[c] = 1;
    function linear(t) {
      var n0 = 0, n1 = 0, d0 = 0, d1 = 0, k;
      for (k = 0; k < n; k++) if (rows[t][k] !== null) {
        var s = rows[t][k];
        n0 += s * a[k]; n1 += s * b[k]; d0 += a[k]; d1 += b[k];
      }
      return { n0: n0, n1: n1, d0: d0, d1: d1 };
    }
    var W = linear(winner), roots = [];
    ranked.forEach(function (t) {
      if (t === winner) return;
      var o = linear(t);
      var q0 = o.n0 * W.d0 - W.n0 * o.d0;
      var q1 = o.n0 * W.d1 + o.n1 * W.d0 - W.n0 * o.d1 - W.n1 * o.d0;
      var q2 = o.n1 * W.d1 - W.n1 * o.d1;
      solveQuadratic(q0, q1, q2).forEach(function (r) {
        if (r >= -1e-12 && r <= 1 + 1e-12) roots.push(Math.min(1, Math.max(0, r)));
      });
    });
    roots.push(0, 1);
    roots.sort(function (x, y) {
      var dx = Math.abs(x - current), dy = Math.abs(y - current);
      if (dx !== dy) return dx < dy ? -1 : 1;
      return x < y ? -1 : (x > y ? 1 : 0);
    });
    var step = 1e-7, i, k;
    for (i = 0; i < roots.length; i++) {
      var r = roots[i];
      var sides = r === 0 || r === 1 ? [r] : r === current ? [r + step, r - step] : [r + (r > current ? step : -step)];
      for (k = 0; k < sides.length; k++) {
        var x = sides[k];
        if (x < 0 || x > 1) continue;
        var wx = a.map(function (ak, m) { return Math.max(0, ak + b[m] * x); });
        var t = totals(rows, wx), o = order(t);
        if (o.length === 0 || o[0] === winner) continue;
        if ((r === 0 || r === 1) && t[winner] !== null && t[o[0]] - t[winner] <= TIE) continue;
        result.flipsAt = r; result.newWinner = o[0];
        return result;
      }
    }
    return result;
  }
  // One stage under relative weights in criterion order: tool ids first to last, totals by id, the challenger
  // that would overtake the winner with its unknowns at their best, the tools tied with the winner, the
  // unranked and excluded ones, and the flip points (criterion ids, normalized weights, tool ids).
  function rank(stage, criteria, relative) {
    var w = normalized(relative), c = candidates(stage, w), ids = c.tools.map(function (t) { return t.id; });
    var central = ranking(c.scores, c, w);
    var challenger = null, tied = [];
    if (central.order.length) {
      var top = central.totals[central.order[0]];
      if (c.upper) {
        var best = ranking(c.upper, c, w).totals, bestTotal = 0;
        central.order.slice(1).forEach(function (t) {
          var total = best[t];
          if (total === undefined || !(total > top + TIE)) return;
          if (challenger === null || total > bestTotal) { challenger = t; bestTotal = total; }
        });
      }
      tied = central.order.slice(1).filter(function (t) { return Math.abs(top - central.totals[t]) < 0.005; });
    }
    var contenders = central.order.filter(function (t) { return !c.eligible || c.eligible[t]; })
      .sort(function (x, y) { return x - y; });
    var flips = flipPoints(contenders.map(function (t) { return c.scores[t]; }), w).map(function (f) {
      return { criterion: criteria[f.criterion], weight: f.weight, flipsAt: f.flipsAt,
        newWinner: f.newWinner === null ? null : ids[contenders[f.newWinner]] };
    });
    var critical = null, distance = Infinity;
    flips.forEach(function (f) {
      if (f.flipsAt !== null && Math.abs(f.flipsAt - f.weight) < distance) { distance = Math.abs(f.flipsAt - f.weight); critical = f.criterion; }
    });
    var totalsById = {};
    central.order.forEach(function (t) { totalsById[ids[t]] = central.totals[t]; });
    return {
      order: central.order.map(function (t) { return ids[t]; }), totals: totalsById,
      challenger: challenger === null ? null : ids[challenger], provisional: challenger !== null,
      tiedWithWinner: tied.map(function (t) { return ids[t]; }),
      unranked: ids.filter(function (id, t) { return central.order.indexOf(t) < 0; }),
      excluded: c.excluded, flips: flips, mostCritical: critical
    };
  }
  // WhatIfLink.flipWeights: the weights (percent, rounded to 0.1) a little past a flip point, the criterion moved
  // and the others rescaled in proportion, at the first step where the new winner really wins; null when none.
  var STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05];
  function flipWeights(stage, criteria, relative, f) {
    var w = normalized(relative), c = criteria.indexOf(f.criterion), rest = 1 - w[c], dir = f.flipsAt >= w[c] ? 1 : -1, s;
    for (s = 0; s < STEPS.length; s++) {
      var x = Math.min(1, Math.max(0, f.flipsAt + dir * STEPS[s]));
      var rounded = w.map(function (wj, j) {
        var share = rest > 1e-12 ? wj / rest : 1 / (w.length - 1);
        return Math.round((j === c ? x : Math.max(0, share - share * x)) * 1000) / 10;
      });
      if (!rounded.some(function (v) { return v > 0; })) continue;
      var wr = normalized(rounded), now = candidates(stage, wr), o = ranking(now.scores, now, wr).order;
      if (o.length && now.tools[o[0]].id === f.newWinner) return rounded;
    }
    return null;
  }
  return { rank: rank, normalized: normalized, flipWeights: flipWeights };
})();
"""#
}

extension WhatIfScript {
    /// Reads the data and the weights (form and URL fragment), ranks every stage with `BakeoffWhatIf.rank` and
    /// rewrites the stage rows, the shares, the equivalent command and the fragment. Builds nodes with
    /// `textContent` only, so no name from the project can become markup.
    static let interface = #"""
(function () {
  "use strict";
  var status = document.getElementById("whatif-status");
  var data;
  try { data = JSON.parse(document.getElementById("whatif-data").textContent); } catch (e) { data = null; }
  if (!data || data.format !== "bakeoff-whatif" || data.version !== 1) {
    status.textContent = "This page's data is missing or of another version; showing the tables as built.";
    return;
  }
  var criteria = data.criteria.map(function (c) { return c.id; });
  var rec = data.recommended;
  var form = document.getElementById("whatif-form");
  var picker = document.getElementById("whatif-profile");
  var numbers = [], ranges = [], shares = [];
  criteria.forEach(function (id, i) {
    numbers.push(form.querySelector('input[type=number][data-criterion="' + i + '"]'));
    ranges.push(form.querySelector('input[type=range][data-criterion="' + i + '"]'));
    shares.push(form.querySelector('[data-share="' + i + '"]'));
  });
  function profile(id) { return data.profiles.filter(function (p) { return p.id === id; })[0] || null; }
  function base(id) { return id === rec.profile ? rec.weights.slice() : profile(id).weights.slice(); }
  function fixed(v, d) {
    var s = Math.pow(10, d), r = Math.round(Math.abs(v) * s);
    return (v < 0 && r > 0 ? "-" : "") + (r / s).toFixed(d);
  }
  function percent(v) { return fixed(v * 100, 0) + " %"; }
  function el(tag, cls, children) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; if (styles[cls]) node.style.cssText = styles[cls]; }
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  // The site's stylesheet is shared by every page; the few styles only this page's script needs go inline.
  var styles = { changed: "color:var(--warn);font-weight:600", moved: "color:var(--muted);font-size:.85em",
    ranking: "margin:0;padding-left:1.3rem", flips: "margin:0;padding-left:1.3rem" };
  function bdi(text) { return el("bdi", null, [text]); }
  function name(stage, id) {
    var lists = [stage.tools].concat(stage.unmeasured ? [stage.unmeasured.tools] : []), i, k;
    for (k = 0; k < lists.length; k++) for (i = 0; i < lists[k].length; i++) if (lists[k][i].id === id) return lists[k][i].name;
    return id;
  }
  var titles = {};
  data.criteria.forEach(function (c) { titles[c.id] = c.title; });
  var recProfile = profile(rec.profile);
  var recStages = recProfile ? data.evaluations[recProfile.evaluation] : [];
  var recRanks = {};
  recStages.forEach(function (stage) {
    var r = BakeoffWhatIf.rank(stage, criteria, rec.weights);
    var ranks = {};
    r.order.forEach(function (id, i) { ranks[id] = i + 1; });
    recRanks[stage.id] = ranks;
  });
  var recWinner = {};
  rec.winners.forEach(function (p) { recWinner[p.stage] = p.tool; });
  var state = { profile: rec.profile, weights: rec.weights.slice() };
  var notes = [];

  function readHash() {
    notes = [];
    var hash = location.hash.replace(/^#/, "");
    var pairs = hash ? hash.split("&") : [], values = {}, wanted = rec.profile;
    pairs.forEach(function (pair) {
      var k = pair.indexOf("="), key, value;
      try {
        key = decodeURIComponent(k < 0 ? pair : pair.slice(0, k));
        value = k < 0 ? "" : decodeURIComponent(pair.slice(k + 1));
      } catch (e) { notes.push("ignored '" + pair + "' in the link (bad encoding)"); return; }
      if (key === "profile") {
        if (profile(value)) wanted = value; else notes.push("ignored profile '" + value + "' in the link (no such profile)");
      } else if (criteria.indexOf(key) >= 0) {
        var n = Number(value);
        if (value !== "" && isFinite(n) && n >= 0) values[key] = n;
        else notes.push("ignored " + key + "=" + value + " in the link (give a number of 0 or more)");
      } else if (key) {
        notes.push("ignored '" + key + "' in the link (not a criterion)");
      }
    });
    var w = base(wanted);
    criteria.forEach(function (id, i) { if (id in values) w[i] = values[id]; });
    if (!w.some(function (x) { return x > 0; })) { notes.push("every weight in the link is 0; showing the profile's weights"); w = base(wanted); }
    state = { profile: wanted, weights: w };
  }
  function writeHash() {
    var b = base(state.profile), parts = [];
    if (state.profile !== rec.profile) parts.push("profile=" + encodeURIComponent(state.profile));
    criteria.forEach(function (id, i) { if (state.weights[i] !== b[i]) parts.push(encodeURIComponent(id) + "=" + state.weights[i]); });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (("#" + location.hash.replace(/^#/, "")) === (hash || "#")) return;
    try { history.replaceState(null, "", hash || location.pathname + location.search); }
    catch (e) { location.replace(hash || "#"); }
  }
  function flipLink(stage, f) {
    var rounded = BakeoffWhatIf.flipWeights(stage, criteria, state.weights, f);
    if (!rounded) return null;
    var parts = state.profile !== rec.profile ? ["profile=" + encodeURIComponent(state.profile)] : [];
    criteria.forEach(function (id, j) { parts.push(encodeURIComponent(id) + "=" + rounded[j]); });
    return "#" + parts.join("&");
  }

  function render() {
    var p = profile(state.profile), stages = data.evaluations[p.evaluation];
    var w = BakeoffWhatIf.normalized(state.weights);
    picker.value = state.profile;
    criteria.forEach(function (id, i) {
      if (Number(numbers[i].value) !== state.weights[i]) numbers[i].value = String(state.weights[i]);
      if (Number(ranges[i].max) < state.weights[i]) ranges[i].max = String(Math.ceil(state.weights[i]));
      ranges[i].value = String(state.weights[i]);
      shares[i].textContent = percent(w[i]);
    });
    var command = "bakeoff score --profile " + p.id;
    criteria.forEach(function (id, i) { if (state.weights[i] !== p.weights[i]) command += " --weight " + id + "=" + state.weights[i]; });
    document.getElementById("whatif-command").textContent = command;
    var changed = 0, winners = [];
    stages.forEach(function (stage) {
      var row = document.querySelector('tr[data-stage="' + stage.id.replace(/["\\]/g, "\\$&") + '"]');
      if (!row) return;
      var r = BakeoffWhatIf.rank(stage, criteria, state.weights), cells = row.children;
      var win = r.order.length ? r.order[0] : null, was = recWinner[stage.id];
      var winCell = [];
      if (win !== null) {
        winCell.push(el("strong", null, [bdi(name(stage, win))]), " " + fixed(r.totals[win], 2));
        if (was !== undefined && was !== win) {
          changed++;
          winCell.push(" ", el("span", "changed", ["changed: the recommendation is ", bdi(was === null ? "none" : name(stage, was))]));
        }
        if (r.tiedWithWinner.length) {
          winCell.push(" ", el("span", "badge conf-medium", ["tied with ", bdi(r.tiedWithWinner.map(function (id) { return name(stage, id); }).join(", "))]));
        }
        if (r.provisional) winCell.push(" ", el("span", "badge conf-low", ["provisional: ", bdi(name(stage, r.challenger)), " could overtake once its unknowns are known"]));
      } else {
        winCell.push(el("span", "unknown", ["no evidence yet"]));
        if (was) { changed++; winCell.push(" ", el("span", "changed", ["changed: the recommendation is ", bdi(name(stage, was))])); }
      }
      winners.push([stage, win, was]);
      replace(cells[1], winCell);
      var ranks = recRanks[stage.id] || {};
      var list = el("ol", "ranking", r.order.map(function (id, i) {
        var item = el("li", null, [bdi(name(stage, id)), " " + fixed(r.totals[id], 2)]);
        var before = ranks[id];
        if (before !== i + 1) item.appendChild(el("span", "moved", [before ? " (" + (before > i + 1 ? "up" : "down") + " from " + before + ")" : " (new)"]));
        return item;
      }));
      var rankCell = [list];
      var out = r.unranked.map(function (id) { return name(stage, id) + " (no evidence on a weighted criterion)"; })
        .concat(r.excluded.map(function (e) { return e.name + " (" + e.why + ")"; }));
      if (out.length) rankCell.push(el("p", "muted", ["Not ranked: ", bdi(out.join("; "))]));
      replace(cells[2], rankCell);
      var flips = r.flips.filter(function (f) { return f.flipsAt !== null; });
      if (!flips.length) {
        replace(cells[3], [el("span", "muted", ["none: no single weight change makes another candidate win"])]);
      } else {
        replace(cells[3], [el("ul", "flips", flips.map(function (f) {
          var text = [titles[f.criterion] + " " + percent(f.weight) + " → " + percent(f.flipsAt) + ": ", bdi(name(stage, f.newWinner))];
          var item = el("li", null, f.criterion === r.mostCritical ? [el("strong", null, text)] : text);
          var href = flipLink(stage, f);
          if (href) { var a = el("a", null, ["try it"]); a.href = href; item.appendChild(document.createTextNode(" ")); item.appendChild(a); }
          return item;
        }))]);
      }
    });
    winners.forEach(function (x) {
      var row = document.querySelector('tr[data-stack-stage="' + x[0].id.replace(/["\\]/g, "\\$&") + '"]');
      if (!row) return;
      var cell = [x[1] === null ? el("span", "unknown", ["no evidence yet"]) : bdi(name(x[0], x[1]))];
      if (x[2] !== undefined && x[2] !== x[1]) cell.push(el("span", "changed", [" (changed)"]));
      replace(row.children[1], cell);
    });
    var same = state.profile === rec.profile && state.weights.every(function (x, i) { return x === rec.weights[i]; });
    var text = same ? "These are the recommendation's weights." :
      (changed === 0 ? "No stage winner changes at these weights." : changed + " of " + stages.length + " stage winners change at these weights.");
    status.textContent = text + (notes.length ? " Note: " + notes.join("; ") + "." : "");
  }
  function replace(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
  }
  function update() { render(); writeHash(); }
  criteria.forEach(function (id, i) {
    ranges[i].addEventListener("input", function () { state.weights[i] = Number(ranges[i].value); numbers[i].value = ranges[i].value; update(); });
    numbers[i].addEventListener("input", function () {
      var n = Number(numbers[i].value);
      if (numbers[i].value === "" || !isFinite(n) || n < 0) { status.textContent = "Give " + data.criteria[i].title + " a weight of 0 or more."; return; }
      var w = state.weights.slice(); w[i] = n;
      if (!w.some(function (x) { return x > 0; })) { status.textContent = "At least one weight must be above 0."; return; }
      state.weights = w; update();
    });
  });
  picker.addEventListener("change", function () { state = { profile: picker.value, weights: base(picker.value) }; notes = []; update(); });
  document.getElementById("whatif-reset").addEventListener("click", function () {
    state = { profile: rec.profile, weights: rec.weights.slice() }; notes = []; update();
  });
  window.addEventListener("hashchange", function () { readHash(); render(); });
  form.hidden = false;
  readHash();
  render();
})();
"""#
}
