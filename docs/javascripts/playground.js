// Attention playground: edit X, toggle the causal mask and the 1/sqrt(d_k) scale, and watch
// scores, weights and outputs of self-attention (Q = K = V = X) update. Plain JavaScript,
// no dependencies, works from file://. Checked against NumPy by tests/test_playground.py.
(function () {
  "use strict";

  var MAX_TOKENS = 8;
  var MAX_FEATURES = 8;
  var PRESETS = {
    "Lab 1": "1 0\n0 1\n1 1",
    "5-token walk-through": "1.0 0.5 0.2\n0.8 1.2 0.3\n0.6 0.9 1.1\n1.1 0.4 0.7\n0.9 0.7 0.8",
  };
  var NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

  // Parse the text of the X field: one token per line, features separated by spaces or commas.
  // Returns {X} or {error} with a message a reader can act on.
  function parseMatrix(text) {
    var lines = text.split("\n").map(function (l) { return l.trim(); })
      .filter(function (l) { return l.length > 0; });
    if (lines.length === 0) return { error: "Enter at least one token: one line of numbers per token." };
    if (lines.length > MAX_TOKENS) {
      return { error: "Too many tokens: " + lines.length + " lines, at most " + MAX_TOKENS + "." };
    }
    var line = function (r) { return "Line " + (r + 1) + " (token " + r + ")"; };
    var X = [];
    for (var r = 0; r < lines.length; r++) {
      var cells = lines[r].split(/\s*,\s*|\s+/);
      var row = [];
      for (var c = 0; c < cells.length; c++) {
        // a typographic minus (U+2212), as the lesson pages print it, reads as "-"
        var cell = cells[c].replace(/\u2212/g, "-");
        // lines are counted from 1, as an editor counts them; tokens from 0, as everywhere
        var where = line(r) + ", number " + (c + 1);
        if (cell === "") return { error: where + " is empty (two commas in a row, or a trailing comma?)." };
        if (!NUMBER.test(cell)) return { error: where + ": \u201c" + cell + "\u201d is not a number." };
        var value = Number(cell);
        if (!isFinite(value)) return { error: where + ": " + cell + " is too large." };
        row.push(value);
      }
      if (row.length > MAX_FEATURES) {
        return { error: line(r) + " has " + row.length + " features, at most " + MAX_FEATURES + "." };
      }
      if (X.length && row.length !== X[0].length) {
        return { error: line(r) + " has " + row.length + (row.length === 1 ? " value" : " values") + " but " + line(0).toLowerCase() + " has " + X[0].length +
          ": every token needs the same number of features." };
      }
      X.push(row);
    }
    return { X: X };
  }

  // Self-attention with Q = K = V = X. Softmax is stabilised by subtracting each row's
  // maximum over the visible keys, so scores like 1000 give finite weights.
  function attention(X, causal, scale) {
    var n = X.length, d = X[0].length;
    var factor = scale ? 1 / Math.sqrt(d) : 1;
    var scores = [], weights = [], output = [];
    for (var i = 0; i < n; i++) {
      scores.push([]);
      for (var j = 0; j < n; j++) {
        var dot = 0;
        for (var k = 0; k < d; k++) dot += X[i][k] * X[j][k];
        scores[i].push(dot * factor);
      }
      var visible = function (j) { return !causal || j <= i; };
      var max = -Infinity;
      for (j = 0; j < n; j++) if (visible(j) && scores[i][j] > max) max = scores[i][j];
      var row = [], sum = 0;
      for (j = 0; j < n; j++) {
        var e = visible(j) ? Math.exp(scores[i][j] - max) : 0;
        row.push(e);
        sum += e;
      }
      weights.push(row.map(function (e) { return e / sum; }));
      var out = [];
      for (k = 0; k < d; k++) {
        var acc = 0;
        for (j = 0; j < n; j++) acc += weights[i][j] * X[j][k];
        out.push(acc);
      }
      output.push(out);
    }
    return { scores: scores, weights: weights, output: output };
  }

  // Three decimals; from a million on, scientific notation with four significant digits
  // (toFixed would print every digit of 7.071067811865474e+199).
  function fixed(value) {
    if (Math.abs(value) >= 1e6) return value.toExponential(3);
    var text = value.toFixed(3);
    return text === "-0.000" ? "0.000" : text;
  }

  // Text colour with the better contrast on a given background (always at least 4.5:1).
  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function heat(weight) {
    // white -> deep blue
    var t = Math.max(0, Math.min(1, weight));
    var rgb = [Math.round(255 - t * (255 - 31)), Math.round(255 - t * (255 - 58)), Math.round(255 - t * (255 - 147))];
    var L = luminance(rgb);
    var onBlack = (L + 0.05) / 0.05, onWhite = 1.05 / (L + 0.05);
    return { background: "rgb(" + rgb.join(",") + ")", color: onBlack >= onWhite ? "#000" : "#fff" };
  }

  // masked(i, j) is true for a cell the causal mask hides (or null when there is no mask)
  function table(caption, matrix, rowLabel, colLabel, name, colour, masked, maskedText) {
    var t = document.createElement("table");
    t.className = "pg-table";
    t.dataset.matrix = name;
    var cap = document.createElement("caption");
    cap.textContent = caption;
    t.appendChild(cap);
    var head = t.createTHead().insertRow();
    head.appendChild(document.createElement("td"));
    for (var j = 0; j < matrix[0].length; j++) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = colLabel(j);
      head.appendChild(th);
    }
    var body = t.createTBody();
    matrix.forEach(function (values, i) {
      var tr = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = rowLabel(i);
      tr.appendChild(th);
      values.forEach(function (v, j) {
        var td = tr.insertCell();
        td.textContent = fixed(v);
        td.dataset.value = String(v);
        if (masked && masked(i, j)) {
          // hatched and labelled: the mask hides this key from this query
          td.className = "pg-masked";
          if (maskedText) td.textContent = maskedText;
          td.setAttribute("aria-label", td.textContent + ", masked");
          td.title = "masked: key " + j + " comes after query " + i;
          return;
        }
        if (colour) {
          var c = heat(v);
          td.style.background = c.background;
          td.style.color = c.color;
        }
      });
    });
    var scroll = document.createElement("div");   // wide tables scroll here, not the page
    scroll.className = "pg-scroll";
    scroll.dataset.name = caption;
    scroll.appendChild(t);
    return scroll;
  }

  function build(root) {
    var id = "pg-" + Math.random().toString(36).slice(2, 8);
    root.innerHTML =
      '<div class="pg-controls">' +
      '  <div class="pg-field">' +
      '    <label for="' + id + '-x">X: one token per line, features separated by spaces or commas</label>' +
      '    <textarea id="' + id + '-x" class="pg-x" rows="6" spellcheck="false" aria-describedby="' + id + '-error"></textarea>' +
      '    <p id="' + id + '-error" class="pg-error" role="status" aria-live="polite"></p>' +
      "  </div>" +
      '  <fieldset class="pg-options"><legend>Options</legend>' +
      '    <label><input type="checkbox" class="pg-mask"> causal mask (hide later tokens)</label>' +
      '    <label><input type="checkbox" class="pg-scale" checked> divide scores by \u221ad (d: features per token)</label>' +
      "  </fieldset>" +
      '  <fieldset class="pg-presets"><legend>Presets</legend></fieldset>' +
      "</div>" +
      '<p class="pg-numbering"></p><div class="pg-results" aria-live="polite"></div>';
    var field = root.querySelector(".pg-x");
    var error = root.querySelector(".pg-error");
    var mask = root.querySelector(".pg-mask");
    var scale = root.querySelector(".pg-scale");
    var results = root.querySelector(".pg-results");
    var numbering = root.querySelector(".pg-numbering");
    var presets = root.querySelector(".pg-presets");

    var lastValid = null;   // the last X that parsed and did not overflow

    // Show the error, and keep showing the last valid X, computed with the options set now
    // (so that the tables always match the checkboxes).
    function refuse(message) {
      error.textContent = message + " Showing the last valid input.";
      field.setAttribute("aria-invalid", "true");
      if (lastValid) show(lastValid, attention(lastValid, mask.checked, scale.checked));
    }

    function update() {
      var parsed = parseMatrix(field.value);
      if (parsed.error) return refuse(parsed.error);
      var r = attention(parsed.X, mask.checked, scale.checked);
      var overflow = r.scores.some(function (row) { return row.some(function (v) { return !isFinite(v); }); });
      if (overflow) {
        // X·Xᵀ of numbers this large is beyond the largest double: refuse, never show NaN
        return refuse("These values are too large: the dot products overflow to infinity. " +
          "Use numbers below about 1e150.");
      }
      error.textContent = "";
      field.removeAttribute("aria-invalid");
      lastValid = parsed.X;
      show(parsed.X, r);
    }

    function show(X, r) {
      var tok = function (i) { return "t" + i; };
      var feat = function (k) { return "f" + k; };
      var hidden = mask.checked ? function (i, j) { return j > i; } : null;
      var scoresCaption = scale.checked
        ? "Scaled scores Q\u00b7K\u1d40/\u221ad (query row, key column)"
        : "Raw scores Q\u00b7K\u1d40 (query row, key column)";
      results.replaceChildren(
        table(scoresCaption, r.scores, tok, tok, "scores", false, hidden, "\u2212\u221e"),
        table("Weights (each row sums to 1)", r.weights, tok, tok, "weights", true, hidden),
        table("Outputs (weights \u00d7 V)", r.output, tok, feat, "output", false, null)
      );
      numbering.textContent = "Tokens t0, t1, \u2026 are the lines of X, numbered from 0 as in the code.";
      root.dispatchEvent(new CustomEvent("attention-playground:updated", { bubbles: true }));
    }

    Object.keys(PRESETS).forEach(function (name) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button pg-preset";
      button.textContent = name;
      button.addEventListener("click", function () {
        field.value = PRESETS[name];
        update();
      });
      presets.appendChild(button);
    });
    field.addEventListener("input", update);
    mask.addEventListener("change", update);
    scale.addEventListener("change", update);
    field.value = PRESETS["Lab 1"];
    update();
  }

  function init() {
    document.querySelectorAll("[data-attention-playground]").forEach(function (root) {
      if (!root.dataset.ready) {
        root.dataset.ready = "1";
        build(root);
      }
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
