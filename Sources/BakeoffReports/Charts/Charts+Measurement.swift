import BakeoffModel
import BakeoffScoring

extension Charts {
    /// One measured indicator across a stage's candidates: a bar per tool at its raw value, labelled with the
    /// value and its unit; tools without a value are named with "not measured". The deck's stage slides show
    /// it as the measurement that decided the stage.
    /// `highlight`: the recommended tool, in bold.
    public static func measurementBars(card: StageScorecard, indicator: Indicator, candidates: [String], highlight: String?) -> String {
        let better = indicator.direction == .lower ? "lower is better" : "higher is better"
        // A slide writes thousands with commas, as the deck's text does.
        let comma = DeckLint.commaThousands
        let unit = comma(indicator.unit.isEmpty ? better : "\(indicator.unit), \(better)")
        let title = "\(indicator.title) (\(unit))"
        let rows = card.tools.map { tool in
            (tool: tool.tool, name: tool.name, value: tool.indicators.first { $0.indicator == indicator.id })
        }
        let maximum = rows.compactMap { $0.value?.raw }.max() ?? 0
        // Narrow (400 units) so that on a slide, scaled up, its text reads at the size of the slide's own.
        let (width, left, right) = (400.0, 140.0, 320.0)
        var svg = SVGDocument(
            width: width, height: 0, title: title,
            summary: "Each candidate's measured value (the median over repetitions); a candidate without one is named as not measured.")
        svg.text(TextMetrics.fit(comma(indicator.title), maxWidth: width - 16, size: 14, bold: true), x: 8, y: 18, className: "title")
        svg.text(TextMetrics.fit(unit, maxWidth: width - 16, size: 11), x: 8, y: 34, className: "muted")
        var y = 46.0
        let scale = maximum > 0 ? (right - left) / maximum : 0
        for row in rows {
            svg.text(
                TextMetrics.fit(row.name, maxWidth: left - 12, size: 12, bold: row.tool == highlight), x: 8, y: y + 15,
                className: row.tool == highlight ? "bold" : "label")
            if let raw = row.value?.raw {
                let shown = row.value.map { SlideDeck.shown($0, unit: indicator.unit) } ?? ""
                svg.rect(
                    x: left, y: y + 3, width: max(1, raw * scale), height: 16, className: "bar",
                    style: "fill:\(ChartStyle.color(of: row.tool, among: candidates))", tooltip: "\(row.name): \(shown)")
                svg.text(TextMetrics.fit(shown, maxWidth: width - left - raw * scale - 10, size: 10), x: left + raw * scale + 4, y: y + 15, className: "small")
            } else {
                svg.text("not measured", x: left + 4, y: y + 15, className: "muted")
            }
            y += 24
        }
        svg.height = y + 10
        return svg.render()
    }
}
