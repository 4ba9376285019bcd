import BakeoffModel
import BakeoffScoring

/// The site's SVG charts: pure functions from scorecards and measurements to SVG text.
public enum Charts {
    static let width = 760.0
    static let labelWidth = 190.0
    static let left = 210.0
    static let right = 690.0
    static let rowHeight = 26.0

    /// A legend laid out in lines that wrap at the chart's width; returns the height used.
    static func legend(
        _ items: [(label: String, color: String)], in svg: inout SVGDocument, top: Double
    ) -> Double {
        var x = 16.0
        var y = top
        for item in items {
            let label = TextMetrics.fit(item.label, maxWidth: 260, size: 11)
            let w = 18 + TextMetrics.width(label, size: 11) + 18
            if x + w > width - 10 && x > 16 {
                x = 16
                y += 18
            }
            svg.rect(x: x, y: y - 10, width: 12, height: 12, className: "swatch", style: "fill:\(item.color)")
            svg.text(label, x: x + 17, y: y, className: "small")
            x += w
        }
        return y - top + 18
    }

    /// A horizontal 0…`maximum` axis with grid lines under rows from `top` to `bottom`.
    static func axis(
        in svg: inout SVGDocument, top: Double, bottom: Double, maximum: Double, ticks: Int,
        format: (Double) -> String
    ) {
        for i in 0...ticks {
            let value = maximum * Double(i) / Double(ticks)
            let x = left + (right - left) * Double(i) / Double(ticks)
            svg.line(x1: x, y1: top, x2: x, y2: bottom, className: i == 0 ? "axis" : "grid")
            svg.text(format(value), x: x, y: bottom + 14, className: "small", anchor: .middle)
        }
    }

    static func name(_ text: String, bold: Bool = false) -> String {
        TextMetrics.fit(text, maxWidth: labelWidth, size: 12, bold: bold)
    }

    static func message(title: String, text: String) -> String {
        var svg = SVGDocument(width: width, height: 60, title: title, summary: text)
        svg.text(TextMetrics.fit(title, maxWidth: width - 32, size: 14, bold: true), x: 16, y: 22, className: "title")
        svg.text(text, x: 16, y: 46, className: "muted")
        return svg.render()
    }

    // MARK: - Weighted criterion scores

    /// Stacked horizontal bars: each ranked tool's total, split by criterion in proportion to weight × score.
    public static func scoreBars(card: StageScorecard, criteria: [Criterion], weights: [String: Double]) -> String {
        let title = "Weighted criterion scores: \(card.title)"
        guard !card.tools.isEmpty else { return message(title: title, text: "No candidates.") }
        let order = criteria.map(\.id)
        let colors = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, ChartStyle.color($0)) })
        let summary = card.tools.map { t in
            "\(t.name): " + (t.total.map { Format.score($0) } ?? (t.eliminated.map { "eliminated (\($0))" } ?? "no evidence yet"))
        }.joined(separator: "; ")
        let top = 40.0
        let bottom = top + Double(card.tools.count) * rowHeight
        var svg = SVGDocument(width: width, height: 0, title: title, summary: "Total score out of 10, split by criterion. " + summary)
        svg.text(TextMetrics.fit(title, maxWidth: width - 32, size: 14, bold: true), x: 16, y: 22, className: "title")
        axis(in: &svg, top: top - 4, bottom: bottom, maximum: 10, ticks: 5) { Numbers.format($0) }
        let scale = (right - left) / 10
        for (row, tool) in card.tools.enumerated() {
            let y = top + Double(row) * rowHeight
            svg.text(name(tool.name, bold: tool.tool == card.winner), x: 16, y: y + 15, className: tool.tool == card.winner ? "bold" : "label")
            guard let total = tool.total else {
                let why = tool.eliminated.map { "eliminated: \($0)" } ?? "no evidence yet"
                svg.text(TextMetrics.fit(why, maxWidth: right - left, size: 11), x: left + 6, y: y + 15, className: "muted")
                continue
            }
            let parts = order.compactMap { id -> (String, Double, Double)? in
                guard let s = tool.criteria.first(where: { $0.criterion == id })?.score else { return nil }
                return (id, s, (weights[id] ?? 0) * s)
            }
            let sum = parts.reduce(0) { $0 + $1.2 }
            var x = left
            for (id, score, contribution) in parts where sum > 0 && contribution > 0 {
                let w = total * contribution / sum * scale
                let criterionTitle = criteria.first { $0.id == id }?.title ?? id
                svg.rect(
                    x: x, y: y + 4, width: w, height: rowHeight - 8, className: "segment",
                    style: "fill:\(colors[id] ?? "#888")",
                    tooltip: "\(criterionTitle): score \(Format.score(score)), weight \(Format.percent(weights[id] ?? 0))")
                x += w
            }
            svg.text(Format.score(total), x: left + total * scale + 6, y: y + 16, className: "bold")
        }
        let legendHeight = legend(
            order.map { id in
                let c = criteria.first { $0.id == id }
                return ("\(c?.title ?? id) (\(Format.percent(weights[id] ?? 0)))", colors[id]!)
            }, in: &svg, top: bottom + 36)
        svg.height = bottom + 36 + legendHeight
        return svg.render()
    }

    // MARK: - Per-step measurements

    /// Which measurement a step chart shows.
    public enum StepMeasure: Sendable {
        case wall
        case memory
    }

    /// Per step, one bar per tool at the median with a min–max whisker; each step has its own scale.
    public static func stepBars(stage: Stage, measurements: Measurements, measure: StepMeasure) -> String {
        let title = (measure == .wall ? "Wall time per step: " : "Peak memory per step: ") + stage.title
        let steps = stage.scenario?.steps ?? []
        let any = steps.contains { step in
            stage.candidates.contains { measurements.measurement(stage: stage.id, tool: $0.id, step: step.id) != nil }
        }
        guard any else { return message(title: title, text: "No measurements: no evidence yet.") }
        func summary(_ m: StepMeasurement?) -> StepMeasurement.Summary? { measure == .wall ? m?.wall : m?.memory }
        func label(_ v: Double) -> String { measure == .wall ? Format.seconds(v) : Numbers.bytes(Int64(v)) }
        var svg = SVGDocument(
            width: width, height: 0, title: title,
            summary: "Median over warm repetitions with the minimum–maximum range as a whisker; each step has its own scale. Steps not run, failed or unsupported are named.")
        svg.text(TextMetrics.fit(title, maxWidth: width - 32, size: 14, bold: true), x: 16, y: 22, className: "title")
        var y = 44.0
        for step in steps {
            svg.text(TextMetrics.fit(step.title, maxWidth: width - 32, size: 12, bold: true), x: 16, y: y + 12, className: "bold")
            y += 20
            let maximum = stage.candidates.compactMap {
                summary(measurements.measurement(stage: stage.id, tool: $0.id, step: step.id))?.max
            }.max() ?? 0
            let scale = maximum > 0 ? (right - left - 70) / maximum : 0
            for tool in stage.candidates {
                let m = measurements.measurement(stage: stage.id, tool: tool.id, step: step.id)
                svg.text(name(tool.name), x: 28, y: y + 13, className: "label")
                if let s = summary(m) {
                    svg.rect(
                        x: left, y: y + 3, width: max(1, s.median * scale), height: 14, className: "bar",
                        style: "fill:\(ChartStyle.color(of: tool.id, among: stage.candidates.map(\.id)))",
                        tooltip: "\(tool.name): median \(label(s.median)), min \(label(s.min)), max \(label(s.max)), n=\(s.n)")
                    if s.max > s.min {
                        let (x1, x2) = (left + s.min * scale, left + s.max * scale)
                        svg.line(x1: x1, y1: y + 10, x2: x2, y2: y + 10, className: "whisker")
                        svg.line(x1: x1, y1: y + 5, x2: x1, y2: y + 15, className: "whisker")
                        svg.line(x1: x2, y1: y + 5, x2: x2, y2: y + 15, className: "whisker")
                    }
                    svg.text("\(label(s.median)) (n=\(s.n))", x: left + max(s.max, s.median) * scale + 6, y: y + 14, className: "small")
                } else {
                    let why = Format.statusText(m?.status, reason: m?.reason)
                    svg.text(TextMetrics.fit(why, maxWidth: right - left, size: 11), x: left + 4, y: y + 14, className: "muted")
                }
                y += 20
            }
            y += 8
        }
        svg.height = y + 8
        return svg.render()
    }

    // MARK: - Criteria heatmap

    /// Tools × criteria, each cell shaded by its 0–10 score; unknown cells say so.
    public static func heatmap(card: StageScorecard, criteria: [Criterion]) -> String {
        let title = "Criterion scores (0–10): \(card.title)"
        guard !card.tools.isEmpty else { return message(title: title, text: "No candidates.") }
        let cell = min(100.0, (width - left - 16) / Double(max(1, criteria.count)))
        let top = 58.0
        var svg = SVGDocument(
            width: width, height: top + Double(card.tools.count) * 28 + 16, title: title,
            summary: "Each cell is a tool's criterion score out of 10; darker is better; unknown means no evidence yet.")
        svg.text(TextMetrics.fit(title, maxWidth: width - 32, size: 14, bold: true), x: 16, y: 22, className: "title")
        for (column, criterion) in criteria.enumerated() {
            svg.text(
                TextMetrics.fit(criterion.title, maxWidth: cell - 6, size: 11, bold: true), x: left + Double(column) * cell + cell / 2,
                y: top - 8, className: "small", anchor: .middle)
        }
        for (row, tool) in card.tools.enumerated() {
            let y = top + Double(row) * 28
            svg.text(name(tool.name), x: 16, y: y + 17, className: "label")
            for (column, criterion) in criteria.enumerated() {
                let x = left + Double(column) * cell
                let score = tool.criteria.first { $0.criterion == criterion.id }
                if let value = score?.score {
                    let opacity = Numbers.fixed(0.12 + 0.88 * min(max(value, 0), 10) / 10, decimals: 2)
                    svg.rect(
                        x: x + 1, y: y + 1, width: cell - 2, height: 26, className: "cell",
                        style: "fill:#4e79a7;fill-opacity:\(opacity)",
                        tooltip: "\(tool.name), \(criterion.title): \(Format.score(value))")
                    svg.text(Format.score(value), x: x + cell / 2, y: y + 18, className: value >= 6 ? "bold on-dark" : "bold", anchor: .middle)
                } else {
                    svg.rect(x: x + 1, y: y + 1, width: cell - 2, height: 26, className: "unknown")
                    svg.text("unknown", x: x + cell / 2, y: y + 18, className: "muted", anchor: .middle)
                }
            }
        }
        return svg.render()
    }

    // MARK: - Win probability

    /// Each tool's probability of ranking first under randomly sampled weights.
    public static func winProbability(card: StageScorecard) -> String {
        let title = "Win probability under random weights: \(card.title)"
        guard let sensitivity = card.sensitivity, !sensitivity.winProbability.isEmpty else {
            return message(title: title, text: "No win probabilities: no evidence yet.")
        }
        let top = 40.0
        let bottom = top + Double(card.tools.count) * rowHeight
        let summary = card.tools.map { "\($0.name) \(Format.percent(sensitivity.winProbability[$0.tool]))" }
            .joined(separator: ", ")
        var svg = SVGDocument(
            width: width, height: bottom + 30, title: title,
            summary: "Share of \(Format.count(sensitivity.samples)) Dirichlet-sampled weightings (seed \(sensitivity.seed)) in which each tool ranks first: \(summary).")
        svg.text(TextMetrics.fit(title, maxWidth: width - 32, size: 14, bold: true), x: 16, y: 22, className: "title")
        axis(in: &svg, top: top - 4, bottom: bottom, maximum: 1, ticks: 4) { Format.percent($0) }
        for (row, tool) in card.tools.enumerated() {
            let y = top + Double(row) * rowHeight
            svg.text(name(tool.name), x: 16, y: y + 15, className: "label")
            guard let p = sensitivity.winProbability[tool.tool] else {
                svg.text("not ranked", x: left + 6, y: y + 15, className: "muted")
                continue
            }
            svg.rect(
                x: left, y: y + 4, width: p * (right - left), height: rowHeight - 8, className: "bar",
                style: "fill:\(ChartStyle.color(of: tool.tool, among: card.tools.map(\.tool)))", tooltip: "\(tool.name): \(Format.percent(p))")
            svg.text(Format.percent(p), x: left + p * (right - left) + 6, y: y + 16, className: "bold")
        }
        return svg.render()
    }

    // MARK: - Sensitivity

    /// The normalized weights with criterion `c` set to `x` and the others rescaled to keep their proportions
    /// (shared equally when they are all 0), as the flip-point analysis moves them.
    static func weightsAlongLine(_ m: DecisionMatrix, setting c: Int, to x: Double) -> [Double] {
        let rest = 1 - m.weights[c]
        let others = m.weights.indices.filter { $0 != c }
        return m.weights.indices.map { j in
            if j == c { return x }
            return rest > 1e-12 ? m.weights[j] * (1 - x) / rest : (1 - x) / Double(max(1, others.count))
        }
    }

    /// One panel per criterion: each ranked tool's total against that criterion's weight, the current weight
    /// dashed and the flip point marked.
    public static func sensitivity(card: StageScorecard, criteria: [Criterion], weights: [String: Double]) -> String {
        let title = "Sensitivity to each weight: \(card.title)"
        let ranked = card.tools.filter { $0.total != nil }
        guard ranked.count >= 2, let matrix = card.matrix, !matrix.criteria.isEmpty else {
            return message(title: title, text: "Needs two ranked candidates: no evidence yet.")
        }
        let flips = card.sensitivity?.flipPoints ?? []
        let columns = 3
        let (panelWidth, panelHeight) = (236.0, 170.0)
        let rows = (criteria.count + columns - 1) / columns
        let flipText = flips.map { f in
            "\(f.criterion): " + (f.flipsAt.map { "flips at \(Format.percent($0))" } ?? "no flip")
        }.joined(separator: "; ")
        var svg = SVGDocument(
            width: width, height: 0, title: title,
            summary: "Total score (0–10) of each ranked tool as one criterion's weight moves from 0 % to 100 %, the others keeping their proportions. Dashed: the current weight. Red dot: where the winner changes. \(flipText)")
        svg.text(TextMetrics.fit(title, maxWidth: width - 32, size: 14, bold: true), x: 16, y: 22, className: "title")
        for (index, criterion) in criteria.enumerated() {
            let px = 16 + Double(index % columns) * (panelWidth + 12)
            let py = 40 + Double(index / columns) * (panelHeight + 16)
            let (x0, x1, y0, y1) = (px + 26, px + panelWidth - 8, py + 24, py + panelHeight - 30)
            let weight = weights[criterion.id] ?? 0
            svg.text(TextMetrics.fit(criterion.title, maxWidth: panelWidth - 8, size: 12, bold: true), x: px, y: py + 12, className: "bold")
            svg.line(x1: x0, y1: y1, x2: x1, y2: y1, className: "axis")
            svg.line(x1: x0, y1: y0, x2: x0, y2: y1, className: "axis")
            let c = matrix.criteria.firstIndex(of: criterion.id)
            let samples = 48
            var values: [String: [(Double, Double)]] = [:]
            if let c {
                for i in 0...samples {
                    let x = Double(i) / Double(samples)
                    let totals = matrix.totals(weightsAlongLine(matrix, setting: c, to: x))
                    for (t, total) in totals.enumerated() {
                        if let total { values[matrix.tools[t], default: []].append((x, total)) }
                    }
                }
            }
            // Zoom the vertical axis onto the lines (whole points, at least 1 apart) so close totals stay apart.
            let all = values.values.flatMap { $0.map(\.1) }
            var (low, high) = ((all.min() ?? 0).rounded(.down), (all.max() ?? 10).rounded(.up))
            if high - low < 1 { high = min(10, low + 1); low = high - 1 }
            for v in [low, (low + high) / 2, high] {
                let y = y1 - (y1 - y0) * (v - low) / (high - low)
                svg.text(Numbers.format(v, decimals: 1), x: x0 - 4, y: y + 4, className: "small", anchor: .end)
                if v != low { svg.line(x1: x0, y1: y, x2: x1, y2: y, className: "grid") }
            }
            svg.text("0 %", x: x0, y: y1 + 13, className: "small", anchor: .middle)
            svg.text("100 %", x: x1, y: y1 + 13, className: "small", anchor: .end)
            func point(_ w: Double, _ t: Double) -> (Double, Double) {
                (x0 + (x1 - x0) * w, y1 - (y1 - y0) * (min(max(t, low), high) - low) / (high - low))
            }
            let curves = values.mapValues { $0.map { point($0.0, $0.1) } }
            for tool in ranked {
                guard let points = curves[tool.tool], points.count > 1 else { continue }
                svg.polyline(points, className: "series", style: "stroke:\(ChartStyle.color(of: tool.tool, among: card.tools.map(\.tool)))")
            }
            let cx = x0 + (x1 - x0) * weight
            svg.line(x1: cx, y1: y0, x2: cx, y2: y1, className: "current")
            svg.text("now \(Format.percent(weight))", x: px, y: y1 + 26, className: "small")
            if let c, let flip = flips.first(where: { $0.criterion == criterion.id }), let at = flip.flipsAt,
                let winner = card.winner, let w = matrix.tools.firstIndex(of: winner),
                let t = matrix.totals(weightsAlongLine(matrix, setting: c, to: at))[w]
            {
                let (fx, fy) = point(at, t)
                let newWinner = ranked.first { $0.tool == flip.newWinner }?.name ?? flip.newWinner ?? "another tool"
                svg.circle(cx: fx, cy: fy, r: 4.5, className: "flip", tooltip: "At \(Format.percent(at)) \(newWinner) wins")
                svg.text(
                    TextMetrics.fit("flips at \(Format.percent(at))", maxWidth: panelWidth / 2, size: 10),
                    x: px + panelWidth - 8, y: y1 + 26, className: "small", anchor: .end)
            }
        }
        let bottom = 40 + Double(rows) * (panelHeight + 16)
        let legendHeight = legend(
            ranked.map { ($0.name, ChartStyle.color(of: $0.tool, among: card.tools.map(\.tool))) }, in: &svg, top: bottom + 8)
        svg.height = bottom + 8 + legendHeight
        return svg.render()
    }
}
