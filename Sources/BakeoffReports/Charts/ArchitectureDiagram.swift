import BakeoffModel
import BakeoffScoring

/// The recommended stack as a pipeline: data → versioning → orchestration/training → tracking & registry →
/// web app → monitoring, a feedback edge back to retraining, and CI/CD along the code path.
public enum ArchitectureDiagram {
    /// The part a stage plays in the pipeline, which fixes where its box goes.
    public enum Role: String, CaseIterable, Sendable {
        case versioning, orchestration, tracking, app, monitoring, cicd
    }

    /// One stage's box: its title, the recommended tool and the runner-up (nil: none yet).
    public struct Node: Hashable, Sendable {
        public var role: Role
        public var stage: String
        public var title: String
        public var winner: String?
        public var runnerUp: String?
        /// How the hand-off from the previous box of the data path to this one fared for the two winners.
        public var handOff: HandOff

        public init(role: Role, stage: String, title: String, winner: String?, runnerUp: String?, handOff: HandOff = .none) {
            self.role = role
            self.stage = stage
            self.title = title
            self.winner = winner
            self.runnerUp = runnerUp
            self.handOff = handOff
        }
    }

    /// Whether the integration between two neighbouring winners was verified by a run.
    public enum HandOff: String, Sendable {
        /// Every step of their integration worked.
        case verified
        /// Their integration was run and some step did not work (or they cannot share an environment).
        case failed
        /// No run of their integration (or no integration joins the two stages).
        case unverified
        /// No incoming hand-off (the first box of the path).
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

    /// The nodes of a project: each assessed stage with its scorecard's winner and runner-up, placed by role
    /// (recognised from the stage id, else from the stage's order in the pipeline).
    public static func nodes(project: Project, scoreboard: Scoreboard, pairs: [PairRecord] = []) -> [Node] {
        let keywords: [(Role, [String])] = [
            (.tracking, ["track", "registry"]), (.versioning, ["version"]), (.orchestration, ["orchestr", "pipeline"]),
            (.cicd, ["ci-cd", "cicd", "ci"]), (.app, ["app"]), (.monitoring, ["monitor"]),
        ]
        let byOrder: [Role] = [.tracking, .versioning, .orchestration, .cicd, .app, .monitoring]
        var assigned: [Role: Stage] = [:]
        let stages = project.assessedStages
        for stage in stages {
            if let role = keywords.first(where: { r in assigned[r.0] == nil && r.1.contains { stage.id.contains($0) } })?.0 {
                assigned[role] = stage
            }
        }
        for stage in stages where !assigned.values.contains(where: { $0.id == stage.id }) {
            let preferred = (1...6).contains(stage.order) ? byOrder[stage.order - 1] : nil
            if let role = preferred, assigned[role] == nil {
                assigned[role] = stage
            } else if let free = byOrder.first(where: { assigned[$0] == nil }) {
                assigned[free] = stage
            }
        }
        func winner(_ role: Role) -> String? {
            assigned[role].flatMap { stage in scoreboard.stages.first { $0.stage == stage.id }?.winner }
        }
        // The data path: each box's hand-off comes from the box before it.
        let path: [Role] = [.versioning, .orchestration, .tracking, .app, .monitoring]
        func handOff(_ role: Role) -> HandOff {
            guard let i = path.firstIndex(of: role), i > 0, let to = assigned[role], let from = assigned[path[i - 1]] else { return .none }
            guard let a = winner(path[i - 1]), let b = winner(role) else { return .unverified }
            let runs = pairs.filter { $0.stages == [from.id, to.id] && $0.tools == [a, b] && $0.verdict != nil }
            if runs.isEmpty { return .unverified }
            return runs.allSatisfy { $0.verdict == .works } ? .verified : .failed
        }
        return Role.allCases.compactMap { role in
            guard let stage = assigned[role] else { return nil }
            let card = scoreboard.stages.first { $0.stage == stage.id }
            func name(_ id: String?) -> String? {
                id.map { id in card?.tools.first { $0.tool == id }?.name ?? stage.candidate(id)?.name ?? id }
            }
            return Node(
                role: role, stage: stage.id, title: stage.title, winner: name(card?.winner), runnerUp: name(card?.runnerUp),
                handOff: handOff(role))
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

    static func content(_ node: Node?, role: Role) -> [(String, Double, Bool, String)] {
        guard let node else {
            return lines(fallbackTitle(role), size: 11, bold: false, className: "small", maxLines: 2)
                + lines("not assessed", size: 12, bold: false, className: "muted", maxLines: 1)
        }
        var out = lines(node.title, size: 11, bold: false, className: "small", maxLines: 2)
        if let winner = node.winner {
            out += lines(winner, size: 14, bold: true, className: "tool", maxLines: 2)
        } else {
            out += lines(Format.unknown, size: 12, bold: false, className: "muted", maxLines: 1)
        }
        if let runnerUp = node.runnerUp {
            out += lines("runner-up: " + runnerUp, size: 11, bold: false, className: "small", maxLines: 2)
        }
        return out
    }

    static func fallbackTitle(_ role: Role) -> String {
        switch role {
        case .versioning: "Data versioning"
        case .orchestration: "Orchestration & training"
        case .tracking: "Tracking & model registry"
        case .app: "Web app"
        case .monitoring: "Model monitoring"
        case .cicd: "CI/CD"
        }
    }

    /// Places the boxes, their text and the edges.
    public static func layout(_ nodes: [Node]) -> Layout {
        let byRole = Dictionary(nodes.map { ($0.role, $0) }, uniquingKeysWith: { a, _ in a })
        let mainRoles: [Role] = [.versioning, .orchestration, .tracking, .app, .monitoring]
        let lineHeight: (Double) -> Double = { $0 + 4 }
        func height(_ content: [(String, Double, Bool, String)]) -> Double {
            2 * padding + content.reduce(0) { $0 + lineHeight($1.1) } + 4
        }
        let stageContent = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, content(byRole[$0], role: $0)) })
        let rowHeight = max(72, Role.allCases.map { height(stageContent[$0]!) }.max() ?? 72)
        let column: (Int) -> Double = { margin + Double($0) * (boxWidth + gap) }

        let topY = margin + 8
        let mainY = topY + rowHeight + 56
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
        let sourceContent = lines("Data", size: 14, bold: true, className: "tool", maxLines: 1)
            + lines("raw tables and files", size: 11, bold: false, className: "small", maxLines: 2)
        boxes.append(box("data", x: column(0), y: mainY, h: rowHeight, className: "source", content: sourceContent, centered: true))
        for (i, role) in mainRoles.enumerated() {
            boxes.append(box(role.rawValue, x: column(i + 1), y: mainY, h: rowHeight, className: "box", content: stageContent[role]!))
        }
        let codeContent = lines("Code", size: 14, bold: true, className: "tool", maxLines: 1)
            + lines("git repository", size: 11, bold: false, className: "small", maxLines: 2)
        boxes.append(box("code", x: column(0), y: topY, h: rowHeight, className: "source", content: codeContent, centered: true))
        boxes.append(box(Role.cicd.rawValue, x: column(1), y: topY, h: rowHeight, className: "box", content: stageContent[.cicd]!))

        var edges: [Edge] = []
        let midMain = mainY + rowHeight / 2
        var marks: [TextLine] = []
        for i in 0..<mainRoles.count {
            let handOff = i == 0 ? .none : byRole[mainRoles[i]]?.handOff ?? .unverified
            let kind = handOff == .none ? "edge" : "edge edge-\(handOff.rawValue)"
            edges.append(Edge(points: [(column(i) + boxWidth, midMain), (column(i + 1), midMain)], kind: kind, label: handOff.mark))
            if handOff != .none {
                let size = 13.0
                let width = TextMetrics.width(handOff.mark, size: size, bold: true)
                marks.append(
                    TextLine(
                        text: handOff.mark, x: column(i) + boxWidth + gap / 2 - width / 2, y: midMain - 7, size: size, bold: true,
                        className: "mark-\(handOff.rawValue)", width: width))
            }
        }
        let midTop = topY + rowHeight / 2
        edges.append(Edge(points: [(column(0) + boxWidth, midTop), (column(1), midTop)], kind: "code", label: nil))
        let orchestrationX = column(2) + boxWidth / 2
        let appX = column(4) + boxWidth / 2
        edges.append(
            Edge(points: [(column(1) + boxWidth, midTop), (orchestrationX, midTop), (orchestrationX, mainY)], kind: "code", label: nil))
        edges.append(Edge(points: [(orchestrationX, midTop), (appX, midTop), (appX, mainY)], kind: "code", label: nil))
        let feedbackY = mainY + rowHeight + 34
        let monitoringX = column(5) + boxWidth / 2
        edges.append(
            Edge(
                points: [
                    (monitoringX, mainY + rowHeight), (monitoringX, feedbackY), (orchestrationX, feedbackY),
                    (orchestrationX, mainY + rowHeight),
                ], kind: "feedback", label: nil))

        var labels: [TextLine] = []
        func label(_ text: String, x: Double, y: Double, className: String = "small") {
            labels.append(
                TextLine(text: text, x: x, y: y, size: 10, bold: false, className: className, width: TextMetrics.width(text, size: 10)))
        }
        label("tests, lint, deploy pipelines", x: orchestrationX + 8, y: midTop - 6)
        label("deploy app", x: appX + 8, y: mainY - 8)
        label("drift detected → retrain on fresh data", x: orchestrationX + 8, y: feedbackY - 6, className: "feedback-label")
        let width = column(5) + boxWidth + margin
        let legendY = feedbackY + 30
        label("→ data and models", x: margin, y: legendY)
        label("- - → feedback (retraining)", x: margin + 150, y: legendY, className: "feedback-label")
        label("··· → code path (CI/CD)", x: margin + 330, y: legendY, className: "code-label")
        label("✓ hand-off between the two winners verified by a run", x: margin, y: legendY + 16, className: "mark-verified-label")
        label("✗ run, and it failed", x: margin + 330, y: legendY + 16, className: "mark-failed-label")
        label("? not verified", x: margin + 480, y: legendY + 16)
        labels += marks
        return Layout(width: width, height: legendY + 32, boxes: boxes, edges: edges, labels: labels)
    }

    /// The diagram as SVG.
    public static func svg(_ nodes: [Node], title: String) -> String {
        let layout = layout(nodes)
        let described = nodes.map { n in
            "\(n.title): " + (n.winner.map { "\($0)" + (n.runnerUp.map { " (runner-up \($0))" } ?? "") } ?? Format.unknown)
                + (n.handOff == .none ? "" : ", hand-off into it \(n.handOff.rawValue)")
        }.joined(separator: "; ")
        var svg = SVGDocument(
            width: layout.width, height: layout.height, title: title,
            summary: "Data flows left to right through data versioning, orchestration and training, tracking and registry, the web app and monitoring; monitoring feeds retraining back; CI/CD tests and deploys code. \(described)")
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

    /// The same graph as a Mermaid flowchart; every label is quoted and escaped for Mermaid.
    public static func mermaid(_ nodes: [Node]) -> String {
        let byRole = Dictionary(nodes.map { ($0.role, $0) }, uniquingKeysWith: { a, _ in a })
        func label(_ role: Role) -> String {
            guard let node = byRole[role] else { return escape(fallbackTitle(role)) + "<br/>" + escape("not assessed") }
            var text = escape(node.title) + "<br/><b>" + escape(node.winner ?? Format.unknown) + "</b>"
            if let runnerUp = node.runnerUp { text += "<br/><small>" + escape("runner-up: " + runnerUp) + "</small>" }
            return text
        }
        var out = "%% The recommended stack, generated by bakeoff build from the scoreboard.\nflowchart LR\n"
        out += "  data[(\"Data\")]\n  code[(\"Code\")]\n"
        for role in Role.allCases { out += "  \(role.rawValue)[\"\(label(role))\"]\n" }
        out += "  data --> versioning\n"
        let path: [Role] = [.versioning, .orchestration, .tracking, .app, .monitoring]
        for (from, to) in zip(path, path.dropFirst()) {
            let handOff = byRole[to]?.handOff ?? .unverified
            let words = handOff == .verified ? "hand-off verified" : handOff == .failed ? "hand-off failed" : "not verified"
            out += "  \(from.rawValue) -- \"\(escape(words))\" --> \(to.rawValue)\n"
        }
        out += "  monitoring -. \"drift detected: retrain\" .-> orchestration\n"
        out += "  code -.-> cicd\n  cicd -. \"deploy pipelines\" .-> orchestration\n  cicd -. \"deploy app\" .-> app\n"
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
