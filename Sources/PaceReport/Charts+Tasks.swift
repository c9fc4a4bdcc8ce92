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
        let reference = Formatting.coordinate(frame.py(1))
        let overlay =
            "<line class=\"reference\" x1=\"\(Formatting.coordinate(frame.left))\" "
            + "x2=\"\(Formatting.coordinate(frame.left + frame.plotWidth))\" y1=\"\(reference)\" y2=\"\(reference)\"/>"
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
        let c = Formatting.coordinate
        let low = task.values.first ?? 0
        let high = task.values.last ?? 0
        var out =
            "<g class=\"task\"><title>\(Formatting.html(task.taskID)): median \(String(format: "%.3f", task.median)), "
        out +=
            "middle half \(String(format: "%.3f–%.3f", task.lowerQuartile, task.upperQuartile)), n = \(task.values.count)</title>"
        out +=
            "<line class=\"whisker\" x1=\"\(c(center))\" x2=\"\(c(center))\" y1=\"\(c(frame.py(low)))\" y2=\"\(c(frame.py(high)))\"/>"
        let boxTop = frame.py(task.upperQuartile)
        let boxHeight = max(1, frame.py(task.lowerQuartile) - boxTop)
        out +=
            "<rect class=\"box\" x=\"\(c(center - width / 2))\" y=\"\(c(boxTop))\" width=\"\(c(width))\" height=\"\(c(boxHeight))\"/>"
        out += "<line class=\"median\" x1=\"\(c(center - width / 2))\" x2=\"\(c(center + width / 2))\" "
        out += "y1=\"\(c(frame.py(task.median)))\" y2=\"\(c(frame.py(task.median)))\"/>"
        if dots {
            for (index, value) in task.values.enumerated() {
                // Deterministic jitter (golden-ratio sequence) so that equal scores stay visible.
                let jitter = (Double(index) * 0.618_034).truncatingRemainder(dividingBy: 1) - 0.5
                out +=
                    "<circle class=\"dot\" cx=\"\(c(center + jitter * width))\" cy=\"\(c(frame.py(value)))\" r=\"2\"/>"
            }
        }
        return out + "</g>"
    }
}

/// Sample time against reference time, log–log, one point per sample at the hardest level it reached.
enum TimingChart {
    /// Above this many points, timed samples are drawn as one compact path without per-point tooltips.
    static let tooltipLimit = 3000

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
        marks += markers(censored, frame: frame, shape: "triangle", cssClass: "censored")
        let overlay =
            "<text class=\"annotation\" x=\"\(Formatting.coordinate(frame.left + 4))\" y=\"20\">failed ↓</text>"
            + markers(failed, frame: frame, shape: "cross", cssClass: "failed", atY: 20)
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
            let c = Formatting.coordinate
            return "<line class=\"\(cssClass)\" x1=\"\(c(frame.px(low)))\" y1=\"\(c(frame.py(low * factor)))\" "
                + "x2=\"\(c(frame.px(high)))\" y2=\"\(c(frame.py(high * factor)))\"/>"
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
            let title =
                "\(Formatting.html(point.taskID)): \(Formatting.seconds(point.sampleSeconds ?? 0)) vs reference \(Formatting.seconds(point.referenceSeconds))"
            return
                "<circle class=\"\(cssClass)\" cx=\"\(c(frame.px(point.referenceSeconds)))\" cy=\"\(c(frame.py(point.sampleSeconds ?? 0)))\" r=\"3\"><title>\(title)</title></circle>"
        }.joined()
    }

    private static func markers(
        _ points: [TimingPoint],
        frame: PlotFrame,
        shape: String,
        cssClass: String,
        atY fixed: Double? = nil
    ) -> String {
        guard !points.isEmpty else { return "" }
        let c = Formatting.coordinate
        var path = ""
        for point in points {
            let x = frame.px(point.referenceSeconds)
            let y = fixed ?? frame.py(point.sampleSeconds ?? frame.y.upper)
            path +=
                shape == "triangle"
                ? "M\(c(x)) \(c(y - 4))l4 7h-8z"
                : "M\(c(x - 3)) \(c(y - 3))l6 6m0 -6l-6 6"
        }
        return "<path class=\"\(cssClass)\" d=\"\(path)\"/>"
    }
}
