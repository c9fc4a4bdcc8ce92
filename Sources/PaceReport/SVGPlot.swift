// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation

/// A plot axis: maps data values onto [0, 1], linearly or on a log scale, and proposes ticks.
struct Axis {
    var lower: Double
    var upper: Double
    var logarithmic: Bool

    /// A log axis spanning whole decades around every positive value in `values` (1 ms to 1 s when none).
    static func logarithmic(covering values: [Double]) -> Axis {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        let low = floor(log10(positive.min() ?? 1e-3))
        let high = ceil(log10(positive.max() ?? 1))
        return Axis(lower: pow(10, low), upper: pow(10, max(high, low + 1)), logarithmic: true)
    }

    /// Where `value` falls: 0 at `lower`, 1 at `upper` (values outside fall outside).
    func fraction(_ value: Double) -> Double {
        if logarithmic {
            let v = max(value, lower / 1e3)
            return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return upper == lower ? 0.5 : (value - lower) / (upper - lower)
    }

    /// Tick values: every decade on a log axis, else about `count` round steps.
    func ticks(count: Int = 5) -> [Double] {
        if logarithmic {
            let first = Int(log10(lower).rounded())
            let last = Int(log10(upper).rounded())
            return (first...max(first, last)).map { pow(10, Double($0)) }
        }
        let raw = (upper - lower) / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var value = (lower / step).rounded(.up) * step
        while value <= upper + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}

/// The frame of one chart: a fixed view box, margins, axes, grid and labels around marks drawn by the caller.
///
/// Charts scale to the page width (the view box keeps their proportions), and every colour comes from CSS
/// classes so the page's light and dark themes apply.
struct PlotFrame {
    static let width = 760.0
    var height = 380.0
    var left = 64.0
    var right = 30.0
    var top = 16.0
    var bottom = 50.0
    var x: Axis
    var y: Axis

    var plotWidth: Double { PlotFrame.width - left - right }
    var plotHeight: Double { height - top - bottom }

    /// The horizontal pixel of data value `value`.
    func px(_ value: Double) -> Double { left + x.fraction(value) * plotWidth }

    /// The vertical pixel of data value `value`.
    func py(_ value: Double) -> Double { top + (1 - y.fraction(value)) * plotHeight }

    /// The complete `<svg>` element.
    ///
    /// - Parameters:
    ///   - id: The element id (the browser test looks charts up by it).
    ///   - title: An accessible title, also shown as the tooltip of the background.
    ///   - xTicks, yTicks: Tick values with their labels; nil for none on that axis.
    ///   - marks: SVG drawn inside the plot area, clipped to it.
    func svg(
        id: String,
        title: String,
        xLabel: String,
        yLabel: String,
        xTicks: [(Double, String)]?,
        yTicks: [(Double, String)],
        marks: String,
        overlay: String = ""
    ) -> String {
        let label = Formatting.html(title)
        var out =
            "<svg id=\"\(id)\" class=\"chart\" viewBox=\"0 0 \(Int(PlotFrame.width)) \(Int(height))\" role=\"img\" "
        out += "aria-label=\"\(label)\" preserveAspectRatio=\"xMidYMid meet\"><title>\(label)</title>"
        out += "<defs><clipPath id=\"\(id)-clip\">"
        out += SVG.rect(x: left, y: top, width: plotWidth, height: plotHeight) + "</clipPath></defs>"
        out += grid(xTicks: xTicks, yTicks: yTicks)
        out += "<g class=\"marks\" clip-path=\"url(#\(id)-clip)\">\(marks)</g>"
        out += overlay
        out += SVG.rect("frame", x: left, y: top, width: plotWidth, height: plotHeight)
        out += SVG.text(
            xLabel,
            "axis-label",
            x: left + plotWidth / 2,
            y: height - 8,
            attributes: "text-anchor=\"middle\""
        )
        let middle = Formatting.coordinate(top + plotHeight / 2)
        out += SVG.text(
            yLabel,
            "axis-label",
            x: 14,
            y: top + plotHeight / 2,
            attributes: "text-anchor=\"middle\" transform=\"rotate(-90 14 \(middle))\""
        )
        return out + "</svg>"
    }

    private func grid(xTicks: [(Double, String)]?, yTicks: [(Double, String)]) -> String {
        var out = "<g class=\"grid\">"
        for (value, label) in yTicks {
            let y = py(value)
            out += SVG.line(x1: left, y1: y, x2: left + plotWidth, y2: y)
            out += SVG.text(
                label,
                "tick",
                x: left - 6,
                y: y,
                attributes: "text-anchor=\"end\" dominant-baseline=\"middle\""
            )
        }
        for (value, label) in xTicks ?? [] {
            let x = px(value)
            out += SVG.line(x1: x, y1: top, x2: x, y2: top + plotHeight)
            out += SVG.text(label, "tick", x: x, y: top + plotHeight + 16, attributes: "text-anchor=\"middle\"")
        }
        return out + "</g>"
    }
}
