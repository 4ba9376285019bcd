import BakeoffModel
import BakeoffScoring

/// The questions a CTO will likely ask after the talk, each with a two-sentence answer drawn from the evaluation
/// and the link to its evidence: `reports/slides/qa.md`, and the deck's backup slides.
public enum QuestionsAndAnswers {
    /// One prepared question.
    public struct Question: Hashable, Sendable {
        /// A stable id (`why-not-STAGE`, `flip-STAGE`, `provisional-STAGE`, `cost`, `untested`, `lock-in`).
        public var id: String
        public var question: String
        /// Two sentences.
        public var answer: String
        /// Where the evidence is, relative to `reports/slides/`.
        public var evidence: String
    }

    /// The text as a sentence of its own: first letter up, one final full stop (key names arrive in words).
    static func sentenceCase(_ text: String) -> String {
        let clause = Prose.clause(text)
        return clause.prefix(1).uppercased() + clause.dropFirst()
    }

    static func stagePage(_ stage: String) -> String { "../site/" + SiteModel.stagePage(stage) }

    /// The questions, most likely first: a pick that is not its stage's winner, the closest flip points, the
    /// provisional verdicts, the cost and the ops load, what was not tested, lock-in.
    public static func questions(
        project: Project, scoreboard: Scoreboard?, history: RunHistory, recommendation: Recommendation
    ) -> [Question] {
        let summaries = project.assessedStages.map { StageSummary(stage: $0, scoreboard: scoreboard, history: history) }
        var out: [Question] = []
        func title(_ criterion: String) -> String {
            project.criteria.first { $0.id == criterion }.map { Prose.inSentence($0.title) } ?? criterion
        }
        for pick in recommendation.picks where pick.differsFromWinner {
            guard let summary = summaries.first(where: { $0.stage.id == pick.stage }), let winner = pick.winner else { continue }
            out.append(
                Question(
                    id: "why-not-" + pick.stage,
                    question: "Why not \(summary.name(of: winner)) for \(Prose.inSentence(pick.stageTitle)), which scored higher?",
                    answer: (pick.reason ?? "")
                        + (history.isEmpty
                            ? " No hand-off has been run yet: the stack page shows what each one rests on."
                            : " The hand-offs are on the stack page, each with the run that tried it or the document it rests on."),
                    evidence: "../site/" + SiteModel.stackPage))
        }
        // Flip points, nearest (relative to the weight) first.
        let flips = summaries.compactMap { s -> (StageSummary, (tool: String, criterion: String, weight: Double, at: Double))? in
            guard s.winner != nil, let flip = s.nearestFlip else { return nil }
            return (s, flip)
        }.sorted { abs($0.1.at - $0.1.weight) < abs($1.1.at - $1.1.weight) }
        for (s, flip) in flips.prefix(2) {
            guard let winner = s.winner else { continue }
            out.append(
                Question(
                    id: "flip-" + s.stage.id,
                    question: "What if \(title(flip.criterion)) mattered \(flip.at > flip.weight ? "more" : "less") for "
                        + "\(Prose.inSentence(s.stage.title))?",
                    answer: "\(winner.name) ranks first in the stage until the weight of \(title(flip.criterion)) moves from "
                        + "\(Numbers.percent(flip.weight)) to \(Numbers.percent(flip.at)); then \(s.name(of: flip.tool)) does. "
                        + "The sensitivity chart on the stage page shows every criterion's curve.",
                    evidence: stagePage(s.stage.id)))
        }
        for s in summaries {
            guard let winner = s.winner else { continue }
            // The scoring's provisional verdict first: it names the challenger and what to learn next.
            if let p = s.card?.provisional {
                out.append(
                    Question(
                        id: "provisional-" + s.stage.id,
                        question: "How sure are you about \(s.name(of: winner.tool)) for \(Prose.inSentence(s.stage.title))?",
                        answer: "The verdict is provisional: with its unknowns at their best, \(s.name(of: p.challenger)) could reach "
                            + "\(Numbers.fixed(p.challengerBest, decimals: 1)) against \(Numbers.fixed(p.winnerTotal, decimals: 1)). "
                            + sentenceCase(p.next.replacingOccurrences(of: "_", with: " ")),
                        evidence: stagePage(s.stage.id)))
                continue
            }
            let unknown = s.unknownCriteria(criteria: project.criteria)
            guard !unknown.isEmpty else { continue }
            out.append(
                Question(
                    id: "provisional-" + s.stage.id,
                    question: "How sure are you about \(s.name(of: winner.tool)) for \(Prose.inSentence(s.stage.title))?",
                    answer: "The verdict is provisional: we have no evidence yet on \(Prose.list(unknown)) for \(s.name(of: winner.tool)), "
                        + "and an unknown is never counted as an advantage. Filling that gap is the first thing we would do next.",
                    evidence: stagePage(s.stage.id)))
        }
        // Cost and the hours to run it.
        var costs: [(name: String, stage: String, usd: Double)] = []
        for s in summaries {
            guard let id = recommendation.tool(for: s.stage.id), let tool = s.card?.tools.first(where: { $0.tool == id }),
                let usd = tool.cost?.totalUSD
            else { continue }
            costs.append((tool.name, s.stage.id, usd))
        }
        if let biggest = costs.max(by: { $0.usd < $1.usd }) {
            let total = costs.reduce(0) { $0 + $1.usd }
            out.append(
                Question(
                    id: "cost", question: "What will this cost us, including the people to run it?",
                    answer: "Over \(project.costModel.horizonMonths) months the recommended "
                        + "\(costs.count == 1 ? "tool" : "stack") costs about \(Prose.usd(total)), with licences, hosting and the hours to run it. "
                        + "The largest part is \(biggest.name) at \(Prose.usd(biggest.usd)), itemised on its stage page.",
                    evidence: stagePage(biggest.stage)))
        }
        // What could not be tested.
        let factsOnly = summaries.flatMap { s in s.stage.candidates.filter { s.repetitions[$0.id] == nil }.map(\.name) }
        let measured = summaries.reduce(0) { $0 + $1.repetitions.count }
        let all = summaries.reduce(0) { $0 + $1.stage.candidates.count }
        if !factsOnly.isEmpty {
            out.append(
                Question(
                    id: "untested", question: "What did you not test?",
                    answer: measured == 0
                        ? "No scenario has run yet, so all \(Prose.count(all, "tool")) were compared on sourced facts only. "
                            + "Every criterion that needs a run stays unknown until the scenarios run."
                        : "\(Prose.count(measured, "tool")) of \(all) ran our scripted scenarios; \(Prose.list(Array(factsOnly.prefix(4))))"
                            + (factsOnly.count > 4 ? " and \(factsOnly.count - 4) more" : "")
                            + " \(factsOnly.count == 1 ? "was" : "were") compared on sourced facts only. "
                            + "What was not measured counts as unknown, never as an advantage.",
                    evidence: "../site/index.html"))
        }
        // Lock-in: the pick with the lowest score on a criterion named for it.
        if let lockIn = project.criteria.first(where: { $0.id.contains("lock") }) {
            let scored = summaries.compactMap { s -> (StageSummary, ToolScore, Double)? in
                guard let id = recommendation.tool(for: s.stage.id), let tool = s.card?.tools.first(where: { $0.tool == id }),
                    let score = tool.criteria.first(where: { $0.criterion == lockIn.id })?.score
                else { return nil }
                return (s, tool, score)
            }
            if let weakest = scored.min(by: { $0.2 < $1.2 }) {
                let fallback = weakest.0.card?.tools.first { $0.tool != weakest.1.tool && $0.rank != nil }?.name
                out.append(
                    Question(
                        id: "lock-in", question: "Are we locked in if a vendor changes its terms?",
                        answer: "Of our picks, \(weakest.1.name) scores lowest on \(Prose.inSentence(lockIn.title)), "
                            + "\(Numbers.score(weakest.2)) of 10, from its licence and hosting facts. "
                            + (fallback.map { "Our fallback there is \($0), already assessed on the same scenario." }
                                ?? "No other candidate of that stage could be ranked, so there is no fallback yet."),
                        evidence: stagePage(weakest.0.stage.id)))
            }
        }
        return out
    }

    /// The view model of `templates/qa.mustache` (`reports/slides/qa.md`): Markdown-ready values.
    public struct View: Sendable, Encodable {
        public struct QuestionView: Sendable, Encodable {
            public var number: Int
            public var question: String
            public var answer: String
            /// A Markdown link to the evidence, relative to `reports/slides/`.
            public var evidence: String
            /// True on the last question.
            public var last: Bool
        }

        public var team: String
        public var questions: [QuestionView]
    }

    public static func view(_ questions: [Question], team: Team) -> View {
        let e = MarkdownText.escape
        return View(
            team: e(team.name),
            questions: questions.enumerated().map { i, q in
                View.QuestionView(
                    number: i + 1, question: e(q.question), answer: e(q.answer), evidence: MarkdownText.link(q.evidence, to: q.evidence),
                    last: i == questions.count - 1)
            })
    }

    /// The questions as Markdown, rendered with `templates/qa.mustache` (the project's, else the built-in copy).
    public static func markdown(_ questions: [Question], team: Team, templates: TemplateSet = .builtIn) -> String {
        templates.render("qa", view(questions, team: team))
    }
}
