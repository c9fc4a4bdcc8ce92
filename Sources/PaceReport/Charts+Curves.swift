// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// A figure's legend entry: the CSS class of its swatch and its text.
struct LegendEntry {
    var swatch: String
    var text: String
    /// A character drawn instead of a line swatch (markers such as ▲).
    var glyph: String? = nil
}

/// Wraps a chart in a `<figure>` with a caption and an HTML legend (text reflows better than SVG text).
func chartFigure(_ svg: String, caption: String, legend: [LegendEntry]) -> String {
    var out = "<figure class=\"chart-figure\">\(svg)<figcaption>"
    if !legend.isEmpty {
        out += "<ul class=\"legend\">"
        for entry in legend {
            let swatch =
                entry.glyph.map { "<span class=\"glyph \(entry.swatch)\">\($0)</span>" }
                ?? "<span class=\"swatch \(entry.swatch)\"></span>"
            out += "<li>\(swatch)\(Formatting.html(entry.text))</li>"
        }
        out += "</ul>"
    }
    return out + "<p>\(caption)</p></figcaption></figure>"
}

/// pass@k and eff@k over k for every run, with 95 % bootstrap bands.
enum CurvesChart {
    static func figure(_ analyses: [RunAnalysis]) -> String {
        let maximum = analyses.flatMap(\.curve).map(\.k).max() ?? 1
        let xAxis: Axis
        if maximum > 10 {
            xAxis = Axis(lower: 1, upper: Double(maximum), logarithmic: true)
        } else {
            xAxis =
                maximum == 1
                ? Axis(lower: 0.5, upper: 1.5, logarithmic: false)
                : Axis(lower: 1, upper: Double(maximum), logarithmic: false)
        }
        // eff@k can pass 1.0 (faster than the reference): the axis grows to show every interval.
        let highest =
            analyses.flatMap(\.curve).flatMap { [$0.pass.interval.upper, $0.efficiency?.interval.upper ?? 0] }.max()
            ?? 1
        let top = max(1, (highest * 5).rounded(.up) / 5)
        let frame = PlotFrame(x: xAxis, y: Axis(lower: 0, upper: top, logarithmic: false))
        let xTicks = (maximum <= 12 ? (1...maximum).map(Double.init) : xAxis.ticks(count: 8))
            .filter { $0 >= xAxis.lower - 1e-9 && $0 <= xAxis.upper + 1e-9 }
            .map { ($0, "\(Int($0))") }
        let yTicks = frame.y.ticks(count: min(8, max(5, Int((top / 0.2).rounded(.up))))).map {
            ($0, String(format: "%.1f", $0))
        }
        var marks = ""
        var legend: [LegendEntry] = []
        for (index, analysis) in analyses.enumerated() {
            let series = "s\(index % 6)"
            marks += band(analysis.curve.map { ($0.k, $0.pass) }, frame: frame, series: series)
            marks += line(
                analysis.curve.map { ($0.k, $0.pass) },
                frame: frame,
                series: series,
                metric: "pass",
                dashed: true
            )
            legend.append(LegendEntry(swatch: "\(series) dashed", text: "\(analysis.run.label): pass@k"))
            if analysis.hasEfficiency {
                let points = analysis.curve.compactMap { point in point.efficiency.map { (point.k, $0) } }
                marks += band(points, frame: frame, series: series)
                marks += line(points, frame: frame, series: series, metric: "eff", dashed: false)
                legend.append(LegendEntry(swatch: series, text: "\(analysis.run.label): eff@k"))
            }
        }
        let svg = frame.svg(
            id: "chart-curves",
            title: "pass@k and eff@k over k",
            xLabel: "k (samples drawn per task)",
            yLabel: "score",
            xTicks: xTicks,
            yTicks: yTicks,
            marks: marks
        )
        let level = Int(((analyses.first?.curve.first?.pass.interval.level ?? 0.95) * 100).rounded())
        return chartFigure(
            svg,
            caption:
                "Unbiased estimators over k (dashed: pass@k, solid: eff@k); shaded: \(level) % bootstrap intervals over tasks.",
            legend: legend
        )
    }

    private static func band(_ points: [(Int, Estimate)], frame: PlotFrame, series: String) -> String {
        guard points.count > 1 else { return "" }
        let upper = points.map { (frame.px(Double($0.0)), frame.py($0.1.interval.upper)) }
        let lower = points.reversed().map { (frame.px(Double($0.0)), frame.py($0.1.interval.lower)) }
        return "<polygon class=\"band \(series)\" points=\"\(SVG.points(upper + lower))\"/>"
    }

    private static func line(
        _ points: [(Int, Estimate)],
        frame: PlotFrame,
        series: String,
        metric: String,
        dashed: Bool
    ) -> String {
        let coordinates = SVG.points(points.map { (frame.px(Double($0.0)), frame.py($0.1.value)) })
        var out = "<polyline class=\"line \(series)\(dashed ? " dashed" : "")\" points=\"\(coordinates)\"/>"
        for (k, estimate) in points {
            let value = Formatting.value(estimate.value, unit: .fraction)
            let title = "\(metric)@\(k) = \(value) \(Formatting.interval(estimate.interval, unit: .fraction))"
            out += SVG.circle(
                "point \(series)",
                cx: frame.px(Double(k)),
                cy: frame.py(estimate.value),
                r: 3,
                title: title
            )
        }
        return out
    }
}
