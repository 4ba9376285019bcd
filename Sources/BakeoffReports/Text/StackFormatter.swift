import BakeoffModel
import BakeoffScoring

/// `bakeoff score --stack` as text or JSON (the build's `data/stack.json` is the same JSON). No I/O.
public enum StackFormatter {
    public static func text(_ choice: StackChoice, analysis: StackAnalysis, scoreboard: Scoreboard? = nil) -> String {
        let pairs = analysis.pairs
        var out = "Whole-stack choice (\(choice.combinations) stacks compared; interoperability = the mean of a tool's "
            + "own score and its pair values ×10 with its neighbours)\n\n"
        var rows: [[String]] = [["stage", "stack", "alone", "in stack", "interop", "stage winner"]]
        for (m, w) in zip(choice.members, choice.winners) {
            rows.append([
                m.stage, m.tool, Numbers.fixed(m.alone, decimals: 2), Numbers.fixed(m.inStack, decimals: 2),
                m.interoperability.map { Numbers.fixed($0, decimals: 1) } ?? "—", m.tool == w.tool ? "same" : w.tool,
            ])
        }
        out += ScoreboardFormatter.table(rows, rightAligned: [2, 3, 4])
        out += "Stack total \(Numbers.fixed(choice.total, decimals: 3)); the stage winners together: "
            + "\(Numbers.fixed(choice.winnersTotal, decimals: 3)).\n"
        if let scoreboard {
            out += "Stack cost: " + cost(StackCost.of(choice.members.map { ($0.stage, $0.tool) }, scoreboard: scoreboard)) + ".\n"
        }
        if choice.differences.isEmpty {
            out += "The stage winners are also the best stack.\n"
        } else {
            for d in choice.differences { out += "Differs in \(d.stage): \(d.chosen) instead of \(d.winner): \(d.why).\n" }
        }
        out += "Installs together: " + installs(choice.members.map(\.tool), analysis) + ".\n"
        if !choice.differences.isEmpty {
            out += "The stage winners install together: " + installs(choice.winners.map(\.tool), analysis) + ".\n"
        }
        if choice.samples > 0 {
            out += "Robustness: the same stack stays best in \(ScoreboardFormatter.percent(choice.robustness, decimals: 1)) of "
                + "\(choice.samples) weight samples (seed \(choice.seed), Dirichlet k=\(Numbers.format(SensitivityAnalysis.concentration))).\n"
        }
        for (tools, total) in zip(choice.runnersUp, choice.runnersUpTotals) {
            out += "Next: \(tools.joined(separator: " + ")) \(Numbers.fixed(total, decimals: 3)).\n"
        }
        out += "\nHand-offs of the chosen stack:\n"
        out += choice.edges.isEmpty ? "  none known\n" : choice.edges.map { "  " + line($0) + "\n" }.joined()
        let tried = pairs.filter { $0.verdict != nil }
        out += "\nPairs run: \(tried.count) of \(pairs.count)"
        let counts = PairVerdict.allCases.compactMap { v -> String? in
            let n = tried.filter { $0.verdict == v }.count
            return n > 0 ? "\(n) \(v.rawValue)" : nil
        }
        out += counts.isEmpty ? ".\n" : " (\(counts.joined(separator: ", "))).\n"
        return out
    }

    /// `$25,920 over 36 months; 8 h/month of operations = 5.0 % of an engineer` (and the unknown ones named).
    public static func cost(_ cost: StackCost) -> String {
        var out = "\(Numbers.dollars(cost.totalUSD))"
        if cost.horizonMonths > 0 { out += " over \(cost.horizonMonths) months" }
        if !cost.unknown.isEmpty { out += " plus the unknown cost of \(Prose.list(cost.unknown))" }
        out += cost.opsHoursPerMonth > 0
            ? "; \(Numbers.format(cost.opsHoursPerMonth)) h/month of operations = \(Numbers.format(cost.engineerShare * 100, decimals: 1)) % of an engineer"
            : "; no operations hours"
        return out
    }

    /// Whether `tools` install together, from a recorded stack check, in words.
    public static func installs(_ tools: [String], _ analysis: StackAnalysis) -> String {
        guard let check = analysis.check(of: tools) else {
            return "not checked yet; run: bakeoff stack check " + tools.joined(separator: " ")
        }
        guard check.resolves else {
            return "no, \(check.conflicts.count) conflict\(check.conflicts.count == 1 ? "" : "s") (\(check.conflicts.joined(separator: "; "))), "
                + "checked \(check.checkedOn) (\(check.file))"
        }
        let size = check.sizeBytes.map { ", \(Numbers.bytes($0))" } ?? ""
        return "yes, \(check.distributions) distributions in one Python \(check.python ?? "") environment\(size), "
            + "uv \(check.uv ?? "?"), checked \(check.checkedOn) (\(check.file))"
    }

    static func line(_ p: PairRecord) -> String {
        let value = p.value.map { Numbers.fixed($0, decimals: 2) } ?? "unknown"
        var text = "\(p.integration): \(p.tools.joined(separator: " → ")) \(value): \(p.basis)"
        if let failed = p.steps.first(where: { $0.status != .ok }), let reason = failed.reason {
            text += "; \(failed.step) \(failed.status.rawValue): \(reason)"
        }
        return text
    }

    public static func json(_ choice: StackChoice, analysis: StackAnalysis) -> String {
        let pairs = analysis.pairs
        func check(_ tools: [String]) -> JSONValue {
            guard let c = analysis.check(of: tools) else { return .null }
            return .object([
                "resolves": .bool(c.resolves), "distributions": .number(Double(c.distributions)),
                "size_bytes": c.sizeBytes.map { .number(Double($0)) } ?? .null, "conflicts": .array(c.conflicts.map { .string($0) }),
                "checked_on": .string(c.checkedOn.description), "file": .string(c.file),
            ])
        }
        func member(_ m: StackChoice.Member) -> JSONValue {
            .object([
                "stage": .string(m.stage), "tool": .string(m.tool), "alone": .number(m.alone), "in_stack": .number(m.inStack),
                "interoperability": .optional(m.interoperability),
            ])
        }
        return JSONValue.object([
            "criterion": .string(choice.criterion),
            "stack": .array(choice.members.map(member)),
            "total": .number(choice.total),
            "installs_together": check(choice.members.map(\.tool)),
            "stage_winners": .array(choice.winners.map(member)),
            "stage_winners_install_together": check(choice.winners.map(\.tool)),
            "stage_winners_total": .number(choice.winnersTotal),
            "differences": .array(choice.differences.map {
                .object(["stage": .string($0.stage), "winner": .string($0.winner), "chosen": .string($0.chosen), "why": .string($0.why)])
            }),
            "robustness": .number(choice.robustness),
            "samples": .number(Double(choice.samples)),
            "seed": .string(String(choice.seed)),
            "combinations": .number(Double(choice.combinations)),
            "runners_up": .array(zip(choice.runnersUp, choice.runnersUpTotals).map {
                .object(["tools": .array($0.0.map { .string($0) }), "total": .number($0.1)])
            }),
            "pairs": .array(pairs.map(pairJSON)),
        ]).rendered()
    }

    static func pairJSON(_ p: PairRecord) -> JSONValue {
        .object([
            "integration": .string(p.integration),
            "stages": .array(p.stages.map { .string($0) }),
            "tools": .array(p.tools.map { .string($0) }),
            "verdict": .optional(p.verdict?.rawValue),
            "value": .optional(p.value),
            "basis": .string(p.basis),
            "runs": .array(p.runs.map { .string($0) }),
            "steps": .array(p.steps.map {
                .object([
                    "step": .string($0.step), "status": .string($0.status.rawValue), "ok": .number(Double($0.okRepetitions)),
                    "repetitions": .number(Double($0.repetitions)), "reason": .optional($0.reason),
                ])
            }),
            "documented": .array(p.documented.map(ScoreboardFormatter.evidenceJSON)),
        ])
    }
}
