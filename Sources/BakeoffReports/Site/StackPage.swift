import BakeoffModel
import BakeoffScoring

extension SiteViews {
    public struct StackMemberRow: Sendable, Encodable {
        public var stage: String
        public var href: String
        public var tool: String
        public var alone: String
        public var inStack: String
        public var interoperability: String
        /// The stage's own winner when the stack takes another tool; nil when it is the same.
        public var winner: String?
    }

    public struct StackDifferenceRow: Sendable, Encodable {
        public var stage: String
        public var winner: String
        public var chosen: String
        public var why: String
    }

    /// One pair in an integration's matrix.
    public struct PairCell: Sendable, Encodable {
        /// works, partial, fails, unsupported, conflicts, documented or untried (the CSS class suffix).
        public var verdict: String
        /// What the cell says: the verdict in words and the pair's value.
        public var label: String
        /// The pair's evidence (its observations, or the documenting fact), nil when none.
        public var href: String?
        /// The first step that was not ok, and why; nil when every step was ok or the pair was not run.
        public var detail: String?
        /// How the pair's value was reached (installs together, hand-off share, documented); nil when unknown.
        public var basis: String?
    }

    public struct PairRow: Sendable, Encodable {
        public var tool: String
        public var cells: [PairCell]
    }

    public struct IntegrationView: Sendable, Encodable {
        public var anchor: String
        public var title: String
        public var upstream: String
        public var downstream: String
        /// HTML (Markdown rendered, raw HTML escaped).
        public var description: String
        public var steps: String
        public var columns: [String]
        public var rows: [PairRow]
        public var summary: String
    }

    public struct StackPage: Sendable, Encodable {
        public var site: Chrome
        public var pageTitle: String
        public var hasChoice: Bool
        public var problem: String?
        public var members: [StackMemberRow]
        public var total: String
        public var winnersTotal: String
        public var differences: [StackDifferenceRow]
        public var sameAsWinners: Bool
        /// Whether the chosen stack installs together, from a recorded `bakeoff stack check`, in words.
        public var installs: String
        /// The same for the stage winners' stack, when it differs from the chosen one.
        public var winnersInstall: String?
        public var robustness: String
        public var hasNext: Bool
        public var next: [String]
        public var integrations: [IntegrationView]
        /// Stages joined to no other by an integration (CI/CD acts on code, not data).
        public var unjoined: String?
    }
}

extension SiteModel {
    /// The verdict words of a pair, and its CSS class.
    static func verdict(_ pair: PairRecord) -> (label: String, css: String) {
        switch pair.verdict {
        case .works?: ("works", "works")
        case .partial?:
            ("partial: \(pair.steps.filter { $0.status == .ok }.count) of \(pair.steps.count) steps", "partial")
        case .fails?: ("fails", "fails")
        case .unsupported?: ("unsupported", "unsupported")
        case .conflicts?: ("cannot share an environment", "conflicts")
        case nil: pair.value == nil ? ("not run", "untried") : ("documented, not run", "documented")
        }
    }

    /// Where a pair's evidence is: the observations of its first step that was not ok (else its first step),
    /// or the fact that documents it.
    func pairLink(_ pair: PairRecord) -> String? {
        if let step = pair.steps.first(where: { $0.status != .ok }) ?? pair.steps.first {
            return links([.observations(stage: pair.integration, tool: pair.id, step: step.step, runs: pair.runs)]).first?.href
        }
        return pair.documented.first.flatMap { links([$0]).first?.href }
    }

    public func stackPage() -> SiteViews.StackPage {
        let analysis = stack
        func toolName(_ stage: String, _ tool: String) -> String { project.stage(stage)?.candidate(tool)?.name ?? tool }
        func stageTitle(_ stage: String) -> String { project.stage(stage)?.title ?? stage }
        var members: [SiteViews.StackMemberRow] = []
        var differences: [SiteViews.StackDifferenceRow] = []
        if let choice = analysis.choice {
            for (m, w) in zip(choice.members, choice.winners) {
                members.append(
                    .init(
                        stage: stageTitle(m.stage), href: Self.stagePage(m.stage), tool: toolName(m.stage, m.tool),
                        alone: Format.score(m.alone), inStack: Format.score(m.inStack),
                        interoperability: Format.score(m.interoperability), winner: m.tool == w.tool ? nil : toolName(w.stage, w.tool)))
            }
            differences = choice.differences.map {
                .init(stage: stageTitle($0.stage), winner: toolName($0.stage, $0.winner), chosen: toolName($0.stage, $0.chosen), why: $0.why)
            }
        }
        let integrations = project.integrations.map { integration -> SiteViews.IntegrationView in
            let pairs = analysis.pairs.filter { $0.integration == integration.id }
            let ups = uniqued(pairs.map { $0.tools[0] }), downs = uniqued(pairs.map { $0.tools[1] })
            let rows = ups.map { up in
                SiteViews.PairRow(
                    tool: toolName(integration.stages[0], up),
                    cells: downs.map { down in
                        guard let pair = pairs.first(where: { $0.tools == [up, down] }) else {
                            return .init(verdict: "untried", label: "—", href: nil, detail: nil, basis: nil)
                        }
                        let (label, css) = Self.verdict(pair)
                        let value = pair.value.map { " · " + Numbers.fixed($0, decimals: 2) } ?? ""
                        // The cell shows why a step was not ok; how the value was reached is its tooltip.
                        let detail = pair.steps.first(where: { $0.status != .ok }).map { failed in
                            "\(failed.step): \(failed.status.rawValue)" + (failed.reason.map { ": \(MachinePaths.withoutHomes($0))" } ?? "")
                        }
                        return .init(
                            verdict: css, label: label + value, href: pairLink(pair), detail: detail,
                            basis: pair.value == nil ? nil : pair.basis)
                    })
            }
            let tried = pairs.filter { $0.verdict != nil }
            let counts = PairVerdict.allCases.compactMap { v -> String? in
                let n = tried.filter { $0.verdict == v }.count
                return n > 0 ? "\(n) \(v == .conflicts ? "cannot share an environment" : v.rawValue)" : nil
            }
            return .init(
                anchor: "integration--" + Markup.anchor(integration.id), title: integration.title,
                upstream: stageTitle(integration.stages[0]), downstream: stageTitle(integration.stages[1]),
                description: MarkdownRenderer.html(integration.scenario.description),
                steps: integration.scenario.steps.map(\.title).joined(separator: "; "),
                columns: downs.map { toolName(integration.stages[1], $0) }, rows: rows,
                summary: "\(tried.count) of \(pairs.count) pairs run" + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")))
        }
        let joined = Set(project.integrations.flatMap(\.stages))
        let unjoined = project.assessedStages.filter { !joined.contains($0.id) }.map(\.title)
        let choice = analysis.choice
        var installs = "", winnersInstall: String?, robustness = ""
        var next: [String] = []
        if let c = choice {
            installs = StackFormatter.installs(c.members.map(\.tool), analysis)
            if !c.differences.isEmpty { winnersInstall = StackFormatter.installs(c.winners.map(\.tool), analysis) }
            robustness = "\(Format.percent(c.robustness)) of \(Format.count(c.samples)) weight samples"
            for (tools, total) in zip(c.runnersUp, c.runnersUpTotals) {
                let names = zip(c.members, tools).map { toolName($0.stage, $1) }
                next.append(names.joined(separator: " + ") + " (\(Format.score(total)))")
            }
        }
        return .init(
            site: chrome(current: Self.stackPage), pageTitle: "Stack", hasChoice: choice != nil, problem: analysis.problem,
            members: members, total: choice.map { Format.score($0.total) } ?? Format.unknown,
            winnersTotal: choice.map { Format.score($0.winnersTotal) } ?? Format.unknown, differences: differences,
            sameAsWinners: choice?.differences.isEmpty ?? false, installs: installs, winnersInstall: winnersInstall,
            robustness: robustness, hasNext: !next.isEmpty, next: next,
            integrations: integrations, unjoined: unjoined.isEmpty ? nil : unjoined.joined(separator: ", "))
    }

    private func uniqued(_ list: [String]) -> [String] {
        var seen: Set<String> = []
        return list.filter { seen.insert($0).inserted }
    }
}
