package dev.golink.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The size report as one self-contained HTML page (no network, no external script or style): a
 * treemap by package, then symbol; a bar per section and per kind of owner; a search over symbols.
 * Written beside the JSON report.
 */
public final class SizeReportHtml {

    private SizeReportHtml() {
    }

    /** Where the page goes: the JSON report's name with {@code .html} for {@code .json}. */
    public static java.nio.file.Path beside(java.nio.file.Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".html");
    }

    /**
     * The page: the JSON report's own text ({@code report}, the parts {@link SizeReportJson} made)
     * inside a script that draws it. Its strings escape '<', so no "</script>" in a name ends the
     * script early.
     */
    static List<TextSink> around(String target, List<TextSink> report) {
        String page = PAGE.replace("TITLE", escapeHtml(target));
        int at = page.indexOf("/*REPORT*/null");
        List<TextSink> parts = new ArrayList<>(report.size() + 2);
        parts.add(new TextSink(at).add(page.substring(0, at)));
        parts.addAll(report);
        String tail = page.substring(at + "/*REPORT*/null".length());
        parts.add(new TextSink(tail.length()).add(tail));
        return parts;
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>golink size report: TITLE</title>
            <style>
            body{font:13px/1.35 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
            header{padding:10px 16px;background:#234;color:#fff}
            header h1{font-size:17px;margin:0}
            main{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,1fr);gap:12px;padding:12px 16px}
            #map{position:relative;height:560px;background:#fff;border:1px solid #ccc;overflow:hidden}
            .cell{position:absolute;box-sizing:border-box;border:1px solid #fff;overflow:hidden;white-space:nowrap;
              font-size:11px;padding:1px 3px;color:#111}
            .pkg{border:2px solid #234}
            .pkg>.lbl{font-weight:600;background:rgba(255,255,255,.6)}
            .hit{outline:3px solid #e33;z-index:2}
            .bar{height:16px;background:#4a7;margin:2px 0 6px}
            .row{display:flex;justify-content:space-between;gap:8px}
            input{width:100%;box-sizing:border-box;padding:5px;font-size:13px}
            #results{max-height:260px;overflow:auto;font-family:monospace;font-size:12px}
            h2{font-size:14px;margin:10px 0 4px}
            </style></head><body>
            <header><h1>golink size report: <span id="target"></span></h1><div id="summary"></div></header>
            <main>
            <section><div id="map" role="img" aria-label="treemap by package, then symbol"></div></section>
            <aside>
            <h2>Search symbols</h2><input id="q" placeholder="name or package, e.g. fmt." autocomplete="off">
            <div id="results"></div>
            <h2>Sections (bytes in the file)</h2><div id="sections"></div>
            <h2>Owners</h2><div id="owners"></div>
            </aside></main>
            <script>
            const R = /*REPORT*/null;
            // What the page draws, from the report: packages (largest first, as the report lists them), each
            // with its symbols (largest first, then by name) and its DWARF; sections; other owners by category.
            const D = (() => {
              const add = (m, k, v) => m.set(k, (m.get(k) || 0) + v);
              const syms = new Map(), dwarf = new Map(), other = new Map();
              // A symbol's bytes: every number column from fileBytes on but shared and funcdataOf (missing ones are 0).
              const F = R.symbolFields, at = f => F.indexOf(f);
              const owned = F.map((f, i) => i >= at("fileBytes") && !["shared", "funcdataOf", "symtabName"].includes(f)
                ? i : -1).filter(i => i >= 0);
              const NAME = at("name"), PKG = at("package"), SECT = at("section");
              for (const s of R.symbols) {
                let n = 0;
                for (const i of owned) n += s[i] || 0;
                if (n === 0) continue;
                const pkg = R.packages[s[PKG]].package;
                if (!syms.has(pkg)) syms.set(pkg, []);
                syms.get(pkg).push([s[NAME], n, R.symbolSections[s[SECT]]]);
              }
              for (const d of R.dwarf) add(dwarf, d.package, d.fileBytes);
              for (const o of R.other) add(other, o.category, o.bytes);
              const packages = R.packages.filter(p => p.bytes > 0).map(p => {
                const s = (syms.get(p.package) || []).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
                if (dwarf.get(p.package) > 0) s.push(["(DWARF)", dwarf.get(p.package), "debug"]);
                return {p: p.package, b: p.bytes, s};
              });
              return {target: R.target, fileSize: R.fileSize, packages,
                sections: R.sections.map(s => [s.name, s.fileSize, s.size]), other: [...other]};
            })();
            const fmt = n => n >= 1048576 ? (n / 1048576).toFixed(2) + " MiB" : n >= 1024 ? (n / 1024).toFixed(1) + " KiB" : n + " B";
            const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
            document.getElementById("target").textContent = D.target;
            document.getElementById("summary").textContent = fmt(D.fileSize) + " (" + D.fileSize + " bytes), every byte attributed";
            // Squarified treemap: lays values (largest first) into the rectangle, rows of near-square cells.
            function squarify(items, x, y, w, h) {
              const total = items.reduce((s, i) => s + i.v, 0), out = [];
              if (total <= 0 || w <= 0 || h <= 0) return out;
              const scale = w * h / total;
              let rest = items.map(i => ({it: i, a: i.v * scale}));
              while (rest.length) {
                const side = Math.min(w, h);
                let row = [], sum = 0, worst = Infinity;
                for (const r of rest) {
                  const s2 = sum + r.a, mx = Math.max(r.a, ...row.map(q => q.a)), mn = Math.min(r.a, ...row.map(q => q.a));
                  const wr = Math.max(side * side * mx / (s2 * s2), (s2 * s2) / (side * side * mn));
                  if (row.length && wr > worst) break;
                  row.push(r); sum = s2; worst = wr;
                }
                rest = rest.slice(row.length);
                const thick = sum / side;
                let off = 0;
                for (const r of row) {
                  const len = r.a / thick;
                  if (w >= h) out.push({it: r.it, x: x, y: y + off, w: thick, h: len});
                  else out.push({it: r.it, x: x + off, y: y, w: len, h: thick});
                  off += len;
                }
                if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
              }
              return out;
            }
            function hue(name) { let h = 0; for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 360; return h; }
            const cells = [];
            function draw() {
              const map = document.getElementById("map");
              map.textContent = ""; cells.length = 0;
              const W = map.clientWidth, H = map.clientHeight;
              for (const p of squarify(D.packages.map(p => ({v: p.b, p})), 0, 0, W, H)) {
                const pk = p.it.p, c = el("div", "cell pkg");
                Object.assign(c.style, {left: p.x + "px", top: p.y + "px", width: p.w + "px", height: p.h + "px",
                  background: "hsl(" + hue(pk.p) + ",45%,80%)"});
                c.title = pk.p + ": " + fmt(pk.b);
                if (p.w > 40 && p.h > 14) c.appendChild(el("div", "lbl", pk.p + " " + fmt(pk.b)));
                map.appendChild(c);
                if (p.w > 60 && p.h > 40) {
                  const top = 16, syms = pk.s.slice(0, 400).map(s => ({v: s[1], s}));
                  for (const q of squarify(syms, 2, top, p.w - 6, p.h - top - 4)) {
                    if (q.w < 3 || q.h < 3) continue;
                    const sc = el("div", "cell");
                    Object.assign(sc.style, {left: q.x + "px", top: q.y + "px", width: q.w + "px", height: q.h + "px",
                      background: "hsl(" + hue(pk.p) + ",40%," + (q.it.s[2] === "debug" ? 90 : 70) + "%)"});
                    sc.title = q.it.s[0] + " (" + pk.p + ", " + q.it.s[2] + "): " + fmt(q.it.s[1]);
                    if (q.w > 50 && q.h > 12) sc.textContent = q.it.s[0];
                    c.appendChild(sc);
                    cells.push({e: sc, name: q.it.s[0], pkg: pk.p});
                  }
                }
                cells.push({e: c, name: "", pkg: pk.p});
              }
            }
            function bars(id, rows) {
              const box = document.getElementById(id), max = Math.max(1, ...rows.map(r => r[1]));
              for (const r of rows) {
                const row = el("div", "row"); row.appendChild(el("span", null, r[0])); row.appendChild(el("span", null, fmt(r[1])));
                box.appendChild(row);
                const bar = el("div", "bar"); bar.style.width = (100 * r[1] / max) + "%"; box.appendChild(bar);
              }
            }
            bars("sections", D.sections.filter(s => s[1] > 0));
            const owners = [["symbols, pclntab, symtab", D.packages.reduce((s, p) => s + p.s.filter(x => x[2] !== "debug").reduce((t, x) => t + x[1], 0), 0)],
              ["DWARF", D.packages.reduce((s, p) => s + p.s.filter(x => x[2] === "debug").reduce((t, x) => t + x[1], 0), 0)]].concat(D.other);
            bars("owners", owners);
            const all = D.packages.flatMap(p => p.s.map(s => [s[0], s[1], p.p]));
            document.getElementById("q").addEventListener("input", e => {
              const q = e.target.value.trim().toLowerCase(), res = document.getElementById("results");
              res.textContent = "";
              for (const c of cells) c.e.classList.toggle("hit", q !== "" && (c.name.toLowerCase().includes(q) || (c.name === "" && c.pkg.toLowerCase() === q)));
              if (!q) return;
              const hits = all.filter(s => s[0].toLowerCase().includes(q) || s[2].toLowerCase().includes(q)).sort((a, b) => b[1] - a[1]);
              for (const h of hits.slice(0, 200)) res.appendChild(el("div", null, fmt(h[1]).padStart(10) + "  " + h[0] + "  (" + h[2] + ")"));
              if (hits.length > 200) res.appendChild(el("div", null, "... " + (hits.length - 200) + " more"));
            });
            draw();
            window.addEventListener("resize", draw);
            </script></body></html>
            """;
}
