import BakeoffModel
import BakeoffScoring

extension Charts {
    /// The deciding chart is narrower than the others: it leads the page, and on a phone a narrower drawing
    /// keeps its text larger.
    static let decidingWidth = 600.0
    static let decidingLeft = 160.0
    static let decidingRight = 580.0

    /// The measurements that decided a stage: one panel per deciding indicator, one bar per candidate at its
    /// value in the indicator's unit (median with a min–max whisker when measured); a categorical value (a
    /// licence, a hosting model) is drawn as its 0–10 score. Unknowns are named, never drawn as zero.
    public static func deciding(_ verdict: VerdictSummary, title stageTitle: String, toolIDs: [String]) -> String {
        let title = "What decided it: \(stageTitle)"
        let panels = verdict.chartIndicators()
        guard !panels.isEmpty else {
            let text = verdict.winner == nil ? "No recommendation yet: no evidence." : "No indicator separates the winner from the runner-up."
            return message(title: title, text: text)
        }
        let summary = panels.map { d in
            d.title + ": " + d.values.map { "\(nameOf($0.tool, verdict)) \($0.display)" }.joined(separator: ", ")
        }.joined(separator: "; ")
        let (width, left, right) = (decidingWidth, decidingLeft, decidingRight)
        var svg = SVGDocument(width: width, height: 0, title: title, summary: summary)
        svg.text(TextMetrics.fit(title, maxWidth: width - 32, size: 14, bold: true), x: 16, y: 22, className: "title")
        var y = 44.0
        for d in panels {
            let better = d.direction == .lower ? "lower is better" : "higher is better"
            let numeric = d.values.contains { $0.raw != nil }
            let unit = numeric ? (d.shownUnit.isEmpty ? "" : "\(d.shownUnit), ") + better : "scored 0–10, higher is better"
            let header = "\(d.title) (\(unit))" + (d.withinNoise ? ": ranges overlap" : "")
            svg.text(TextMetrics.fit(header, maxWidth: width - 32, size: 12, bold: true), x: 16, y: y + 12, className: "bold")
            y += 20
            let maximum = d.values.compactMap { v -> Double? in
                numeric ? v.raw.map { Swift.max($0, v.spread?.max ?? $0) } : v.score
            }.max() ?? 0
            let scale = maximum > 0 ? (right - left - 120) / maximum : 0
            for v in d.values {
                let isWinner = v.tool == verdict.winner?.tool
                svg.text(
                    TextMetrics.fit(nameOf(v.tool, verdict), maxWidth: left - 36, size: 12, bold: isWinner), x: 28, y: y + 13,
                    className: isWinner ? "bold" : "label")
                let length = numeric ? v.raw : v.score
                if let length {
                    svg.rect(
                        x: left, y: y + 3, width: Swift.max(1, length * scale), height: 14, className: "bar",
                        style: "fill:\(ChartStyle.color(of: v.tool, among: toolIDs))",
                        tooltip: "\(nameOf(v.tool, verdict)): \(v.display)")
                    var end = length
                    if numeric, let s = v.spread, s.max > s.min {
                        let (x1, x2) = (left + s.min * scale, left + s.max * scale)
                        svg.line(x1: x1, y1: y + 10, x2: x2, y2: y + 10, className: "whisker")
                        svg.line(x1: x1, y1: y + 5, x2: x1, y2: y + 15, className: "whisker")
                        svg.line(x1: x2, y1: y + 5, x2: x2, y2: y + 15, className: "whisker")
                        end = Swift.max(end, s.max)
                    }
                    var label = v.display
                    if !numeric { label += " → \(Format.score(v.score))" }
                    svg.text(TextMetrics.fit(label, maxWidth: width - (left + end * scale + 6) - 8, size: 10), x: left + end * scale + 6, y: y + 14, className: "small")
                } else {
                    svg.text(TextMetrics.fit(v.display, maxWidth: right - left, size: 11), x: left + 4, y: y + 14, className: "muted")
                }
                y += 20
            }
            y += 10
        }
        svg.height = y + 4
        return svg.render()
    }

    static func nameOf(_ tool: String, _ verdict: VerdictSummary) -> String {
        verdict.names[tool] ?? tool
    }
}
