import BakeoffModel
import BakeoffScoring

/// The recommendation's reasoning, written from the scorecard: which criteria drove it, by how much, and how
/// sure the analyses are. Markdown, every name escaped.
public enum Rationale {
    /// Criteria ordered by how much they favour `a` over `b`: normalized weight × score difference.
    public static func drivers(_ a: ToolScore, over b: ToolScore, weights: [String: Double]) -> [(String, Double)] {
        a.criteria.compactMap { c -> (String, Double)? in
            guard let x = c.score, let y = b.criteria.first(where: { $0.criterion == c.criterion })?.score else { return nil }
            return (c.criterion, (weights[c.criterion] ?? 0) * (x - y))
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
    }

    /// The rationale of one stage, as Markdown.
    public static func markdown(
        card: StageScorecard?, criteria: [Criterion], weights: [String: Double], runCount: Int, verdict: VerdictSummary
    ) -> String {
        let e = MarkdownText.escape
        func title(_ id: String) -> String { (criteria.first { $0.id == id }?.title ?? id).lowercased() }
        guard let card, let winnerID = card.winner, let winner = card.tools.first(where: { $0.tool == winnerID }),
            let total = winner.total
        else {
            var text = "No recommendation yet: no candidate has enough evidence to be ranked."
            if let card {
                let reasons = card.tools.map { t in
                    "- **\(e(t.name))**: " + e(t.eliminated.map { "eliminated, \($0)" } ?? t.insufficientEvidence ?? Format.unknown)
                }
                if !reasons.isEmpty { text += "\n\n" + reasons.joined(separator: "\n") }
            }
            return text + "\n\nRecord evidence with `bakeoff run`, add sourced facts to the stage, then `bakeoff build`.\n"
        }
        var lines: [String] = []
        let runnerUp = card.runnerUp.flatMap { r in card.tools.first { $0.tool == r } }
        if let runnerUp, let second = runnerUp.total {
            let margin = card.margin ?? (total - second)
            let closeness = margin < 0.25 ? "a narrow lead" : (margin < 1 ? "a clear lead" : "a wide lead")
            lines.append(
                "**\(e(winner.name))** is recommended: \(Format.score(total)) out of 10 against \(Format.score(second)) for **\(e(runnerUp.name))**, \(closeness) of \(Format.score(margin)).")
            let drivers = Rationale.drivers(winner, over: runnerUp, weights: weights)
            let pros = drivers.filter { $0.1 > 0.005 }.prefix(3).map { "\(e(title($0.0))) (+\(Numbers.fixed($0.1, decimals: 2)))" }
            let cons = drivers.filter { $0.1 < -0.005 }.reversed().prefix(2).map { "\(e(title($0.0))) (\(Numbers.fixed($0.1, decimals: 2)))" }
            var why = pros.isEmpty
                ? "- **Why:** no single criterion separates them; the totals differ on criteria only one of them has evidence for."
                : "- **Why:** the lead comes from \(pros.joined(separator: ", ")), in weighted points."
            if !cons.isEmpty { why += " \(e(runnerUp.name)) is ahead on \(cons.joined(separator: ", "))." }
            lines.append(why)
            for note in VerdictNotes.all(card, criteriaTitles: Dictionary(uniqueKeysWithValues: criteria.map { ($0.id, $0.title) })) {
                lines.append("- " + e(note))
            }
            if let cost = VerdictNotes.costs(card) { lines.append("- " + e(cost)) }
        } else {
            lines.append("**\(e(winner.name))** is the only candidate that could be ranked (\(Format.score(total)) out of 10).")
        }
        if let s = card.sensitivity {
            var sure = "- **How sure:** "
            if let p = s.winProbability[winnerID] {
                let word = p >= 0.8 ? "robust" : (p >= 0.5 ? "fairly robust" : "fragile")
                sure += "it stays first in \(Format.percent(p)) of \(Format.count(s.samples)) random weightings around the profile (\(word))"
            }
            if s.topsisWinner != nil {
                let topsis = s.topsisWinner.flatMap { t in card.tools.first { $0.tool == t }?.name } ?? s.topsisWinner ?? ""
                sure += s.methodsAgree ? "; TOPSIS picks the same winner." : "; TOPSIS would pick **\(e(topsis))** instead."
            } else {
                sure += "."
            }
            if let critical = s.mostCritical, let flip = s.flipPoints.first(where: { $0.criterion == critical }),
                let at = flip.flipsAt
            {
                let other = flip.newWinner.flatMap { n in card.tools.first { $0.tool == n }?.name } ?? flip.newWinner ?? "another tool"
                sure += " The decision is most sensitive to \(e(title(critical))): **\(e(other))** would win if its weight moved from \(Format.percent(flip.weight)) to \(Format.percent(at))."
            } else if s.flipPoints.contains(where: { $0.flipsAt == nil }) && !s.flipPoints.contains(where: { $0.flipsAt != nil }) {
                sure += " No single weight change between 0 % and 100 % changes the winner."
            }
            lines.append(sure)
        }
        let known = winner.criteria.reduce(0) { $0 + $1.known }
        let all = winner.criteria.reduce(0) { $0 + $1.total }
        let missing = winner.criteria.filter { $0.known == 0 && (weights[$0.criterion] ?? 0) > 0 }.map { e(title($0.criterion)) }
        var evidence = "- **Evidence:** \(known) of \(all) indicators known for \(e(winner.name)); confidence \(verdict.level.rawValue) (\(verdict.reasons.joined(separator: "; ")))"
        evidence += runCount == 0 ? "; no scenario has been run yet, so measured criteria are unknown." : "; from \(runCount) recorded run(s)."
        if !missing.isEmpty { evidence += " Nothing known of \(missing.joined(separator: ", ")) (counted at the worst known score, or left out where no candidate has evidence)." }
        lines.append(evidence)
        return lines[0] + "\n\n" + lines.dropFirst().joined(separator: "\n") + "\n"
    }
}
