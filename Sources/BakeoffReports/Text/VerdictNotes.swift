import BakeoffModel
import BakeoffScoring

/// The sentences that qualify a stage's verdict, generated from the scorecard alone so the terminal, the site,
/// the posts and the deck say the same thing: ties, provisional verdicts, coverage, criteria that decide
/// nothing, evidence-set warnings, never-run candidates and the cost of each deployment.
public enum VerdictNotes {
    /// Every note for a stage, in reading order; empty when the verdict needs no qualification.
    public static func all(_ card: StageScorecard, criteriaTitles: [String: String] = [:]) -> [String] {
        [tie(card, criteriaTitles), provisional(card), coverage(card, criteriaTitles), undecisive(card, criteriaTitles), notMeasured(card)]
            .compactMap { $0 } + card.evidenceWarnings.map { "Evidence: \($0)." }
    }

    static func name(_ card: StageScorecard, _ id: String) -> String { card.tools.first { $0.tool == id }?.name ?? id }

    static func title(_ id: String, _ titles: [String: String]) -> String { Prose.inSentence(titles[id] ?? id) }

    /// "No clear winner: A and B tie at 7.12; they differ most on cost (A 10.0, B 0.0)."
    public static func tie(_ card: StageScorecard, _ titles: [String: String] = [:]) -> String? {
        guard let winner = card.winner, !card.tiedWithWinner.isEmpty,
            let w = card.tools.first(where: { $0.tool == winner }), let total = w.total
        else { return nil }
        let names = ([winner] + card.tiedWithWinner).map { name(card, $0) }
        var text = "No clear winner: \(Prose.list(names)) tie at \(Numbers.fixed(total, decimals: 2))"
        if let other = card.tools.first(where: { $0.tool == card.tiedWithWinner[0] }),
            let split = largestDifference(w, other)
        {
            text += "; they differ most on \(title(split.criterion, titles)) (\(name(card, winner)) \(Numbers.fixed(split.a, decimals: 1)), \(name(card, other.tool)) \(Numbers.fixed(split.b, decimals: 1))), so its weight separates them"
        }
        return text + "."
    }

    /// "Provisional: B would win with its unknowns at their best (7.9 against 7.4); to settle it, source ..."
    public static func provisional(_ card: StageScorecard) -> String? {
        guard let p = card.provisional else { return nil }
        return "Provisional: \(name(card, p.challenger)) would overtake with its unknowns at the best known score (\(Numbers.fixed(p.challengerBest, decimals: 2)) against \(Numbers.fixed(p.winnerTotal, decimals: 2))); to settle it, \(p.next)."
    }

    /// Said when the winner did fewer scenario steps than the runner-up: where its lead comes from instead.
    public static func coverage(_ card: StageScorecard, _ titles: [String: String] = [:]) -> String? {
        guard let winner = card.winner, let runnerUp = card.runnerUp,
            let w = card.tools.first(where: { $0.tool == winner }), let r = card.tools.first(where: { $0.tool == runnerUp }),
            let wc = w.coverage, let rc = r.coverage, wc.done < rc.done
        else { return nil }
        var text = "\(name(card, winner)) wins with \(wc.done) of \(wc.total) steps done against \(name(card, runnerUp))'s \(rc.done) of \(rc.total)"
        if let lead = largestDifference(w, r), lead.a > lead.b {
            text += ": its lead comes from \(title(lead.criterion, titles)) (\(Numbers.fixed(lead.a, decimals: 1)) against \(Numbers.fixed(lead.b, decimals: 1)))"
        }
        return text + "; the steps it could not do already count against it."
    }

    /// "Cost decides nothing here: every ranked candidate scores the same on it."
    public static func undecisive(_ card: StageScorecard, _ titles: [String: String] = [:]) -> String? {
        guard !card.undecisiveCriteria.isEmpty else { return nil }
        let names = card.undecisiveCriteria.map { title($0, titles) }
        let verb = names.count == 1 ? "decides" : "decide"
        return "\(Prose.capitalized(Prose.list(names))) \(verb) nothing here: every ranked candidate scores the same on \(names.count == 1 ? "it" : "them")."
    }

    public static func notMeasured(_ card: StageScorecard) -> String? {
        guard !card.notMeasured.isEmpty else { return nil }
        let names = card.notMeasured.map { name(card, $0) }
        return "\(Prose.list(names)) \(names.count == 1 ? "was" : "were") never run here, so \(names.count == 1 ? "it" : "they") cannot win: compared on facts only."
    }

    /// Per ranked tool: "dvclive $0 (library, no ops hours)", "MLflow $12,960 (self-hosted service, 4 h/month = 2.5 % of an engineer)".
    public static func costs(_ card: StageScorecard) -> String? {
        let parts = card.tools.compactMap { t -> String? in
            guard let c = t.cost else { return nil }
            return "\(t.name) \(Numbers.dollars(c.totalUSD)) (\(costDetail(c)))"
        }
        return parts.isEmpty ? nil : "Cost over the horizon: " + parts.joined(separator: "; ") + "."
    }

    /// `self-hosted service, 4 h/month of operations = 2.5 % of an engineer` or `library, no operations`.
    public static func costDetail(_ c: CostBreakdown) -> String {
        let kind = c.deployment.isEmpty ? "" : c.deployment + ", "
        guard c.opsHoursPerMonth > 0 else { return kind + "no operations hours" }
        return kind + "\(Numbers.format(c.opsHoursPerMonth)) h/month of operations = \(Numbers.format(c.engineerShare * 100, decimals: 1)) % of an engineer"
    }

    /// The weighted criterion on which two tools' scores differ the most.
    static func largestDifference(_ a: ToolScore, _ b: ToolScore) -> (criterion: String, a: Double, b: Double)? {
        var best: (String, Double, Double)?
        for ca in a.criteria {
            guard let sa = ca.score, let sb = b.criteria.first(where: { $0.criterion == ca.criterion })?.score else { continue }
            if best == nil || abs(sa - sb) > abs(best!.1 - best!.2) { best = (ca.criterion, sa, sb) }
        }
        return best.map { (criterion: $0.0, a: $0.1, b: $0.2) }
    }
}
