// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// Number and text formatting shared by the HTML, Markdown, CSV and terminal renderings.
enum Formatting {
    /// `text` with `& < > " '` escaped for HTML text and attribute values.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A metric value in its unit: `0.452`, `$0.0123`, `1.25 s`, `512.3`; `—` for NaN and `∞` for infinity.
    static func value(_ value: Double, unit: MetricUnit) -> String {
        if value.isNaN { return "—" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        switch unit {
        case .fraction: return String(format: "%.3f", value)
        case .dollars: return dollars(value)
        case .seconds: return seconds(value)
        case .number: return abs(value) >= 100 ? String(format: "%.1f", value) : String(format: "%.4g", value)
        }
    }

    /// `[lower, upper]` in the metric's unit.
    static func interval(_ interval: ConfidenceInterval, unit: MetricUnit) -> String {
        "[\(value(interval.lower, unit: unit)), \(value(interval.upper, unit: unit))]"
    }

    /// A signed difference with three decimals: `+0.042`, `−0.013`.
    static func signed(_ value: Double) -> String {
        if value.isNaN { return "—" }
        let text = String(format: "%.3f", abs(value))
        return (value < 0 && text != "0.000" ? "−" : "+") + text
    }

    /// A p-value: `0.034`, `< 0.001`.
    static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : String(format: "%.3f", p)
    }

    /// A p-value in a sentence: `p = 0.034`, `p < 0.001`.
    static func pClause(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = " + String(format: "%.3f", p)
    }

    /// Dollars with enough digits for small per-sample prices.
    static func dollars(_ value: Double) -> String {
        guard abs(value) < 1, value != 0 else { return String(format: "$%.2f", value) }
        let decimals = min(8, 2 - Int(log10(abs(value)).rounded(.down)))
        return String(format: "$%.\(decimals)f", value)
    }

    /// A duration with a unit that keeps about three significant digits: `850 µs`, `12.3 ms`, `1.25 s`.
    static func seconds(_ value: Double) -> String {
        if value.isNaN { return "—" }
        let magnitude = abs(value)
        if magnitude == 0 { return "0 s" }
        if magnitude < 1e-3 { return String(format: "%.3g µs", value * 1e6) }
        if magnitude < 1 { return String(format: "%.3g ms", value * 1e3) }
        return String(format: "%.3g s", value)
    }

    /// A plot coordinate with one decimal, fast enough for tens of thousands of points.
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        if tenths < 0 && whole == 0 { return "-0.\(fraction)" }
        return fraction == 0 ? "\(whole)" : "\(whole).\(fraction)"
    }
}
