// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation

/// The report's style sheet: light and dark themes from `prefers-color-scheme`, a readable measure on a laptop,
/// and a print layout (black on white, code unclipped, no breaks inside figures).
enum HTMLStyle {
    static let css = """
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1c2230; --muted: #5d6677; --rule: #dde1e8; --grid: #eceef3; --panel: #f6f7f9;
          --code-bg: #f4f5f8; --s0: #2563c9; --s1: #c2410c; --s2: #15803d; --s3: #7c3aed; --s4: #b45309; --s5: #0e7490;
          --timed: #2563c9; --censored: #c27c00; --failed: #cf2f45; --reference: #15803d; --box: #7d8fb3;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #14171d; --fg: #e4e7ee; --muted: #9aa3b3; --rule: #2f3542; --grid: #232833; --panel: #1b1f27;
            --code-bg: #1b1f27; --s0: #6ea2ff; --s1: #ff9055; --s2: #4ccf7e; --s3: #b895ff; --s4: #f2b84b; --s5: #45c7db;
            --timed: #6ea2ff; --censored: #f2b84b; --failed: #ff6b81; --reference: #4ccf7e; --box: #8798bd;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        header.page, main, footer { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
        header.page { padding-top: 28px; border-bottom: 1px solid var(--rule); padding-bottom: 12px; }
        h1 { font-size: 1.6rem; margin: 0 0 4px; }
        h2 { font-size: 1.25rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 1.05rem; margin: 22px 0 8px; }
        .subtitle, .note, figcaption p, footer { color: var(--muted); }
        .note { font-size: 0.9rem; }
        .warning { border-left: 4px solid var(--censored); background: var(--panel); padding: 8px 12px; margin: 12px 0; }
        nav { margin-top: 10px; font-size: 0.9rem; }
        nav a { color: var(--s0); margin-right: 14px; text-decoration: none; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        th { font-weight: 600; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        .ci { display: block; color: var(--muted); font-size: 0.82rem; }
        figure.chart-figure { margin: 8px 0 20px; break-inside: avoid; page-break-inside: avoid; }
        svg.chart { width: 100%; height: auto; display: block; background: var(--bg);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        svg.chart .frame { fill: none; stroke: var(--rule); }
        svg.chart .grid line { stroke: var(--grid); }
        svg.chart text { fill: var(--muted); font-size: 12px; }
        svg.chart .axis-label { fill: var(--fg); font-size: 13px; }
        svg.chart .annotation { fill: var(--muted); font-size: 11.5px; }
        svg.chart .line { fill: none; stroke-width: 2.2; }
        svg.chart .dashed { stroke-dasharray: 6 4; }
        svg.chart .band { stroke: none; opacity: 0.16; }
        svg.chart .reference { stroke: var(--reference); stroke-width: 1.6; stroke-dasharray: 5 4; fill: none; }
        svg.chart .guide { stroke: var(--muted); stroke-width: 1; opacity: 0.35; stroke-dasharray: 2 4; }
        svg.chart .box { fill: var(--box); fill-opacity: 0.35; stroke: var(--box); stroke-width: 1; }
        svg.chart .median { stroke: var(--fg); stroke-width: 1.6; }
        svg.chart .whisker { stroke: var(--box); stroke-width: 1; }
        svg.chart .dot { fill: var(--fg); fill-opacity: 0.55; }
        svg.chart circle.timed { fill: var(--timed); fill-opacity: 0.6; }
        svg.chart path.dots { fill: none; stroke-width: 3.5; stroke-linecap: round; stroke-opacity: 0.45; }
        svg.chart path.timed { stroke: var(--timed); }
        svg.chart path.censored { fill: var(--censored); fill-opacity: 0.8; }
        svg.chart path.failed { stroke: var(--failed); stroke-width: 1.4; fill: none; stroke-opacity: 0.8; }
        .s0 { stroke: var(--s0); fill: var(--s0); } .s1 { stroke: var(--s1); fill: var(--s1); }
        .s2 { stroke: var(--s2); fill: var(--s2); } .s3 { stroke: var(--s3); fill: var(--s3); }
        .s4 { stroke: var(--s4); fill: var(--s4); } .s5 { stroke: var(--s5); fill: var(--s5); }
        svg.chart polyline.line { fill: none; }
        svg.chart .point { stroke: var(--bg); stroke-width: 1; }
        ul.legend { list-style: none; padding: 0; margin: 6px 0 2px; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.88rem; }
        .swatch { display: inline-block; width: 18px; height: 0; border-top: 3px solid currentColor; margin-right: 6px; vertical-align: middle; }
        .swatch.s0 { color: var(--s0); } .swatch.s1 { color: var(--s1); } .swatch.s2 { color: var(--s2); }
        .swatch.s3 { color: var(--s3); } .swatch.s4 { color: var(--s4); } .swatch.s5 { color: var(--s5); }
        .swatch.dashed { border-top-style: dashed; }
        .swatch.box-swatch { height: 10px; border: 1px solid var(--box); background: color-mix(in srgb, var(--box) 35%, transparent); }
        .swatch.reference-swatch { color: var(--reference); border-top-style: dashed; }
        .swatch.timed-swatch { width: 9px; height: 9px; border: 0; border-radius: 50%; background: var(--timed); }
        .glyph { display: inline-block; width: 18px; margin-right: 6px; text-align: center; font-weight: 700; }
        .glyph.censored-swatch { color: var(--censored); }
        .glyph.failed-swatch { color: var(--failed); }
        figcaption p { font-size: 0.88rem; margin: 4px 0 0; }
        article.worst-task { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; margin: 14px 0;
          break-inside: avoid-page; }
        article.worst-task h4 { margin: 0; font-size: 1rem; }
        .facts { color: var(--muted); font-size: 0.9rem; margin: 2px 0 8px; }
        .code-pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
        .code-pair h5 { margin: 0 0 4px; font-size: 0.85rem; color: var(--muted); font-weight: 600; }
        pre { background: var(--code-bg); border-radius: 4px; padding: 8px 10px; margin: 0; overflow: auto; max-height: 360px;
          font: 12.5px/1.45 ui-monospace, "SF Mono", Menlo, "DejaVu Sans Mono", monospace; white-space: pre; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 0; font-size: 0.92rem; }
        dl.meta dt { color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        code.inline { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
        footer { padding-top: 24px; padding-bottom: 32px; font-size: 0.85rem; }
        @media (max-width: 760px) { .code-pair { grid-template-columns: minmax(0, 1fr); } header.page, main, footer { padding: 0 12px; } }
        @media print {
          :root { --bg: #fff; --fg: #000; --muted: #444; --rule: #bbb; --grid: #e6e6e6; --panel: #f3f3f3; --code-bg: #f6f6f6; }
          body { font-size: 10.5pt; }
          nav { display: none; }
          header.page, main, footer { max-width: none; padding: 0; }
          pre { max-height: none; overflow: visible; white-space: pre-wrap; font-size: 8.5pt; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          #curves, #efficiency .run-part, #timing .run-part, #metadata .run-part { break-inside: avoid; page-break-inside: avoid; }
          .code-pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
          section { break-inside: auto; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
