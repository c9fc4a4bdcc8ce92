// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// SVG elements as text.
///
/// Coordinates are written with one decimal; text and titles are escaped.
enum SVG {
    static func line(_ cssClass: String? = nil, x1: Double, y1: Double, x2: Double, y2: Double) -> String {
        "<line\(classAttribute(cssClass)) x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\"/>"
    }

    static func rect(_ cssClass: String? = nil, x: Double, y: Double, width: Double, height: Double) -> String {
        "<rect\(classAttribute(cssClass)) x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(width))\" height=\"\(c(height))\"/>"
    }

    /// A circle, with a tooltip when `title` is given.
    static func circle(_ cssClass: String, cx: Double, cy: Double, r: Double, title: String? = nil) -> String {
        let head = "<circle class=\"\(cssClass)\" cx=\"\(c(cx))\" cy=\"\(c(cy))\" r=\"\(c(r))\""
        guard let title else { return head + "/>" }
        return head + "><title>\(Formatting.html(title))</title></circle>"
    }

    /// Text at (x, y); `attributes` are added as written (for example `text-anchor="end"`).
    static func text(_ content: String, _ cssClass: String, x: Double, y: Double, attributes: String = "") -> String {
        "<text class=\"\(cssClass)\" x=\"\(c(x))\" y=\"\(c(y))\" \(attributes)>\(Formatting.html(content))</text>"
    }

    /// A `points` attribute value: `x,y x,y …`.
    static func points(_ pairs: [(Double, Double)]) -> String {
        pairs.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
    }

    private static func classAttribute(_ cssClass: String?) -> String {
        cssClass.map { " class=\"\($0)\"" } ?? ""
    }

    private static func c(_ value: Double) -> String { Formatting.coordinate(value) }
}
