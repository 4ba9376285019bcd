import BakeoffModel
import BakeoffScoring

/// `bakeoff score`: the scoreboard as a terminal table, JSON (the DESIGN.md contract plus details) or CSV; the
/// build's `data/scores.json` and `data/scores.csv` are the same text. No I/O.
public enum ScoreboardFormatter {
    // MARK: text

    /// Per stage: a table (rank, tool, total, each criterion with confidence marks), the winner and margin, the
    /// flip points, the win probabilities and the TOPSIS cross-check.
    public static func text(_ board: Scoreboard) -> String {
        var out = "Profile \(board.profile): " + board.criteria.map { "\($0) \(percent(board.weights[$0] ?? 0))" }.joined(separator: ", ") + "\n"
        for card in board.stages {
            out += "\n\(card.stage) · \(card.title)\n"
            var rows: [[String]] = [["rank", "tool", "total", "steps"] + board.criteria]
            var notes: [String] = []
            for tool in card.tools {
                if let rank = tool.rank, let total = tool.total {
                    rows.append([String(rank), tool.tool, Numbers.fixed(total, decimals: 2), steps(tool)] + board.criteria.map { id in
                        guard let c = tool.criteria.first(where: { $0.criterion == id }), let s = c.score else { return "—" }
                        return Numbers.fixed(s, decimals: 1) + mark(c.confidence)
                    })
                } else {
                    rows.append(["–", tool.tool, "–", steps(tool)] + board.criteria.map { _ in "" })
                    notes.append("  \(tool.tool): \(tool.eliminated.map { "eliminated: \($0)" } ?? tool.insufficientEvidence ?? "unranked")")
                }
            }
            out += table(rows, rightAligned: [0, 2, 3] + board.criteria.indices.map { $0 + 4 })
            out += notes.map { $0 + "\n" }.joined()
            guard let winner = card.winner else {
                out += "  No winner: no candidate could be ranked.\n"
                continue
            }
            if let runnerUp = card.runnerUp, let margin = card.margin {
                out += "  Winner: \(winner), \(Numbers.fixed(margin, decimals: 2)) ahead of \(runnerUp).\n"
            } else {
                out += "  Winner: \(winner), the only ranked candidate.\n"
            }
            for note in VerdictNotes.all(card) { out += "  \(note)\n" }
            if let cost = VerdictNotes.costs(card) { out += "  \(cost)\n" }
            guard let s = card.sensitivity else { continue }
            let flips = s.flipPoints.filter { $0.flipsAt != nil }
            if flips.isEmpty {
                out += "  Flip points: none; no single weight change makes another candidate win.\n"
            } else {
                let listed = flips.map { f in "\(f.criterion) \(percent(f.weight)) → \(percent(f.flipsAt!)) (\(f.newWinner ?? "?"))" }
                out += "  Flip points: " + listed.joined(separator: ", ")
                if let critical = s.mostCritical, let f = flips.first(where: { $0.criterion == critical }) {
                    out += "; most critical: \(critical) (\(points(abs(f.flipsAt! - f.weight))) points away)"
                }
                out += ".\n"
            }
            if s.samples > 0 {
                let odds = s.winProbability.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                    .map { "\($0.key) \(percent($0.value, decimals: 1))" }
                let draws = s.measurementDraws > 0 ? ", cycling through \(s.measurementDraws) bootstrap draws of the measured repetitions" : ""
                out += "  Win probability (\(s.samples) weight samples, seed \(s.seed), Dirichlet k=\(Numbers.format(s.concentration))\(draws)): "
                    + odds.joined(separator: ", ") + ".\n"
            }
            if let t = s.topsisWinner {
                let on = s.topsisCriteria.count == board.criteria.filter({ (board.weights[$0] ?? 0) > 0 }).count
                    ? "" : " (on \(s.topsisCriteria.joined(separator: ", ")), the criteria known for every ranked candidate)"
                out += s.methodsAgree
                    ? "  TOPSIS\(on) agrees: \(t) first.\n"
                    : "  Warning: TOPSIS\(on) ranks \(t) first; the winner depends on the method.\n"
            } else {
                out += "  TOPSIS: not computed (no weighted criterion is known for every ranked candidate).\n"
            }
        }
        out += "\nMarks: ~ medium confidence, ? low confidence (some indicators unknown, each counted at the worst score a ranked candidate has on it); — nothing known for any candidate, left out with the other weights renormalized; steps: scenario steps done in the tool's evidence run.\n"
        return out
    }

    static func steps(_ tool: ToolScore) -> String {
        tool.coverage.map { "\($0.done)/\($0.total)" } ?? (tool.notMeasured ? "not run" : "")
    }

    static func mark(_ c: Confidence) -> String {
        switch c {
        case .high: ""
        case .medium: "~"
        case .low, .none: "?"
        }
    }

    static func percent(_ share: Double, decimals: Int = 0) -> String { Numbers.format(share * 100, decimals: decimals) + "%" }
    static func points(_ share: Double) -> String { Numbers.format(share * 100, decimals: 1) }

    static func table(_ rows: [[String]], rightAligned: [Int]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
    }

    // MARK: JSON

    /// `{"profile", "weights", "stages": [{"id", "winner", "ranking": [{"tool", "score", "criteria"}], ...}]}`
    /// as DESIGN.md promises, plus confidence, indicators with evidence, cost lines, unranked tools and sensitivity.
    public static func json(_ board: Scoreboard) -> String { jsonValue(board).rendered() }

    public static func jsonValue(_ board: Scoreboard) -> JSONValue {
        .object([
            "profile": .string(board.profile),
            "weights": .object(board.weights.mapValues { .number($0) }),
            "relative_weights": .object(board.relativeWeights.mapValues { .number($0) }),
            "criteria": .array(board.criteria.map { .string($0) }),
            "stages": .array(board.stages.map(stageJSON)),
        ])
    }

    static func stageJSON(_ card: StageScorecard) -> JSONValue {
        let ranked = card.tools.filter { $0.rank != nil }
        let unranked = card.tools.filter { $0.rank == nil }
        return .object([
            "id": .string(card.stage),
            "title": .string(card.title),
            "winner": .optional(card.winner),
            "runner_up": .optional(card.runnerUp),
            "margin": .optional(card.margin),
            "ranking": .array(ranked.map(toolJSON)),
            "unranked": .array(unranked.map(toolJSON)),
            "sensitivity": card.sensitivity.map(sensitivityJSON) ?? .null,
            "provisional": card.provisional.map { p in
                .object([
                    "challenger": .string(p.challenger), "deciding": .array(p.deciding.map { .string($0) }),
                    "challenger_best": .number(p.challengerBest), "winner_total": .number(p.winnerTotal), "next": .string(p.next),
                ])
            } ?? .null,
            "tied_with_winner": .array(card.tiedWithWinner.map { .string($0) }),
            "undecisive_criteria": .array(card.undecisiveCriteria.map { .string($0) }),
            "evidence_warnings": .array(card.evidenceWarnings.map { .string($0) }),
            "not_measured": .array(card.notMeasured.map { .string($0) }),
            "notes": .array(VerdictNotes.all(card).map { .string($0) }),
        ])
    }

    static func toolJSON(_ tool: ToolScore) -> JSONValue {
        var criteria: [String: JSONValue] = [:], confidence: [String: JSONValue] = [:]
        for c in tool.criteria {
            criteria[c.criterion] = .optional(c.score)
            confidence[c.criterion] = .object(["level": .string(c.confidence.rawValue), "known": .number(Double(c.known)), "total": .number(Double(c.total))])
        }
        var object: [String: JSONValue] = [
            "tool": .string(tool.tool),
            "name": .string(tool.name),
            "rank": tool.rank.map { .number(Double($0)) } ?? .null,
            "score": .optional(tool.total),
            "criteria": .object(criteria),
            "confidence": .object(confidence),
            "indicators": .array(tool.indicators.map(indicatorJSON)),
            "cost": tool.cost.map(costJSON) ?? .null,
        ]
        if let c = tool.coverage {
            object["coverage"] = .object([
                "done": .number(Double(c.done)), "total": .number(Double(c.total)),
                "not_done": .object(c.notDone.mapValues { .string($0) }),
            ])
        }
        object["evidence_run"] = .optional(tool.evidenceRun)
        object["not_measured"] = .bool(tool.notMeasured)
        if let e = tool.eliminated { object["eliminated"] = .string(e) }
        if let i = tool.insufficientEvidence { object["insufficient_evidence"] = .string(i) }
        return .object(object)
    }

    static func indicatorJSON(_ v: IndicatorValue) -> JSONValue {
        var object: [String: JSONValue] = [
            "counted_as": .optional(v.countedAs),
            "could_reach": .optional(v.couldReach),
            "not_done": .optional(v.notDone),
            "tied_with": .array(v.tiedWith.map { .string($0) }),
        ]
        let base: JSONValue = .object([
            "id": .string(v.indicator),
            "criterion": .string(v.criterion),
            "raw": .optional(v.raw),
            "display": .string(v.display),
            "score": .optional(v.score),
            "spread": v.spread.map { s in
                .object([
                    "n": .number(Double(s.n)), "min": .number(s.min), "max": .number(s.max), "mad": .number(s.mad),
                    "cold": .optional(s.cold), "wide": .bool(s.wide),
                ])
            } ?? .null,
            "evidence": .array(v.evidence.map(evidenceJSON)),
        ])
        if case .object(let fields) = base { object.merge(fields) { a, _ in a } }
        return .object(object)
    }

    static func evidenceJSON(_ e: EvidenceReference) -> JSONValue {
        switch e {
        case .observations(let stage, let tool, let step, let runs):
            .object(["kind": .string("observations"), "stage": .string(stage), "tool": .string(tool), "step": .string(step), "runs": .array(runs.map { .string($0) })])
        case .fact(let stage, let tool, let key, let source, let asOf):
            .object(["kind": .string("fact"), "stage": .string(stage), "tool": .string(tool), "key": .string(key), "source": .string(source), "as_of": .string(asOf.description)])
        case .costModel:
            .object(["kind": .string("cost-model")])
        }
    }

    static func costJSON(_ c: CostBreakdown) -> JSONValue {
        .object([
            "horizon_months": .number(Double(c.horizonMonths)),
            "total_usd": .number(c.totalUSD),
            "deployment": .string(c.deployment),
            "ops_hours_per_month": .number(c.opsHoursPerMonth),
            "engineer_share": .number(c.engineerShare),
            "lines": .array(c.lines.map { .object(["item": .string($0.item), "formula": .string($0.formula), "amount_usd": .number($0.amountUSD)]) }),
        ])
    }

    static func sensitivityJSON(_ s: Sensitivity) -> JSONValue {
        .object([
            "flip_points": .array(s.flipPoints.map { f in
                .object(["criterion": .string(f.criterion), "weight": .number(f.weight), "flips_at": .optional(f.flipsAt), "new_winner": .optional(f.newWinner)])
            }),
            "most_critical": .optional(s.mostCritical),
            "win_probability": .object(s.winProbability.mapValues { .number($0) }),
            "samples": .number(Double(s.samples)),
            "seed": .string(String(s.seed)),
            "concentration": .number(s.concentration),
            "measurement_draws": .number(Double(s.measurementDraws)),
            "topsis_winner": .optional(s.topsisWinner),
            "topsis_ranking": .array(s.topsisRanking.map { .string($0) }),
            "topsis_criteria": .array(s.topsisCriteria.map { .string($0) }),
            "methods_agree": .bool(s.methodsAgree),
        ])
    }

    // MARK: CSV

    /// One row per stage × tool: rank, total, each criterion's score, status, win probability.
    public static func csv(_ board: Scoreboard) -> String {
        var rows: [[String]] = [["stage", "tool", "name", "rank", "total"] + board.criteria + ["status", "reason", "win_probability", "steps_done", "steps_total", "provisional", "evidence_warnings"]]
        for card in board.stages {
            for tool in card.tools {
                let status = tool.rank != nil
                    ? (tool.tool == card.winner ? (card.tiedWithWinner.isEmpty ? "winner" : "tied-first") : (card.tiedWithWinner.contains(tool.tool) ? "tied-first" : "ranked"))
                    : (tool.eliminated != nil ? "eliminated" : (tool.notMeasured ? "not-measured" : "insufficient-evidence"))
                let criteria = board.criteria.map { id in
                    tool.criteria.first { $0.criterion == id }?.score.map { Numbers.format($0, decimals: 4) } ?? ""
                }
                rows.append([
                    card.stage, tool.tool, tool.name, tool.rank.map(String.init) ?? "", tool.total.map { Numbers.format($0, decimals: 4) } ?? "",
                ] + criteria + [
                    status, tool.eliminated ?? tool.insufficientEvidence ?? "",
                    card.sensitivity?.winProbability[tool.tool].map { Numbers.format($0, decimals: 5) } ?? "",
                    tool.coverage.map { String($0.done) } ?? "", tool.coverage.map { String($0.total) } ?? "",
                    card.provisional.map { "\($0.challenger) could overtake: \($0.next)" } ?? "",
                    card.evidenceWarnings.joined(separator: " | "),
                ])
            }
        }
        return rows.map(CSVField.line).joined()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
