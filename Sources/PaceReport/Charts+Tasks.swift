// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore

/// Per-task efficiency: a box (quartiles, median, range) per task, ordered by median, against the reference's 1.0.
enum DistributionChart {
    /// Sample dots are drawn over the boxes when no task has more samples than this.
    static let dotLimit = 30

    static func figure(_ analysis: RunAnalysis, index: Int) -> String {
        let distributions = analysis.distributions
        let count = max(distributions.count, 1)
        let top = max(1.2, ((distributions.compactMap(\.values.last).max() ?? 1) * 5).rounded(.up) / 5)
        let frame = PlotFrame(
            x: Axis(lower: 0, upper: Double(count), logarithmic: false),
            y: Axis(lower: 0, upper: top, logarithmic: false)
        )
        let band = frame.plotWidth / Double(count)
        let boxWidth = min(16, max(1.5, band * 0.7))
        let dots = distributions.allSatisfy { $0.values.count <= dotLimit }
        var marks = ""
        for (position, task) in distributions.enumerated() {
            marks += box(task, center: frame.px(Double(position) + 0.5), width: boxWidth, frame: frame, dots: dots)
        }
        let overlay = SVG.line(
            "reference",
            x1: frame.left,
            y1: frame.py(1),
            x2: frame.left + frame.plotWidth,
            y2: frame.py(1)
        )
        let svg = frame.svg(
            id: "chart-distribution-\(index)",
            title: "Per-task efficiency of \(analysis.run.label)",
            xLabel: "\(distributions.count) tasks, ordered by median efficiency (hover for names)",
            yLabel: "efficiency",
            xTicks: nil,
            yTicks: frame.y.ticks(count: min(8, max(5, Int((top / 0.2).rounded(.up))))).map {
                ($0, String(format: "%.1f", $0))
            },
            marks: marks,
            overlay: overlay
        )
        let caption =
            "Each column is one task: the box spans the middle half of its samples' efficiency scores, the bar is the "
            + "median, the whisker the range\(dots ? ", dots are samples" : ""). A failed sample scores 0; 1.0 is as fast as the "
            + "reference solution, above 1.0 faster."
        return chartFigure(
            svg,
            caption: caption,
            legend: [
                LegendEntry(swatch: "box-swatch", text: "samples' efficiency"),
                LegendEntry(swatch: "reference-swatch", text: "reference solution (1.0)"),
            ]
        )
    }

    private static func box(_ task: TaskDistribution, center: Double, width: Double, frame: PlotFrame, dots: Bool)
        -> String
    {
        let low = task.values.first ?? 0
        let high = task.values.last ?? 0
        let quartiles = String(format: "%.3f–%.3f", task.lowerQuartile, task.upperQuartile)
        let title =
            "\(task.taskID): median \(String(format: "%.3f", task.median)), middle half \(quartiles), n = \(task.values.count)"
        var out = "<g class=\"task\"><title>\(Formatting.html(title))</title>"
        out += SVG.line("whisker", x1: center, y1: frame.py(low), x2: center, y2: frame.py(high))
        let boxTop = frame.py(task.upperQuartile)
        let boxHeight = max(1, frame.py(task.lowerQuartile) - boxTop)
        out += SVG.rect("box", x: center - width / 2, y: boxTop, width: width, height: boxHeight)
        let median = frame.py(task.median)
        out += SVG.line("median", x1: center - width / 2, y1: median, x2: center + width / 2, y2: median)
        if dots {
            for (index, value) in task.values.enumerated() {
                // Deterministic jitter (golden-ratio sequence) so that equal scores stay visible.
                let jitter = (Double(index) * 0.618_034).truncatingRemainder(dividingBy: 1) - 0.5
                out += SVG.circle("dot", cx: center + jitter * width, cy: frame.py(value), r: 2)
            }
        }
        return out + "</g>"
    }
}

/// Sample time against reference time, log–log, one point per sample at the hardest level it reached.
enum TimingChart {
    /// Above this many points, timed samples are drawn as one compact path without per-point tooltips.
    static let tooltipLimit = 3000

    /// The mark of a sample without a measured time.
    enum Marker {
        /// ▲ for a censored sample.
        case triangle
        /// × for a failed one.
        case cross
    }

    static func figure(_ analysis: RunAnalysis, index: Int) -> String {
        let points = analysis.timingPoints
        let values = points.flatMap { [$0.referenceSeconds] + ($0.sampleSeconds.map { [$0] } ?? []) }
        let axis = Axis.logarithmic(covering: values)
        var frame = PlotFrame(x: axis, y: axis)
        frame.height = 440
        frame.top = 34
        let ticks = axis.ticks().map { ($0, Formatting.seconds($0)) }
        let timed = points.filter { $0.status == .timed }
        let censored = points.filter { $0.status == .censored }
        let failed = points.filter { $0.status == .failed }
        var marks = guides(frame: frame)
        marks += dots(timed, frame: frame, cssClass: "timed")
        marks += markers(censored, frame: frame, shape: .triangle, cssClass: "censored")
        let overlay =
            SVG.text("failed ↓", "annotation", x: frame.left + 4, y: 20)
            + markers(failed, frame: frame, shape: .cross, cssClass: "failed", atY: 20)
        let svg = frame.svg(
            id: "chart-timing-\(index)",
            title: "Sample time against reference time for \(analysis.run.label)",
            xLabel: "reference time (hardest level reached)",
            yLabel: "sample time",
            xTicks: ticks,
            yTicks: ticks,
            marks: marks,
            overlay: overlay
        )
        let caption =
            "Each point is a sample at the hardest input level it reached. On the diagonal the sample is as fast as the "
            + "reference; faint lines mark 10× slower and 10× faster. Censored samples sit at their timeout; failed samples "
            + "(wrong answer, crash) have no time and are marked above the plot at their task's reference time."
        return chartFigure(
            svg,
            caption: caption,
            legend: [
                LegendEntry(swatch: "timed-swatch", text: "timed (\(timed.count))"),
                LegendEntry(
                    swatch: "censored-swatch",
                    text: "censored: timeout or memory (\(censored.count))",
                    glyph: "▲"
                ),
                LegendEntry(swatch: "failed-swatch", text: "failed (\(failed.count))", glyph: "×"),
                LegendEntry(swatch: "reference-swatch", text: "as fast as the reference"),
            ]
        )
    }

    private static func guides(frame: PlotFrame) -> String {
        let low = frame.x.lower
        let high = frame.x.upper
        func segment(_ factor: Double, _ cssClass: String) -> String {
            SVG.line(
                cssClass,
                x1: frame.px(low),
                y1: frame.py(low * factor),
                x2: frame.px(high),
                y2: frame.py(high * factor)
            )
        }
        return segment(1, "reference") + segment(10, "guide") + segment(0.1, "guide")
    }

    private static func dots(_ points: [TimingPoint], frame: PlotFrame, cssClass: String) -> String {
        let c = Formatting.coordinate
        if points.count > tooltipLimit {
            // Zero-length segments with round caps draw as dots: a few bytes per point.
            var path = ""
            path.reserveCapacity(points.count * 14)
            for point in points {
                path += "M\(c(frame.px(point.referenceSeconds))) \(c(frame.py(point.sampleSeconds ?? 0)))h0"
            }
            return "<path class=\"dots \(cssClass)\" d=\"\(path)\"/>"
        }
        return points.map { point in
            let seconds = point.sampleSeconds ?? 0
            let title =
                "\(point.taskID): \(Formatting.seconds(seconds)) vs reference \(Formatting.seconds(point.referenceSeconds))"
            return SVG.circle(cssClass, cx: frame.px(point.referenceSeconds), cy: frame.py(seconds), r: 3, title: title)
        }.joined()
    }

    private static func markers(
        _ points: [TimingPoint],
        frame: PlotFrame,
        shape: Marker,
        cssClass: String,
        atY fixed: Double? = nil
    ) -> String {
        guard !points.isEmpty else { return "" }
        let c = Formatting.coordinate
        var path = ""
        for point in points {
            let x = frame.px(point.referenceSeconds)
            let y = fixed ?? frame.py(point.sampleSeconds ?? frame.y.upper)
            switch shape {
            case .triangle: path += "M\(c(x)) \(c(y - 4))l4 7h-8z"
            case .cross: path += "M\(c(x - 3)) \(c(y - 3))l6 6m0 -6l-6 6"
            }
        }
        return "<path class=\"\(cssClass)\" d=\"\(path)\"/>"
    }
}
