import BakeoffModel
import BakeoffScoring

/// The recommended stack as the project's own flow: every assessed stage is a box with its winner and
/// runner-up, placed by its `flow:` in stage.yaml (lane, the stages it follows, a source box, extra feeds) and the
/// integrations between stages; without any `flow:`, a plain chain of the assessed stages in order.
///
/// Nothing is recognised from stage names: a stage goes where its data says, and every assessed stage is drawn.
public enum ArchitectureDiagram {
    /// One stage's box: its title, the recommended tool and the runner-up (nil: none yet), its place, and the
    /// edges that come into it.
    public struct Node: Hashable, Sendable {
        public var stage: String
        public var title: String
        /// The recommended tool (the whole-stack choice where there is one).
        public var winner: String?
        /// The fallback: the stage's runner-up, or its own winner where the stack takes another tool.
        public var runnerUp: String?
        /// True when `runnerUp` is the stage's winner, which the stack passed over.
        public var fallbackIsStageWinner: Bool = false
        public var lane: StageFlow.Lane
        /// Column from the left (0 is the first), counting source boxes.
        public var column: Int
        /// Row within the column (main lane; the side lane has one row).
        public var row: Int
        /// A box feeding the stage from the left.
        public var source: StageFlow.Source?
        /// The edges into this stage.
        public var inputs: [Link]

        public init(
            stage: String, title: String, winner: String?, runnerUp: String?, lane: StageFlow.Lane = .main, column: Int,
            row: Int = 0, source: StageFlow.Source? = nil, inputs: [Link] = []
        ) {
            self.stage = stage
            self.title = title
            self.winner = winner
            self.runnerUp = runnerUp
            self.lane = lane
            self.column = column
            self.row = row
            self.source = source
            self.inputs = inputs
        }

        /// How the fallback is labelled in the box.
        var fallbackLabel: String { fallbackIsStageWinner ? "stage winner" : "runner-up" }
    }

    /// An edge into a stage.
    public struct Link: Hashable, Sendable {
        public enum Kind: String, Sendable {
            /// The main flow, left to right.
            case flow
            /// Back to an earlier stage, below the main lane.
            case feedback
            /// Down from a side-lane stage.
            case side
        }

        public var from: String
        public var kind: Kind
        public var label: String?
        /// For a flow edge: how the integration between the two winners fared (`none` when no integration joins them).
        public var handOff: HandOff

        public init(from: String, kind: Kind, label: String? = nil, handOff: HandOff = .none) {
            self.from = from
            self.kind = kind
            self.label = label
            self.handOff = handOff
        }
    }

    /// Whether the integration between two neighbouring winners was verified by a run.
    public enum HandOff: String, Sendable {
        /// Every step of their integration worked.
        case verified
        /// Their integration was run and some step did not work (or they cannot share an environment).
        case failed
        /// An integration joins the two stages and no run of it with the two winners was recorded.
        case unverified
        /// No integration joins the two stages (or the edge comes from a source box).
        case none

        var mark: String {
            switch self {
            case .verified: "✓"
            case .failed: "✗"
            case .unverified: "?"
            case .none: ""
            }
        }
    }

    /// The nodes of a project: each assessed stage with its recommended tool (`recommendation`, by default the
    /// stage winners) and its fallback, placed by its flow.
    public static func nodes(
        project: Project, scoreboard: Scoreboard, pairs: [PairRecord] = [], recommendation: Recommendation? = nil
    ) -> [Node] {
        let recommendation = recommendation ?? Recommendation.make(project: project, scoreboard: scoreboard, stack: nil)
        // A stage's parts (part_of) are picks within it, not steps of the pipeline: the parent's slide and page
        // name them.
        let stages = project.mainStages
        let assessed = Set(stages.map(\.id))
        func flow(_ id: String) -> StageFlow { project.stage(id)?.flow ?? StageFlow() }
        // What a stage follows as written (nil `after`: the previous main-lane stage of the catalog, in order).
        func declared(_ id: String) -> [String] {
            let f = flow(id)
            if let after = f.after { return after }
            if f.lane == .side || f.source != nil { return [] }
            let main = project.stages.filter { flow($0.id).lane == .main }
            guard let i = main.firstIndex(where: { $0.id == id }), i > 0 else { return [] }
            return [main[i - 1].id]
        }
        // An unassessed stage in between is skipped: its place passes to what it follows.
        func resolved(_ id: String, seen: Set<String> = []) -> [String] {
            var out: [String] = []
            for p in declared(id) where !seen.contains(p) {
                let more = assessed.contains(p) ? [p] : resolved(p, seen: seen.union([id, p]))
                for m in more where !out.contains(m) && m != id { out.append(m) }
            }
            return out
        }
        let mainStages = stages.filter { flow($0.id).lane == .main }
        let isMain = Set(mainStages.map(\.id))
        var preds: [String: [String]] = [:]
        for s in mainStages { preds[s.id] = resolved(s.id).filter { isMain.contains($0) } }
        func reaches(_ from: String, _ to: String) -> Bool {
            var stack = [from]
            var seen: Set<String> = []
            while let x = stack.popLast() {
                if x == to { return true }
                guard seen.insert(x).inserted else { continue }
                stack += mainStages.filter { preds[$0.id]?.contains(x) ?? false }.map(\.id)
            }
            return false
        }
        // The integrations add their hand-offs, unless one would turn the flow back on itself.
        for integration in project.integrations {
            let (a, b) = (integration.stages[0], integration.stages[1])
            guard isMain.contains(a), isMain.contains(b), !(preds[b]?.contains(a) ?? true), !reaches(b, a) else { continue }
            preds[b, default: []].append(a)
        }
        // Columns by the longest chain of predecessors; a cycle written in flow.after is broken at the stage
        // that comes first in order.
        var column: [String: Int] = [:]
        var remaining = mainStages.map(\.id)
        while !remaining.isEmpty {
            let ready = remaining.firstIndex { id in (preds[id] ?? []).allSatisfy { column[$0] != nil } } ?? 0
            let id = remaining.remove(at: ready)
            preds[id] = (preds[id] ?? []).filter { column[$0] != nil }
            column[id] = (preds[id] ?? []).map { column[$0]! + 1 }.max() ?? 0
        }
        let sideStages = stages.filter { flow($0.id).lane == .side }
        let hasSource = stages.contains { flow($0.id).source != nil }
        let offset = hasSource ? 1 : 0
        var row: [String: Int] = [:]
        var used: [Int: Int] = [:]
        for s in mainStages.sorted(by: { (column[$0.id]!, $0.order, $0.id) < (column[$1.id]!, $1.order, $1.id) }) {
            row[s.id] = used[column[s.id]!, default: 0]
            used[column[s.id]!, default: 0] += 1
        }
        var sideColumns: Set<Int> = []
        for s in sideStages {
            var c = resolved(s.id).compactMap { column[$0] }.map { $0 + 1 }.max() ?? 0
            while sideColumns.contains(c + offset) { c += 1 }
            column[s.id] = c
            sideColumns.insert(c + offset)
            row[s.id] = 0
        }
        func winner(_ id: String) -> String? { recommendation.tool(for: id) }
        func handOff(_ from: String, _ to: String) -> HandOff {
            guard project.integrations.contains(where: { $0.stages == [from, to] }) else { return .none }
            guard let a = winner(from), let b = winner(to) else { return .unverified }
            let runs = pairs.filter { $0.stages == [from, to] && $0.tools == [a, b] && $0.verdict != nil }
            if runs.isEmpty { return .unverified }
            return runs.allSatisfy { $0.verdict == .works } ? .verified : .failed
        }
        var inputs: [String: [Link]] = [:]
        for s in mainStages {
            for p in preds[s.id] ?? [] { inputs[s.id, default: []].append(Link(from: p, kind: .flow, handOff: handOff(p, s.id))) }
        }
        for s in stages {
            for feed in flow(s.id).feeds where assessed.contains(feed.to) && feed.to != s.id {
                inputs[feed.to, default: []].append(Link(from: s.id, kind: feed.kind == .feedback ? .feedback : .side, label: feed.label))
            }
        }
        let placed = mainStages.sorted { (column[$0.id]!, row[$0.id]!) < (column[$1.id]!, row[$1.id]!) } + sideStages
        return placed.map { stage in
            let card = scoreboard.stages.first { $0.stage == stage.id }
            func name(_ id: String?) -> String? {
                id.map { id in card?.tools.first { $0.tool == id }?.name ?? stage.candidate(id)?.name ?? id }
            }
            let f = flow(stage.id)
            // The fallback: the stage's runner-up, or its winner where the stack takes another tool.
            let pick = recommendation.tool(for: stage.id)
            let passedOver = pick != nil && pick != card?.winner
            var node = Node(
                stage: stage.id, title: stage.title, winner: name(pick), runnerUp: name(passedOver ? card?.winner : card?.runnerUp),
                lane: f.lane, column: column[stage.id]! + offset, row: row[stage.id]!,
                source: f.source, inputs: inputs[stage.id] ?? [])
            node.fallbackIsStageWinner = passedOver
            return node
        }
    }

    /// One line of text placed in a box, with its measured width.
    public struct TextLine: Hashable, Sendable {
        public var text: String
        public var x: Double
        public var y: Double
        public var size: Double
        public var bold: Bool
        public var className: String
        public var width: Double
    }

    /// A box and its text.
    public struct Box: Hashable, Sendable {
        public var id: String
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public var className: String
        public var lines: [TextLine]
    }

    /// An orthogonal edge through points, of kind `edge`, `feedback` or `code`.
    public struct Edge: Hashable, Sendable {
        public var points: [(Double, Double)]
        public var kind: String
        public var label: String?

        public static func == (a: Edge, b: Edge) -> Bool {
            a.kind == b.kind && a.label == b.label && a.points.map { [$0.0, $0.1] } == b.points.map { [$0.0, $0.1] }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            for p in points { hasher.combine(p.0); hasher.combine(p.1) }
        }
    }

    /// Where everything goes: exposed so tests can check that no text leaves its box and no boxes overlap.
    public struct Layout: Hashable, Sendable {
        public var width: Double
        public var height: Double
        public var boxes: [Box]
        public var edges: [Edge]
        public var labels: [TextLine]
    }

    static let boxWidth = 170.0
    static let gap = 46.0
    static let margin = 20.0
    static let padding = 10.0

    static func lines(
        _ text: String, size: Double, bold: Bool, className: String, maxLines: Int
    ) -> [(String, Double, Bool, String)] {
        TextMetrics.wrap(text, maxWidth: boxWidth - 2 * padding, size: size, bold: bold, maxLines: maxLines)
            .map { ($0, size, bold, className) }
    }

    static func content(_ node: Node) -> [(String, Double, Bool, String)] {
        var out = lines(node.title, size: 11, bold: false, className: "small", maxLines: 2)
        if let winner = node.winner {
            out += lines(winner, size: 14, bold: true, className: "tool", maxLines: 2)
        } else {
            out += lines(Format.unknown, size: 12, bold: false, className: "muted", maxLines: 1)
        }
        if let runnerUp = node.runnerUp {
            out += lines(node.fallbackLabel + ": " + runnerUp, size: 11, bold: false, className: "small", maxLines: 2)
        }
        return out
    }

    static func content(_ source: StageFlow.Source) -> [(String, Double, Bool, String)] {
        lines(source.title, size: 14, bold: true, className: "tool", maxLines: 1)
            + (source.note.isEmpty ? [] : lines(source.note, size: 11, bold: false, className: "small", maxLines: 2))
    }

    /// Places the boxes, their text and the edges.
    public static func layout(_ nodes: [Node]) -> Layout {
        let lineHeight: (Double) -> Double = { $0 + 4 }
        func height(_ content: [(String, Double, Bool, String)]) -> Double {
            2 * padding + content.reduce(0) { $0 + lineHeight($1.1) } + 4
        }
        let contents = nodes.map { content($0) } + nodes.compactMap { $0.source.map { content($0) } }
        let rowHeight = max(72, contents.map(height).max() ?? 72)
        let rowGap = 40.0
        let column: (Int) -> Double = { margin + Double($0) * (boxWidth + gap) }
        let hasSide = nodes.contains { $0.lane == .side }
        let topY = margin + 8
        let mainY = hasSide ? topY + rowHeight + 56 : topY
        let rows = (nodes.filter { $0.lane == .main }.map(\.row).max() ?? 0) + 1
        let mainBottom = mainY + Double(rows) * rowHeight + Double(rows - 1) * rowGap
        func y(_ node: Node) -> Double { node.lane == .side ? topY : mainY + Double(node.row) * (rowHeight + rowGap) }
        func mid(_ node: Node) -> Double { y(node) + rowHeight / 2 }
        func centerX(_ node: Node) -> Double { column(node.column) + boxWidth / 2 }

        var boxes: [Box] = []
        func box(
            _ id: String, x: Double, y: Double, h: Double, className: String,
            content: [(String, Double, Bool, String)], centered: Bool = false
        ) -> Box {
            var lines: [TextLine] = []
            let total = content.reduce(0) { $0 + lineHeight($1.1) }
            var baseline = centered ? y + (h - total) / 2 : y + padding + 2
            for (text, size, bold, className) in content {
                baseline += lineHeight(size)
                lines.append(
                    TextLine(
                        text: text, x: x + padding, y: baseline - 4, size: size, bold: bold, className: className,
                        width: TextMetrics.width(text, size: size, bold: bold)))
            }
            return Box(id: id, x: x, y: y, width: boxWidth, height: h, className: className, lines: lines)
        }
        var edges: [Edge] = []
        var labels: [TextLine] = []
        func label(_ text: String, x: Double, y: Double, className: String = "small") {
            labels.append(
                TextLine(text: text, x: x, y: y, size: 10, bold: false, className: className, width: TextMetrics.width(text, size: 10)))
        }
        var marks: [TextLine] = []
        let byStage = Dictionary(nodes.map { ($0.stage, $0) }, uniquingKeysWith: { a, _ in a })
        var occupied = Set(nodes.map { "\($0.lane == .side ? -1 : $0.row)/\($0.column)" })
        for node in nodes {
            if let source = node.source, node.column > 0, occupied.insert("\(node.lane == .side ? -1 : node.row)/\(node.column - 1)").inserted {
                boxes.append(
                    box("source-" + node.stage, x: column(node.column - 1), y: y(node), h: rowHeight, className: "source",
                        content: content(source), centered: true))
                edges.append(Edge(points: [(column(node.column - 1) + boxWidth, mid(node)), (column(node.column), mid(node))],
                    kind: node.lane == .side ? "code" : "edge", label: nil))
            }
            boxes.append(box(node.stage, x: column(node.column), y: y(node), h: rowHeight, className: "box", content: content(node)))
        }
        // Flow edges: straight between neighbours, through the gap before the target otherwise, and along a corridor
        // under the main lane when columns are skipped.
        var corridors = 0
        for node in nodes where node.lane == .main {
            for link in node.inputs where link.kind == .flow {
                guard let from = byStage[link.from] else { continue }
                let (x1, y1, x2, y2) = (column(from.column) + boxWidth, mid(from), column(node.column), mid(node))
                let kind = link.handOff == .none ? "edge" : "edge edge-\(link.handOff.rawValue)"
                let points: [(Double, Double)]
                if node.column == from.column + 1 {
                    points = y1 == y2 ? [(x1, y1), (x2, y2)] : [(x1, y1), (x2 - gap / 2, y1), (x2 - gap / 2, y2), (x2, y2)]
                } else {
                    let corridor = mainBottom + 14 + 8 * Double(corridors)
                    corridors += 1
                    points = [(x1, y1), (x1 + gap / 2, y1), (x1 + gap / 2, corridor), (x2 - gap / 2, corridor), (x2 - gap / 2, y2), (x2, y2)]
                }
                edges.append(Edge(points: points, kind: kind, label: link.handOff.mark))
                if link.handOff != .none {
                    let size = 13.0
                    let width = TextMetrics.width(link.handOff.mark, size: size, bold: true)
                    marks.append(
                        TextLine(
                            text: link.handOff.mark, x: x2 - gap / 2 - width / 2, y: y2 - 7, size: size, bold: true,
                            className: "mark-\(link.handOff.rawValue)", width: width))
                }
            }
        }
        // Side edges: along the side lane's middle, then down into each target, nearest first.
        let midTop = topY + rowHeight / 2
        for side in nodes where side.lane == .side {
            let targets = nodes.filter { $0.lane == .main }.flatMap { target in
                target.inputs.filter { $0.kind == .side && $0.from == side.stage }.map { (target, $0) }
            }.sorted { centerX($0.0) < centerX($1.0) }
            var previous: Double?
            for (target, link) in targets {
                let x = centerX(target)
                let start = previous ?? (x > column(side.column) ? column(side.column) + boxWidth : column(side.column))
                edges.append(Edge(points: [(start, midTop), (x, midTop), (x, y(target))], kind: "code", label: nil))
                if let text = link.label {
                    label(text, x: x + 8, y: previous == nil ? midTop - 6 : mainY - 8)
                }
                previous = x
            }
        }
        // Feedback edges: under the main lane (and its corridors), from the bottom of one box to another's.
        var feedbackY = mainBottom + 34 + 8 * Double(corridors)
        var lastFeedback: Double?
        for target in nodes {
            for link in target.inputs where link.kind == .feedback {
                guard let from = byStage[link.from] else { continue }
                let (a, b) = (centerX(from), centerX(target))
                edges.append(
                    Edge(points: [(a, y(from) + rowHeight), (a, feedbackY), (b, feedbackY), (b, y(target) + rowHeight)], kind: "feedback", label: nil))
                if let text = link.label { label(text, x: min(a, b) + 8, y: feedbackY - 6, className: "feedback-label") }
                lastFeedback = feedbackY
                feedbackY += 18
            }
        }
        let legendY = (lastFeedback ?? (mainBottom + 8 * Double(corridors))) + 30
        var legendX = margin
        func legend(_ text: String, className: String = "small") {
            label(text, x: legendX, y: legendY, className: className)
            legendX += TextMetrics.width(text, size: 10) + 40
        }
        let links = nodes.flatMap(\.inputs)
        if links.contains(where: { $0.kind == .flow }) { legend("→ flows into") }
        if links.contains(where: { $0.kind == .feedback }) { legend("- - → feeds back into", className: "feedback-label") }
        if links.contains(where: { $0.kind == .side }) { legend("··· → acts on", className: "code-label") }
        let hasMarks = !marks.isEmpty
        if hasMarks {
            label("✓ hand-off between the two picks verified by a run", x: margin, y: legendY + 16, className: "mark-verified-label")
            label("✗ run, and it failed", x: margin + 330, y: legendY + 16, className: "mark-failed-label")
            label("? not verified", x: margin + 480, y: legendY + 16)
        }
        labels += marks
        let right = (boxes.map { $0.x + $0.width }.max() ?? 0) + margin
        let width = max(right, (labels.map { $0.x + $0.width }.max() ?? 0) + margin)
        return Layout(width: width, height: legendY + (hasMarks ? 32 : 16), boxes: boxes, edges: edges, labels: labels)
    }

    /// What the diagram shows, in sentences generated from its edges (flow, feedback, side): the SVG's text
    /// description, and what a narration of the diagram can say without assuming any pipeline.
    public static func describe(_ nodes: [Node]) -> String {
        let title = Dictionary(nodes.map { ($0.stage, $0.title) }, uniquingKeysWith: { a, _ in a })
        let flows = nodes.flatMap { n in n.inputs.filter { $0.kind == .flow }.map { (from: $0.from, to: n.stage) } }
        // Chains read as one line (A → B → C); what branches or joins is listed edge by edge.
        func successors(_ id: String) -> [String] { flows.filter { $0.from == id }.map(\.to) }
        func predecessors(_ id: String) -> [String] { flows.filter { $0.to == id }.map(\.from) }
        var used: Set<String> = []
        var paths: [String] = []
        for node in nodes where node.lane == .main && predecessors(node.stage).count != 1 {
            var chain = [node.stage]
            var current = node.stage
            while successors(current).count == 1, let next = successors(current).first, predecessors(next).count == 1,
                !chain.contains(next)
            {
                used.insert("\(current)→\(next)")
                chain.append(next)
                current = next
            }
            // A lone stage is named only when no flow edge touches it (its edges are listed below otherwise).
            if chain.count > 1 || (successors(node.stage).isEmpty && predecessors(node.stage).isEmpty) {
                paths.append(chain.map { title[$0] ?? $0 }.joined(separator: " → "))
            }
        }
        for edge in flows where !used.contains("\(edge.from)→\(edge.to)") {
            paths.append("\(title[edge.from] ?? edge.from) → \(title[edge.to] ?? edge.to)")
        }
        var parts = [(nodes.count == 1 ? "One stage: " : "Left to right: ") + paths.joined(separator: "; ") + "."]
        let sources = nodes.compactMap { n in
            n.source.map { "\($0.title)" + ($0.note.isEmpty ? "" : " (\($0.note))") + " feeds \(n.title)" }
        }
        if !sources.isEmpty { parts.append(sources.joined(separator: "; ") + ".") }
        for kind in [Link.Kind.feedback, .side] {
            let edges = nodes.flatMap { n in
                n.inputs.filter { $0.kind == kind }.map { "\(title[$0.from] ?? $0.from) \(kind == .feedback ? "feeds back into" : "acts on") \(n.title)" + ($0.label.map { " (\($0))" } ?? "") }
            }
            if !edges.isEmpty { parts.append(edges.joined(separator: "; ") + ".") }
        }
        return parts.joined(separator: " ")
    }

    /// The diagram as SVG.
    public static func svg(_ nodes: [Node], title: String) -> String {
        let layout = layout(nodes)
        let described = nodes.map { n in
            "\(n.title): " + (n.winner.map { "\($0)" + (n.runnerUp.map { " (\(n.fallbackLabel) \($0))" } ?? "") } ?? Format.unknown)
                + (n.inputs.filter { $0.kind == .flow && $0.handOff != .none }.map { ", hand-off into it \($0.handOff.rawValue)" }.joined())
        }.joined(separator: "; ")
        var svg = SVGDocument(
            width: layout.width, height: layout.height, title: title,
            summary: describe(nodes) + " " + described)
        svg.raw(
            "<defs><marker id=\"a\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow\"/></marker>"
                + "<marker id=\"f\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow-feedback\"/></marker>"
                + "<marker id=\"c\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow-code\"/></marker>"
                + "<marker id=\"v\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow-verified\"/></marker>"
                + "<marker id=\"x\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow-failed\"/></marker></defs>"
                + "<style>.feedback-label{font-size:10px;fill:#e15759}.code-label{font-size:10px;fill:#4e79a7}"
                + ".edge-verified{stroke:#1a7f37;stroke-width:2.4}.arrow-verified{fill:#1a7f37}.mark-verified,.mark-verified-label{fill:#1a7f37}"
                + ".edge-failed{stroke:#cf222e;stroke-width:2;stroke-dasharray:5 3}.arrow-failed{fill:#cf222e}.mark-failed,.mark-failed-label{fill:#cf222e}"
                + ".edge-unverified{stroke-dasharray:3 3}.mark-verified,.mark-failed,.mark-unverified{font-size:13px;font-weight:bold}"
                + ".mark-verified-label,.mark-failed-label{font-size:10px}</style>")
        for edge in layout.edges {
            let d = edge.points.enumerated().map { i, p in (i == 0 ? "M" : "L") + SVGDocument.n(p.0) + "," + SVGDocument.n(p.1) }
                .joined()
            let marker =
                edge.kind == "feedback" ? "f" : edge.kind == "code" ? "c"
                : edge.kind.hasSuffix("verified") && !edge.kind.hasSuffix("unverified") ? "v" : edge.kind.hasSuffix("failed") ? "x" : "a"
            svg.raw("<path d=\"\(d)\" class=\"\(edge.kind)\" marker-end=\"url(#\(marker))\"/>")
        }
        for box in layout.boxes {
            svg.rect(x: box.x, y: box.y, width: box.width, height: box.height, className: box.className, rx: 8)
            for line in box.lines {
                svg.text(line.text, x: line.x, y: line.y, className: line.className)
            }
        }
        for label in layout.labels {
            svg.text(label.text, x: label.x, y: label.y, className: label.className)
        }
        return svg.render()
    }

    /// The same graph as a Mermaid flowchart; every label is quoted and escaped for Mermaid, and node ids are
    /// positional (`s1`, `s2`...) so no stage id can break the syntax.
    public static func mermaid(_ nodes: [Node]) -> String {
        let ids = Dictionary(nodes.enumerated().map { ($0.element.stage, "s\($0.offset + 1)") }, uniquingKeysWith: { a, _ in a })
        var out = "%% The recommended stack, generated by bakeoff build from the scoreboard.\nflowchart LR\n"
        for (i, node) in nodes.enumerated() {
            var text = escape(node.title) + "<br/><b>" + escape(node.winner ?? Format.unknown) + "</b>"
            if let runnerUp = node.runnerUp { text += "<br/><small>" + escape(node.fallbackLabel + ": " + runnerUp) + "</small>" }
            if let source = node.source { out += "  src\(i + 1)[(\"\(escape(source.title))\")]\n" }
            out += "  \(ids[node.stage]!)[\"\(text)\"]\n"
        }
        for (i, node) in nodes.enumerated() {
            let to = ids[node.stage]!
            if node.source != nil { out += "  src\(i + 1) \(node.lane == .side ? "-.->" : "-->") \(to)\n" }
            for link in node.inputs {
                guard let from = ids[link.from] else { continue }
                switch link.kind {
                case .flow:
                    let words: String? =
                        switch link.handOff {
                        case .verified: "hand-off verified"
                        case .failed: "hand-off failed"
                        case .unverified: "not verified"
                        case .none: nil
                        }
                    out += words.map { "  \(from) -- \"\(escape($0))\" --> \(to)\n" } ?? "  \(from) --> \(to)\n"
                case .feedback, .side:
                    out += link.label.map { "  \(from) -. \"\(escape($0))\" .-> \(to)\n" } ?? "  \(from) -.-> \(to)\n"
                }
            }
        }
        return out
    }

    /// Mermaid label text: entity codes for everything that could end the label or be read as markup.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", " ", ".", ",", "-", "_", ":", "/", "(", ")", "+", "'", "?", "!":
                out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { out += " "; continue }
                if scalar.value > 0x7F && !scalar.properties.isWhitespace && scalar.properties.generalCategory != .format {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "#\(scalar.value);"
                }
            }
        }
        return out
    }
}
