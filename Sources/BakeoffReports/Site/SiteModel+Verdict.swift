import BakeoffModel
import BakeoffScoring

/// What a stage page shows first: the verdict, the comparison table of the deciding measurements, and the
/// facts matrix. All of it reads one `VerdictSummary`.
extension SiteModel {
    /// The verdict of one stage, read from its scorecard.
    public func verdict(_ stage: Stage) -> VerdictSummary {
        VerdictSummary(card: card(stage.id), stage: stage, criteria: criteria, weights: scoreboard.weights)
    }

    /// `Time to log the runs: 1.2 s against 3.4 s for MLflow` (the winner's value first, the count of
    /// repetitions left to the stage page).
    static func againstText(_ d: VerdictSummary.Deciding, _ verdict: VerdictSummary) -> String {
        func value(_ tool: ToolScore?) -> String? {
            tool.flatMap { t in d.values.first { $0.tool == t.tool }?.bare }
        }
        var text = d.title + ": " + (value(verdict.winner) ?? Format.unknown)
        if let runnerUp = verdict.runnerUp, let theirs = value(runnerUp) { text += " against \(theirs) for \(runnerUp.name)" }
        return text
    }

    /// The verdict in two sentences, as Markdown: who wins, by how much and what decided it; then what is
    /// provisional (or that nothing weighted is unknown).
    static func verdictMarkdown(_ v: VerdictSummary) -> String {
        let e = MarkdownText.escape
        guard let winner = v.winner, let total = winner.total else {
            return "No recommendation yet: no candidate has enough evidence to be ranked. Run the scenario with `bakeoff run` and add sourced facts, then `bakeoff build`.\n"
        }
        var first: String
        if let runnerUp = v.runnerUp, let second = runnerUp.total {
            if !v.tiedWithWinner.isEmpty {
                first = "No clear winner: **\(e(winner.name))** and **\(e(Prose.list(v.tiedWithWinner)))** tie at \(Format.score(total)) of 10 (inside the noise)"
            } else {
                first = "**\(e(winner.name))** wins with \(Format.score(total)) of 10 against \(Format.score(second)) for **\(e(runnerUp.name))**, a margin of \(Format.score(v.margin ?? total - second))"
            }
            let ahead = v.ahead
            if let top = ahead.first {
                func clause(_ d: VerdictSummary.Deciding) -> String {
                    let values = [winner, runnerUp].compactMap { t in d.values.first { $0.tool == t.tool }?.bare }
                    return "\(e(d.title.lowercased())) (\(e(values.joined(separator: " against "))))"
                }
                first += ", decided most by " + clause(top)
                if !top.measured, let measured = ahead.first(where: \.measured) {
                    first += " and, among the measurements, " + clause(measured)
                } else if let next = ahead.dropFirst().first {
                    first += " and " + clause(next)
                }
            } else {
                first += "; no single indicator separates them"
            }
        } else {
            first = "**\(e(winner.name))** is the only candidate that could be ranked (\(Format.score(total)) of 10)"
        }
        let second: String
        if let provisional = v.provisional {
            second = e(provisional)
        } else if v.runnerUp != nil {
            second = v.unknownShare > 0.005 || v.runnerUp?.criteria.contains(where: { $0.score == nil }) == true
                ? "Not provisional: no unknown could reverse the order."
                : "Not provisional: both have evidence on every weighted criterion."
        } else {
            second = "Nothing else could be ranked, so this is not a comparison yet."
        }
        return first + ". " + second + "\n"
    }

    /// Candidates as columns; rows: the total, the indicators that moved the margin most, steps done, the key
    /// facts, the cost and the win probability. One link per cell at most.
    func compareTable(_ stage: Stage, verdict: VerdictSummary, card: StageScorecard?) -> SiteViews.CompareTable {
        let tools = card?.tools ?? []
        let heads = tools.map { SiteViews.CompareHead(name: $0.name, winner: $0.tool == verdict.winner?.tool) }
        var rows: [SiteViews.CompareRow] = []
        rows.append(
            .init(
                label: "Total", note: "of 10, weighted",
                cells: tools.map { t in
                    // Why a tool is out is a sentence: it goes in the hover, the scores table says it in full.
                    let text = t.total.map { Format.score($0) + (t.rank.map { " (#\($0))" } ?? "") } ?? (t.eliminated == nil ? "not ranked" : "eliminated")
                    return .init(
                        text: text, href: "#scores", hover: t.eliminated ?? t.insufficientEvidence, best: t.tool == verdict.winner?.tool)
                }))
        for d in verdict.deciding.prefix(4) {
            let best = d.values.compactMap(\.score).max()
            let who = d.contribution > 0 ? "favours \(verdict.winner?.name ?? "")" : "favours \(verdict.runnerUp?.name ?? "")"
            rows.append(
                .init(
                    label: d.title,
                    note: (d.shownUnit.isEmpty ? "" : "\(d.shownUnit); ") + "\(who) by \(Numbers.fixed(abs(d.contribution), decimals: 2)) points",
                    cells: tools.map { t in
                        let v = d.values.first { $0.tool == t.tool }
                        let link = v.map { links($0.evidence) }?.first
                        let text = v?.display ?? Format.unknown
                        return .init(
                            text: text, href: link?.href, hover: link?.hover, best: best != nil && v?.score == best)
                    }))
        }
        if !verdict.stepsDone.isEmpty {
            let most = verdict.stepsDone.map(\.done).max()
            rows.append(
                .init(
                    label: "Steps done", note: "of the scenario's \(verdict.stepsDone[0].total)",
                    cells: tools.map { t in
                        guard let s = verdict.stepsDone.first(where: { $0.tool == t.tool }) else {
                            return .init(text: Format.unknown, href: nil, hover: nil, best: false)
                        }
                        return .init(
                            text: s.neverRun ? "never run" : "\(s.done) of \(s.total)", href: "#capability", hover: nil,
                            best: !s.neverRun && s.done == most)
                    }))
        }
        // A fact already shown as a deciding indicator's value is not repeated.
        let shown = Set(
            verdict.deciding.prefix(4).flatMap { d in
                d.values.flatMap { v in v.evidence.compactMap { if case .fact(_, _, let key, _, _) = $0 { key } else { nil } } }
            })
        for key in FactLabels.key where !shown.contains(key) {
            let facts = tools.map { t in stage.candidate(t.tool)?.fact(key) }
            guard facts.contains(where: { $0 != nil }) else { continue }
            rows.append(
                .init(
                    label: FactLabels.label(key), note: nil,
                    cells: zip(tools, facts).map { t, fact in
                        guard let fact else { return .init(text: Format.unknown, href: nil, hover: nil, best: false) }
                        return .init(
                            text: FactLabels.value(fact), href: "#" + Self.factAnchor(t.tool, key),
                            hover: "as of \(fact.asOf), \(Self.host(fact.source))", best: false)
                    }))
        }
        if tools.contains(where: { $0.cost != nil }), !verdict.deciding.prefix(4).contains(where: { $0.indicator == "tco" }) {
            let cheapest = tools.compactMap { $0.cost?.totalUSD }.min()
            rows.append(
                .init(
                    label: "Cost of ownership", note: tools.compactMap(\.cost).first.map { "USD over \($0.horizonMonths) months" },
                    cells: tools.map { t in
                        guard let cost = t.cost else { return .init(text: Format.unknown, href: nil, hover: nil, best: false) }
                        return .init(
                            text: Format.usd(cost.totalUSD), href: "#cost--" + Markup.anchor(t.tool), hover: nil,
                            best: cost.totalUSD == cheapest)
                    }))
        }
        if let s = card?.sensitivity {
            rows.append(
                .init(
                    label: "Win probability", note: "first under sampled weights",
                    cells: tools.map { t in
                        .init(
                            text: Format.percent(s.winProbability[t.tool]), href: "#sensitivity", hover: nil,
                            best: t.tool == verdict.winner?.tool)
                    }))
        }
        return .init(hasColumns: !heads.isEmpty, heads: heads, rows: rows)
    }

    /// Facts × candidates with human labels; each value's source, date and note in a numbered footnote.
    func factMatrix(_ stage: Stage) -> SiteViews.FactMatrix {
        let keys = Array(Set(stage.candidates.flatMap { $0.facts.map(\.key) }))
        // Documented facts in the label table's reading order, then any other key alphabetically by label.
        let order = FactLabels.key + ["pricing.summary", "pricing.seat_usd_month", "managed_hosting", "first_release", "latest_release", "integrations"]
        let sorted = keys.sorted { a, b in
            let (x, y) = (order.firstIndex(of: a) ?? order.count, order.firstIndex(of: b) ?? order.count)
            return (x, FactLabels.label(a), a) < (y, FactLabels.label(b), b)
        }
        var notes: [SiteViews.FactNote] = []
        var rows: [SiteViews.FactMatrixRow] = []
        for key in sorted {
            var cells: [SiteViews.FactCell] = []
            for tool in stage.candidates {
                let anchor = Self.factAnchor(tool.id, key)
                guard let fact = tool.fact(key) else {
                    cells.append(.init(anchor: anchor, value: Format.unknown, footnote: nil, footnoteAnchor: "", hover: ""))
                    continue
                }
                let number = String(notes.count + 1)
                let noteAnchor = "source--" + Markup.anchor(tool.id, key)
                let url = Markup.safeURL(fact.source)
                notes.append(
                    .init(
                        number: number, anchor: noteAnchor, tool: tool.name, label: FactLabels.label(key), url: url,
                        host: url.map(Self.host) ?? "", source: fact.source, asOf: fact.asOf.description, note: fact.note))
                cells.append(
                    .init(
                        anchor: anchor, value: FactLabels.value(fact), footnote: number, footnoteAnchor: noteAnchor,
                        hover: "as of \(fact.asOf), \(Self.host(fact.source))"))
            }
            rows.append(.init(label: FactLabels.label(key), cells: cells))
        }
        return .init(tools: stage.candidates.map(\.name), rows: rows, notes: notes)
    }
}

extension SiteModel {
    /// The overview's confidence note: the split of the weight, then what held the level below high.
    static func confidenceShort(_ v: VerdictSummary) -> String {
        let split = "\(Format.percent(v.measuredShare)) measured, \(Format.percent(v.factShare)) sourced"
            + (v.unknownShare > 0.005 ? ", \(Format.percent(v.unknownShare)) unknown" : "")
        return split + (v.limits.isEmpty ? "" : "; held back by: " + v.limits.joined(separator: "; "))
    }
}
