import BakeoffModel
import BakeoffScoring

/// Builds the talk's slides from the project and its scores, and renders them as a Marp deck.
///
/// Every tool the deck recommends comes from one `Recommendation` (the whole-stack choice when there is one),
/// and every sentence about measurements from what was measured, per tool.
public enum SlideDeck {
    /// Paths of the images the deck shows, relative to `reports/slides/`.
    public enum Assets {
        public static let architecture = "../site/architecture.svg"
        public static func stageChart(_ stage: String) -> String { "../site/" + SiteModel.chart(stage, "scores") }
        /// The chart of the measurement that decided a stage, written under `reports/slides/`.
        public static func decidingChart(_ stage: String) -> String { "charts/\(Markup.anchor(stage))-deciding.svg" }
    }

    /// A slide before its notes are fitted to the talk: sentences it must say, and sentences it may add.
    struct Draft {
        var id: String
        var title: String
        var body: String
        var essential: [String]
        var optional: [String]
        var image: String? = nil
        var imageAlt: String = ""
        var backup = false
    }

    /// Title, architecture, one slide per assessed stage, the stack, cost and risk, the ask, then backup slides
    /// for the questions; the notes hold every essential sentence, plus optional ones (taken round robin across
    /// slides) while the talk, with its slide and speaker changes, stays its safety margin under its limit.
    /// `stack` nil: read from the project and runs here (when there is a scoreboard and an integration).
    public static func slides(
        project: Project, scoreboard: Scoreboard?, history: RunHistory, stack: StackAnalysis? = nil
    ) -> [Slide] {
        let stack = stack ?? scoreboard.flatMap { board in
            project.integrations.isEmpty ? nil : StackAnalysis.make(project: project, scoreboard: board, history: history)
        }
        let drafts = drafts(project: project, scoreboard: scoreboard, history: history, stack: stack)
        let main = drafts.indices.filter { !drafts[$0].backup }
        let talk = project.team.talk
        let transitions = TalkPlan.transitions(slides: main.count, speakers: project.team.members.count, talk: talk)
        // Each slide's time is rounded to the second: keep half a second per slide for the rounding.
        let rounding = (main.count + 1) / 2
        let budget = max(0, talk.limitSeconds - talk.safetyMarginSeconds - transitions - rounding) * talk.wordsPerMinute / 60
        var chosen = drafts.map { $0.essential }
        var words = main.flatMap { chosen[$0] }.map { TalkPlan.words(in: $0) }.reduce(0, +)
        var next = drafts.map { _ in 0 }
        var progress = true
        while progress {
            progress = false
            for i in main where next[i] < drafts[i].optional.count {
                let sentence = drafts[i].optional[next[i]]
                let extra = TalkPlan.words(in: sentence)
                guard words + extra <= budget else { continue }
                chosen[i].append(sentence)
                words += extra
                next[i] += 1
                progress = true
            }
        }
        func assemble() -> [Slide] {
            drafts.indices.map { i in
                Slide(
                    id: drafts[i].id, title: DeckLint.commaThousands(drafts[i].title), body: DeckLint.commaThousands(drafts[i].body),
                    notes: DeckLint.commaThousands(chosen[i].joined(separator: " ")),
                    image: drafts[i].image, imageAlt: drafts[i].imageAlt, backup: drafts[i].backup)
            }
        }
        // Move optional sentences from members who speak most to one under the minimum, while they have some to
        // give and take: the total stays within the budget, and the shortest part grows.
        for _ in 0..<60 {
            let plan = TalkPlan.plan(slides: assemble(), team: project.team)
            guard let under = plan.perSpeaker.min(by: { $0.seconds < $1.seconds }), under.seconds < plan.memberTargetSeconds
            else { break }
            // Plan parts index the main slides; map them back to the drafts.
            let slidesOf = { (member: String) in plan.parts.indices.filter { plan.parts[$0].speaker == member }.map { main[$0] } }
            guard let take = slidesOf(under.member).first(where: { next[$0] < drafts[$0].optional.count }) else { break }
            let sentence = drafts[take].optional[next[take]]
            let extra = TalkPlan.words(in: sentence)
            // Givers: the others, who speaks most first, each only down to the target.
            let givers = plan.perSpeaker.filter { $0.member != under.member }.sorted { $0.seconds > $1.seconds }
            var seconds = Dictionary(uniqueKeysWithValues: plan.perSpeaker.map { ($0.member, $0.seconds) })
            let pace = Double(max(1, talk.wordsPerMinute))
            for giver in givers where words + extra > budget {
                while words + extra > budget {
                    guard let give = slidesOf(giver.member).filter({ next[$0] > 0 }).max(by: { next[$0] < next[$1] }) else { break }
                    let removed = TalkPlan.words(in: chosen[give].last!)
                    let cost = Int((Double(removed) * 60 / pace).rounded(.up))
                    guard seconds[giver.member, default: 0] - cost >= plan.memberTargetSeconds else { break }
                    chosen[give].removeLast()
                    next[give] -= 1
                    words -= removed
                    seconds[giver.member, default: 0] -= cost
                }
            }
            guard words + extra <= budget else { break }
            chosen[take].append(sentence)
            next[take] += 1
            words += extra
        }
        return assemble()
    }

    /// Ids that must not show in the deck's prose: tool and criterion ids that differ from the names people read.
    public static func rawIDs(project: Project) -> Set<String> {
        var ids = Set<String>()
        for stage in project.stages {
            for tool in stage.candidates where tool.id.lowercased() != tool.name.lowercased() && !tool.name.contains(tool.id) {
                ids.insert(tool.id)
            }
        }
        for criterion in project.criteria where criterion.id.lowercased() != criterion.title.lowercased() {
            ids.insert(criterion.id)
        }
        return ids
    }

    /// The deck's own charts (the measurement that decided each stage), by path under `reports/slides/`.
    public static func charts(project: Project, scoreboard: Scoreboard?, recommendation: Recommendation) -> [String: String] {
        var files: [String: String] = [:]
        for stage in project.assessedStages {
            let summary = StageSummary(stage: stage, scoreboard: scoreboard, history: .empty)
            guard let card = summary.card, let indicator = summary.decidingIndicator(criteria: project.criteria, weights: scoreboard?.weights ?? [:])
            else { continue }
            files[Assets.decidingChart(stage.id)] = Charts.measurementBars(
                card: card, indicator: indicator, candidates: stage.candidates.map(\.id),
                highlight: recommendation.tool(for: stage.id))
        }
        return files
    }

    static func drafts(project: Project, scoreboard: Scoreboard?, history: RunHistory, stack: StackAnalysis? = nil) -> [Draft] {
        let team = project.team
        // A stage's parts (part_of) are told on their parent's slide, so the talk keeps one slide per stage.
        let stages = project.mainStages
        let summaries = stages.map { StageSummary(stage: $0, scoreboard: scoreboard, history: history) }
        let recommendation = Recommendation.make(project: project, scoreboard: scoreboard, stack: stack)
        let e = MarkdownText.escape
        var drafts: [Draft] = []

        let toolCount = stages.reduce(0) { $0 + $1.candidates.count }
        let measuredCount = summaries.reduce(0) { $0 + $1.repetitions.count }
        let profile = scoreboard.flatMap { board in project.profile(board.profile) }
        let weights = (scoreboard?.weights ?? [:]).filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let criteriaTitles = project.criteria.filter { (scoreboard?.weights[$0.id] ?? 1) > 0 }.map { Prose.inSentence($0.title) }
        let scope = stages.count == 1
            ? "\(Prose.inSentence(stages[0].title))"
            : "\(Prose.count(stages.count, "stage"))"
        var how = "We compared \(Prose.count(toolCount, "tool")) for \(scope) and scored them on \(Prose.list(criteriaTitles))."
        if measuredCount == 0 {
            how += " No scenario has run yet, so every score rests on sourced facts."
        } else {
            how += measuredCount == toolCount
                ? " Each ran the same scripted scenario on one machine."
                : " Of these, \(measuredCount) ran the same scripted scenario on one machine; the others were compared on sourced facts only."
        }
        drafts.append(
            Draft(
                id: "title", title: "\(team.name): \(stages.count == 1 ? "choosing a tool" : "choosing our tools") on evidence",
                body: [
                    "- \(e(team.product))",
                    "- \(e(team.dataScienceTeam.courseLabel)), \(e(team.company.courseLabel.lowercased())) company",
                    "- \(team.members.map { e($0.name) }.joined(separator: ", "))",
                ].joined(separator: "\n"),
                essential: [
                    "Hello, we are \(team.name). We support \(Prose.withArticle(Prose.inSentence(team.dataScienceTeam.courseLabel))) "
                        + "at \(Prose.withArticle(team.company.courseLabel.lowercased())) company, building \(Prose.clause(team.product))",
                    how,
                ],
                optional: [
                    profile.map { p in
                        "We weighted the criteria for \(Prose.withArticle(p.title.lowercased())): "
                            + Prose.list(weights.prefix(3).map { "\(criterionTitle($0.key, project)) \(Numbers.percent($0.value))" }) + "."
                    },
                    measuredCount == 0
                        ? "Every number we show comes from a fact with its source and date."
                        : "Every number we show comes from a recorded run or from a fact with its source and date.",
                    measuredCount == 0
                        ? "In the next minutes we show what we compared, on which facts, and what we would recommend so far."
                        : "In the next minutes we show what we compared, how we measured it, and what we recommend, and why.",
                    "Each of us assessed some of the candidates, and each of us presents part of the result.",
                ].compactMap { $0 }))

        let picks = summaries.map { s -> String in
            let pick = recommendation.pick(for: s.stage.id)
            return "- \(e(s.stage.title)): **\(e(pick?.name ?? "no pick yet"))**"
                + (pick?.differsFromWinner == true
                    ? " (stage winner \(e(s.winner.map { s.name(of: $0.tool) } ?? "")))"
                    : (s.runnerUp.map { " (runner-up \(e(s.name(of: $0.tool))))" } ?? ""))
        }
        let chain = recommendation.decided.map { "\($0.name ?? "") for \(Prose.inSentence($0.stageTitle))" }
        drafts.append(
            Draft(
                id: "architecture", title: stages.count == 1 ? "Our recommendation" : "The recommended stack",
                body: picks.joined(separator: "\n"),
                essential: [
                    chain.isEmpty
                        ? "This diagram shows the stages we assess; none has a recommended tool yet."
                        : "This is what we recommend: \(Prose.list(chain))."
                ],
                optional: [
                    recommendation.basis == .wholeStack
                        ? "We chose the tools as one stack, counting how neighbouring tools hand data to each other, not only stage by stage."
                        : nil,
                    "Each box also names the runner-up, our fallback if the pick disappoints.",
                    project.integrations.isEmpty ? nil : "Arrows between two picks are ticked where a run verified the hand-off.",
                    "The next slides take the \(stages.count == 1 ? "stage" : "stages") one by one: what we compared, how, and why the pick won.",
                ].compactMap { $0 },
                image: Assets.architecture, imageAlt: "Architecture of the recommended stack"))

        for s in summaries {
            var draft = stageDraft(s, pick: recommendation.pick(for: s.stage.id), project: project, weights: scoreboard?.weights ?? [:])
            let parts = project.parts(of: s.stage.id).map { part -> String in
                let pick = recommendation.pick(for: part.id)
                let provisional = scoreboard?.stages.first { $0.stage == part.id }?.provisional != nil
                return "\(Prose.inSentence(part.title)): \(pick?.name ?? "no pick yet")\(provisional ? " (provisional)" : "")"
            }
            if !parts.isEmpty {
                draft.body += "\n\n" + e("Also picked: " + parts.joined(separator: "; "))
                draft.essential.append("Within this stage we also picked " + Prose.list(parts) + ".")
            }
            drafts.append(draft)
        }
        if let stack, let choice = stack.choice, !project.integrations.isEmpty {
            drafts.append(stackDraft(choice, analysis: stack, project: project))
        }
        drafts.append(costRiskDraft(summaries, recommendation: recommendation, project: project))

        let asks = recommendation.decided.compactMap(\.name)
        drafts.append(
            Draft(
                id: "ask", title: "Our ask",
                body: [
                    asks.isEmpty ? "- Time to finish the measurements" : "- Approve \(asks.count == 1 ? "" : "the stack: ")\(asks.map(e).joined(separator: ", "))",
                    "- Re-run the bakeoff when a weight or a tool changes: `bakeoff run`, `bakeoff build`",
                ].joined(separator: "\n"),
                essential: [
                    asks.isEmpty
                        ? "We ask for time to finish the measurements before we recommend anything."
                        : asks.count == 1
                            ? "We ask you to approve \(asks[0])."
                            : "We ask you to approve this stack of \(Prose.count(asks.count, "tool")): \(Prose.list(asks))."
                ],
                optional: [
                    "The whole analysis re-runs in seconds when a weight or a result changes, so the decision can be revisited.",
                    "Thank you; we are happy to take questions.",
                ]))
        for question in QuestionsAndAnswers.questions(project: project, scoreboard: scoreboard, history: history, recommendation: recommendation)
            .prefix(3)
        {
            drafts.append(
                Draft(
                    id: "backup-" + question.id, title: "Backup: " + question.question,
                    body: "- " + e(question.answer) + "\n- Evidence: " + MarkdownText.link(question.evidence, to: question.evidence),
                    essential: [], optional: [],
                    backup: true))
        }
        return drafts
    }

    /// A measured value without its repetition count: `0.775 s (n=2)` → `0.775 s` (the Measured column says it).
    static func withoutCount(_ display: String) -> String {
        guard let open = display.range(of: " (n=", options: .backwards) else { return display }
        return String(display[..<open.lowerBound])
    }

    /// A measured value as a slide shows it: bytes in KB/MB/GB, no repetition count, thousands with commas.
    static func shown(_ value: IndicatorValue, unit: String) -> String {
        if let raw = value.raw, ["bytes", "byte", "B"].contains(unit) { return Numbers.bytes(Int64(raw.rounded())) }
        return DeckLint.commaThousands(withoutCount(value.display))
    }

    private static func criterionTitle(_ id: String, _ project: Project) -> String {
        project.criteria.first { $0.id == id }.map { Prose.inSentence($0.title) } ?? id
    }

    private static func stageDraft(
        _ s: StageSummary, pick: Recommendation.Pick?, project: Project, weights: [String: Double]
    ) -> Draft {
        let e = MarkdownText.escape
        let team = project.team
        let assessors = team.assignment(for: s.stage.id)?.candidates.flatMap(\.assessors) ?? []
        let names = unique(assessors).map { team.member($0)?.name ?? $0 }
        let criteria = project.criteria
        let deciding = s.decidingIndicator(criteria: criteria, weights: weights)
        let pickName = pick?.name
        var body: [String] = []
        if let card = s.card {
            var header = ["Tool", "Score"]
            if let deciding { header.append(e(deciding.title)) }
            header.append("Measured")
            let rows = card.tools.map { tool -> [String] in
                let bold = tool.tool == pick?.tool
                // A tool without a total says why (a gate removed it, or nothing about it is known).
                let score = tool.total.map { Numbers.score($0) } ?? (tool.eliminated != nil ? "eliminated" : "not ranked")
                var row = [bold ? "**\(e(tool.name))**" : e(tool.name), score]
                if let deciding {
                    let value = tool.indicators.first { $0.indicator == deciding.id }.flatMap { $0.raw == nil ? nil : $0 }
                    row.append(e(value.map { shown($0, unit: deciding.unit) } ?? "not measured"))
                }
                let n = s.repetitions[tool.tool] ?? 0
                row.append(n == 0 ? "facts only" : "\(n)×")
                return row
            }
            body.append(MarkdownText.table(header: header, rows: rows, rightAligned: Set(1..<(header.count - 1))))
            body.append("")
        }
        var why: [String] = []
        if let winner = s.winner {
            if let tied = s.card?.tiedWithWinner, !tied.isEmpty {
                why.append("No clear winner: \(e(s.name(of: winner.tool))) ties with \(e(Prose.list(tied.map(s.name(of:)))))")
            }
            // The scoring's own provisional verdict (a challenger could overtake with its unknowns at their best).
            if let p = s.card?.provisional {
                why.append(
                    "Provisional: \(e(s.name(of: p.challenger))) could reach \(Numbers.fixed(p.challengerBest, decimals: 1)) "
                        + "against \(Numbers.fixed(p.winnerTotal, decimals: 1)) once its unknowns are known")
            }
            if let runner = s.runnerUp, let a = winner.total, let b = runner.total {
                why.append("\(e(s.name(of: winner.tool))) leads \(e(s.name(of: runner.tool))) by \(Numbers.fixed(a - b, decimals: 1)) of 10"
                    + (s.mainDriver(criteria: criteria).map { ", mostly on \(e($0))" } ?? ""))
            }
            let out = s.card?.tools.filter { $0.eliminated != nil }.map(\.name) ?? []
            if !out.isEmpty {
                why.append("Out: \(e(Prose.list(out))) could not do a must-have step of the scenario")
            }
            if let flip = s.nearestFlip {
                why.append(
                    "Stage ranking flips to \(e(s.name(of: flip.tool))) if \(e(criterionTitle(flip.criterion, project))) weighs "
                        + "\(Numbers.percent(flip.at)) (now \(Numbers.percent(flip.weight)))")
            }
            if s.card?.provisional == nil, !s.unknownCriteria(criteria: criteria).isEmpty {
                why.append("No evidence yet on \(e(Prose.list(s.unknownCriteria(criteria: criteria)))) for the pick")
            }
        } else {
            why.append("No tool can be ranked yet")
        }
        if let short = pick?.shortReason { why.insert(e(short), at: 0) }
        body += why.prefix(3).map { "- \($0)" }

        var essential = ["For \(Prose.inSentence(s.stage.title)), we compared \(Prose.list(s.stage.candidates.map(\.name)))."]
        essential.append(s.measurementClaim)
        // Who assessed what is on the check-in posts; the talk says it when there is time.
        var optional: [String] = names.isEmpty ? [] : ["\(Prose.list(names)) assessed them."]
        if let winner = s.winner {
            var lead = "\(s.name(of: winner.tool)) leads with \(Numbers.score(winner.total)) out of 10"
            if let runner = s.runnerUp, let a = winner.total, let b = runner.total {
                lead += ", \(Numbers.fixed(a - b, decimals: 1)) ahead of \(s.name(of: runner.tool))"
            }
            essential.append(lead + ".")
            if let reason = pick?.reason { essential.append(reason) }
            if let driver = s.mainDriver(criteria: criteria) { essential.append("The difference comes mostly from \(driver).") }
            if let deciding, let runner = s.runnerUp,
                let a = winner.indicators.first(where: { $0.indicator == deciding.id }), a.raw != nil,
                let b = runner.indicators.first(where: { $0.indicator == deciding.id }), b.raw != nil
            {
                optional.append(
                    "On \(Prose.inSentence(deciding.title)) it measured \(shown(a, unit: deciding.unit)) against \(shown(b, unit: deciding.unit)) "
                        + "for \(s.name(of: runner.tool)).")
            }
            if let p = s.winProbability {
                optional.append("It ranks first in \(Numbers.percent(p)) of the weightings we sampled around our profile.")
            }
            if let flip = s.nearestFlip {
                optional.append(
                    "The stage's ranking would change to \(s.name(of: flip.tool)) if the weight of \(criterionTitle(flip.criterion, project)) "
                        + "moved from \(Numbers.percent(flip.weight)) to \(Numbers.percent(flip.at)).")
            }
            if s.card?.sensitivity?.methodsAgree == false {
                optional.append("A second method, TOPSIS, picks another tool, so we treat this decision as close.")
            }
        } else {
            essential.append("No tool can be ranked yet.")
        }
        let chart = deciding != nil ? Assets.decidingChart(s.stage.id) : (s.card != nil ? Assets.stageChart(s.stage.id) : nil)
        return Draft(
            id: s.stage.id, title: "\(s.stage.title): \(pickName ?? "no pick yet")",
            body: body.joined(separator: "\n"), essential: essential, optional: optional, image: chart,
            imageAlt: deciding.map { "\($0.title) per candidate" } ?? "Weighted scores for \(s.stage.title)")
    }

    /// Does the stack play nice: the hand-offs between neighbouring picks, and whether counting them changes
    /// the stack.
    private static func stackDraft(_ choice: StackChoice, analysis: StackAnalysis, project: Project) -> Draft {
        let pairs = analysis.pairs
        let e = MarkdownText.escape
        func name(_ stage: String, _ tool: String) -> String { project.stage(stage)?.candidate(tool)?.name ?? tool }
        func title(_ stage: String) -> String { project.stage(stage)?.title ?? stage }
        let rows = choice.edges.map { p -> [String] in
            let result: String
            switch p.verdict {
            case .works?: result = "works (\(p.steps.count) of \(p.steps.count) steps)"
            case .partial?: result = "partly (\(p.steps.filter { $0.status == .ok }.count) of \(p.steps.count) steps)"
            case .fails?: result = "fails"
            case .unsupported?: result = "unsupported"
            case .conflicts?: result = "cannot share an environment"
            case nil: result = p.documented.isEmpty ? "not run" : "documented, not run"
            }
            return [e(name(p.stages[0], p.tools[0]) + " → " + name(p.stages[1], p.tools[1])), result]
        }
        let tried = pairs.filter { $0.verdict != nil }
        let works = tried.filter { $0.verdict == .works }.count
        var body = MarkdownText.table(header: ["Hand-off between our picks", "Result"], rows: rows, rightAligned: [])
        body += "\n\n- Pairs run: \(tried.count) of \(pairs.count), \(works) work end to end"
        let check = analysis.check(of: choice.members.map(\.tool))
        body += "\n- Installs together: "
            + (check.map { $0.resolves ? "yes, \(Prose.count($0.distributions, "distribution")) in one environment" : "no, \(Prose.count($0.conflicts.count, "conflict"))" }
                ?? "not checked yet")
        let verified = choice.edges.filter { $0.verdict == .works }.count
        var essential = [
            "We also checked that neighbouring tools hand data to each other: "
                + "\(verified) of the \(Prose.count(choice.edges.count, "hand-off")) between our picks \(verified == 1 ? "was" : "were") verified by a run."
        ]
        if choice.differences.isEmpty {
            essential.append(
                "Counting those results, the stage winners remain the best stack, in \(Numbers.percent(choice.robustness)) of the weightings we sampled.")
        } else {
            let changes = choice.differences.map { "\(name($0.stage, $0.chosen)) instead of \(name($0.stage, $0.winner))" }
            body += "\n- **Hand-offs counted, we take \(e(Prose.list(changes)))**"
            essential.append(
                "Counting those results changes the stack: we take \(Prose.list(changes)), "
                    + "the best choice in \(Numbers.percent(choice.robustness)) of the weightings we sampled.")
        }
        var optional: [String] = []
        if let failed = choice.edges.first(where: { $0.verdict != nil && $0.verdict != .works }),
            let step = failed.steps.first(where: { $0.status != .ok })
        {
            optional.append(
                "Where it breaks: \(name(failed.stages[0], failed.tools[0])) to \(name(failed.stages[1], failed.tools[1])) "
                    + "stops at \(step.step.replacingOccurrences(of: "_", with: " ")), \(step.status.rawValue).")
        }
        optional.append(
            tried.isEmpty
                ? "No pair has been run yet, so these hand-offs rest on documentation alone."
                : "Across all \(Prose.count(tried.count, "pair")) we ran, \(works) worked end to end; the stack page shows each one with its evidence.")
        return Draft(id: "stack", title: "Does the stack play nice together?", body: body, essential: essential, optional: optional)
    }

    private static func costRiskDraft(_ summaries: [StageSummary], recommendation: Recommendation, project: Project) -> Draft {
        let e = MarkdownText.escape
        var rows: [[String]] = []
        var total = 0.0
        var known = true
        var costSentences: [String] = []
        for s in summaries {
            guard let id = recommendation.tool(for: s.stage.id), let pick = s.card?.tools.first(where: { $0.tool == id }) else { continue }
            let cost = pick.cost?.totalUSD
            if let cost { total += cost } else { known = false }
            rows.append([e(s.stage.title), e(s.name(of: pick.tool)), cost.map { Prose.usd($0) } ?? "unknown"])
            if let cost, cost > 0 {
                costSentences.append("\(s.name(of: pick.tool)) accounts for \(Prose.usd(cost)) of it.")
            }
        }
        let months = project.costModel.horizonMonths
        var body = rows.isEmpty
            ? "- No recommendation yet, so no cost."
            : MarkdownText.table(header: ["Stage", "Pick", "Cost over \(months) months"], rows: rows, rightAligned: [2])
        if !rows.isEmpty { body += "\n\n- Total: " + (known ? "**\(Prose.usd(total))**" : "unknown (a price is missing)") }
        let close = summaries.filter { ($0.winProbability ?? 1) < 0.6 || ($0.card?.sensitivity?.methodsAgree == false) }
        if !close.isEmpty { body += "\n- Close calls: " + close.map { e($0.stage.title) }.joined(separator: ", ") }
        var essential = [
            rows.isEmpty
                ? "We cannot state a cost before we have a recommendation."
                : known
                    ? "Over \(months) months \(rows.count == 1 ? "our pick" : "the recommended stack") costs about \(Prose.usd(total)) "
                        + "for our team, with licences, hosting and the hours to run it."
                    : "We cannot total the cost over \(months) months yet: a price is unknown."
        ]
        essential.append(
            close.isEmpty
                ? "No decision is close: each pick ranks first under most weightings we sampled."
                : "The risky \(close.count == 1 ? "decision is" : "decisions are") \(Prose.list(close.map { Prose.inSentence($0.stage.title) })): "
                    + "there a change in weights or method could change the pick.")
        return Draft(id: "cost-risk", title: "Cost and risk", body: body, essential: essential, optional: costSentences)
    }

    /// The view model of `templates/marp.mustache` (`reports/slides/deck.md`): Markdown-ready values.
    public struct MarpView: Sendable, Encodable {
        public struct SlideView: Sendable, Encodable {
            /// True on the first slide (no `---` before it).
            public var first: Bool
            /// Escaped for Markdown.
            public var title: String
            /// The picture's path, relative to `reports/slides/`; absent without one.
            public var image: String?
            /// The slide's Markdown (user text already escaped).
            public var body: String
            /// A backup slide: after the ask, untimed, without notes.
            public var backup: Bool
            /// Who speaks it (`backup, untimed` on a backup slide); safe inside an HTML comment.
            public var speaker: String
            /// Its speaking time, `m:ss`.
            public var time: String
            /// What the speaker says; safe inside an HTML comment (`--` becomes `–`).
            public var notes: String
        }

        public var team: String
        public var slides: [SlideView]
    }

    /// The Marp deck's view model: per slide its title, picture, body, speaker, time and notes.
    public static func marpView(slides: [Slide], plan: TalkPlan, team: Team) -> MarpView {
        MarpView(
            team: MarkdownText.escape(team.name),
            slides: slides.enumerated().map { i, slide in
                let part = plan.parts.first { $0.slide == slide.id }
                let speaker = slide.backup ? "backup, untimed" : part.map { team.member($0.speaker)?.name ?? $0.speaker } ?? "unassigned"
                return MarpView.SlideView(
                    first: i == 0, title: MarkdownText.escape(slide.title), image: slide.image, body: slide.body, backup: slide.backup,
                    speaker: commentSafe(speaker), time: Numbers.minutesSeconds(part?.seconds ?? 0), notes: commentSafe(slide.notes))
            })
    }

    /// The deck as Marp Markdown, rendered with `templates/marp.mustache` (the project's, else the built-in
    /// copy): front matter with the theme, slides separated by `---`, the picture on the right, speaker notes
    /// as HTML comments that name the speaker and the time; backup slides last, untimed.
    public static func marp(slides: [Slide], plan: TalkPlan, team: Team, templates: TemplateSet = .builtIn) -> String {
        templates.render("marp", marpView(slides: slides, plan: plan, team: team))
    }

    /// Keeps text from closing an HTML comment early.
    static func commentSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "--", with: "–")
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
