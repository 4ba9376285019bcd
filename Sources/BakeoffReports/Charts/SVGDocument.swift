import BakeoffModel

/// A standalone SVG image under construction: accessible (`role="img"`, `<title>`, `<desc>`), styled by an
/// embedded stylesheet with a dark variant, every text escaped, coordinates in fixed notation.
public struct SVGDocument: Sendable {
    public var width: Double
    public var height: Double
    public var title: String
    public var summary: String
    private var body: [String] = []

    public init(width: Double, height: Double, title: String, summary: String) {
        self.width = width
        self.height = height
        self.title = title
        self.summary = summary
    }

    /// A coordinate or length with at most one decimal.
    static func n(_ value: Double) -> String { Numbers.format(value, decimals: 1) }

    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, className: String, rx: Double = 0,
        style: String? = nil, tooltip: String? = nil
    ) {
        var attributes =
            "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" class=\"\(className)\""
        if rx > 0 { attributes += " rx=\"\(Self.n(rx))\"" }
        if let style { attributes += " style=\"\(Markup.escape(style))\"" }
        if let tooltip {
            body.append("<rect \(attributes)><title>\(Markup.escape(tooltip))</title></rect>")
        } else {
            body.append("<rect \(attributes)/>")
        }
    }

    public enum Anchor: String, Sendable {
        case start, middle, end
    }

    public mutating func text(
        _ text: String, x: Double, y: Double, className: String = "label", anchor: Anchor = .start
    ) {
        let anchorAttribute = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        body.append(
            "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" class=\"\(className)\"\(anchorAttribute)>\(Markup.escape(text))</text>"
        )
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        body.append(
            "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" class=\"\(className)\"/>"
        )
    }

    /// A polyline through the points.
    public mutating func polyline(_ points: [(Double, Double)], className: String, style: String? = nil) {
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        let styleAttribute = style.map { " style=\"\(Markup.escape($0))\"" } ?? ""
        body.append("<polyline points=\"\(list)\" class=\"\(className)\"\(styleAttribute)/>")
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, className: String, tooltip: String? = nil) {
        let attributes = "cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" class=\"\(className)\""
        if let tooltip {
            body.append("<circle \(attributes)><title>\(Markup.escape(tooltip))</title></circle>")
        } else {
            body.append("<circle \(attributes)/>")
        }
    }

    /// A path from already-formatted path data (built with `n(_:)`).
    public mutating func path(_ d: String, className: String) {
        body.append("<path d=\"\(d)\" class=\"\(className)\"/>")
    }

    /// Raw markup built by the chart code itself (never user text).
    mutating func raw(_ markup: String) { body.append(markup) }

    /// The finished document.
    public func render() -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"title desc\""
        out += " width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\">\n"
        out += "<title id=\"title\">\(Markup.escape(title))</title>\n"
        out += "<desc id=\"desc\">\(Markup.escape(summary))</desc>\n"
        out += "<style>\(ChartStyle.css)</style>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" class=\"bg\"/>\n"
        for element in body { out += element + "\n" }
        out += "</svg>\n"
        return out
    }
}

/// The charts' shared stylesheet and palette.
enum ChartStyle {
    /// Colours for series (criteria, tools), readable on light and dark backgrounds.
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f"]

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// A tool's colour, the same in every chart of a stage: by its place among the stage's sorted tool ids.
    static func color(of tool: String, among tools: [String]) -> String {
        color(tools.sorted().firstIndex(of: tool) ?? 0)
    }

    static let css = """
        .bg{fill:#ffffff}\
        text{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;fill:#1f2328}\
        .label{font-size:12px}.small{font-size:10px;fill:#57606a}.title{font-size:14px;font-weight:bold}\
        .bold{font-size:12px;font-weight:bold}text.on-dark{fill:#ffffff}.tool{font-size:13px;font-weight:bold}.muted{font-size:11px;fill:#57606a;font-style:italic}\
        .axis{stroke:#8c959f;stroke-width:1}.grid{stroke:#d0d7de;stroke-width:1;stroke-dasharray:2 3}\
        .whisker{stroke:#1f2328;stroke-width:1.5}.current{stroke:#57606a;stroke-width:1;stroke-dasharray:4 3}\
        .series{fill:none;stroke-width:2}.flip{fill:#e15759;stroke:#ffffff;stroke-width:1.5}\
        .box{fill:#f6f8fa;stroke:#57606a;stroke-width:1.5}.source{fill:#ffffff;stroke:#8c959f;stroke-width:1.5;stroke-dasharray:4 3}\
        .edge{fill:none;stroke:#57606a;stroke-width:1.6}.feedback{fill:none;stroke:#e15759;stroke-width:1.6;stroke-dasharray:6 4}\
        .code{fill:none;stroke:#4e79a7;stroke-width:1.6;stroke-dasharray:2 3}.arrow{fill:#57606a}.arrow-feedback{fill:#e15759}.arrow-code{fill:#4e79a7}\
        .track{fill:#eaeef2}.unknown{fill:#eaeef2;stroke:#8c959f;stroke-dasharray:3 2}\
        @media (prefers-color-scheme: dark){.bg{fill:#0d1117}text{fill:#e6edf3}.small,.muted{fill:#9da7b3}\
        .axis{stroke:#6e7681}.grid{stroke:#30363d}.whisker{stroke:#e6edf3}.current{stroke:#9da7b3}.flip{stroke:#0d1117}\
        .box{fill:#161b22;stroke:#9da7b3}.source{fill:#0d1117;stroke:#6e7681}.edge{stroke:#9da7b3}.arrow{fill:#9da7b3}\
        .track{fill:#21262d}.unknown{fill:#21262d;stroke:#6e7681}}
        """
}
