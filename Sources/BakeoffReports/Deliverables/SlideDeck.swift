import BakeoffModel
import BakeoffScoring

/// Builds the talk's slides from the project and its scores, and renders them as a Marp deck.
public enum SlideDeck {
    /// Paths of the images the deck shows, relative to `reports/slides/`.
    public enum Assets {
        public static let architecture = "../site/architecture.svg"
        public static func stageChart(_ stage: String) -> String { "../site/" + SiteModel.chart(stage, "scores") }
    }

    /// A slide before its notes are fitted to the talk: sentences it must say, and sentences it may add.
    struct Draft {
        var id: String
        var title: String
        var body: String
        var essential: [String]
        var optional: [String]
    }

    /// Title, architecture, one slide per assessed stage, cost and risk, the ask; the notes hold every
    /// essential sentence, plus optional ones (taken round robin across slides) while the talk stays
    /// `margin` seconds under its limit.
    /// `stack` nil: read from the project and runs here (when there is a scoreboard and an integration).
    public static func slides(
        project: Project, scoreboard: Scoreboard?, runs: [Run], stack: StackAnalysis? = nil, margin: Int = 20
    ) -> [Slide] {
        let stack = stack ?? scoreboard.flatMap { board in
            project.integrations.isEmpty ? nil : StackAnalysis.make(project: project, scoreboard: board, runs: runs)
        }
        let drafts = drafts(project: project, scoreboard: scoreboard, runs: runs, stack: stack)
        let talk = project.team.talk
        let budget = max(0, talk.limitSeconds - margin) * talk.wordsPerMinute / 60
        var chosen = drafts.map { $0.essential }
        var words = chosen.joined().map { TalkPlan.words(in: $0) }.reduce(0, +)
        var next = drafts.map { _ in 0 }
        var progress = true
        while progress {
            progress = false
            for i in drafts.indices where next[i] < drafts[i].optional.count {
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
                Slide(id: drafts[i].id, title: drafts[i].title, body: drafts[i].body, notes: chosen[i].joined(separator: " "))
            }
        }
        // Move optional sentences from the member who speaks most to one under the minimum, while they have some
        // to give and take: the total stays within the budget, and the shortest part grows.
        for _ in 0..<40 {
            let plan = TalkPlan.plan(slides: assemble(), team: project.team)
            guard let under = plan.perSpeaker.min(by: { $0.seconds < $1.seconds }),
                under.seconds < talk.minimumPerMemberSeconds,
                let over = plan.perSpeaker.max(by: { $0.seconds < $1.seconds }), over.member != under.member
            else { break }
            let slidesOf = { (member: String) in plan.parts.indices.filter { plan.parts[$0].speaker == member } }
            guard let take = slidesOf(under.member).first(where: { next[$0] < drafts[$0].optional.count }) else { break }
            let sentence = drafts[take].optional[next[take]]
            let extra = TalkPlan.words(in: sentence)
            while words + extra > budget {
                guard let give = slidesOf(over.member).filter({ next[$0] > 0 }).max(by: { next[$0] < next[$1] }) else { break }
                next[give] -= 1
                words -= TalkPlan.words(in: chosen[give].removeLast())
            }
            guard words + extra <= budget else { break }
            chosen[take].append(sentence)
            next[take] += 1
            words += extra
        }
        return assemble()
    }

    static func drafts(project: Project, scoreboard: Scoreboard?, runs: [Run], stack: StackAnalysis? = nil) -> [Draft] {
        let team = project.team
        let stages = project.assessedStages
        let summaries = stages.map { StageSummary(stage: $0, scoreboard: scoreboard, runs: runs) }
        let e = MarkdownText.escape
        var drafts: [Draft] = []

        let toolCount = stages.reduce(0) { $0 + $1.candidates.count }
        let profile = scoreboard.flatMap { board in project.profile(board.profile) }
        let weights = (scoreboard?.weights ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        drafts.append(
            Draft(
                id: "title", title: "\(team.name): choosing our ML platform on evidence",
                body: [
                    "- \(e(team.product))",
                    "- \(e(team.company.rawValue)) company, \(e(team.dataScienceTeam.rawValue)) data-science team",
                    "- \(team.members.map { e($0.name) }.joined(separator: ", "))",
                ].joined(separator: "\n"),
                essential: [
                    "Hello, we are \(team.name). We support a \(team.dataScienceTeam.rawValue) data-science team at a "
                        + "\(team.company.rawValue) company building \(sentence(team.product))",
                    "We compared \(toolCount) tools across \(stages.count) stages of the pipeline: each ran the same "
                        + "scripted scenario on one machine, and we scored them on cost, lock-in, support, interoperability and performance.",
                ],
                optional: [
                    profile.map { p in
                        "We weighted the criteria for a \(p.title.lowercased()): "
                            + list(weights.prefix(3).map { "\(criterionTitle($0.key, project)) \(Numbers.percent($0.value))" }) + "."
                    },
                    "Every number we show comes from a recorded run or from a fact with its source and date.",
                ].compactMap { $0 }))

        let picks = summaries.map { s in
            "- \(e(s.stage.title)): **\(e(s.winner.map { s.name(of: $0.tool) } ?? "undecided"))**"
                + (s.runnerUp.map { " (runner-up \(e(s.name(of: $0.tool))))" } ?? "")
        }
        let chain = summaries.compactMap { s in s.winner.map { "\(s.name(of: $0.tool)) for \(s.stage.title.lowercased())" } }
        drafts.append(
            Draft(
                id: "architecture", title: "The recommended stack",
                body: "![Architecture of the recommended stack](\(Assets.architecture))\n\n" + picks.joined(separator: "\n"),
                essential: [
                    chain.isEmpty
                        ? "This diagram shows the stages of our pipeline; no stage has a recommended tool yet."
                        : "This is the stack we recommend, from data to monitoring: \(list(chain))."
                ],
                optional: [
                    "Data flows from left to right, continuous integration guards the code path, and monitoring feeds back into retraining.",
                    "Each box also names the runner-up, our fallback if the pick disappoints.",
                ]))

        for s in summaries { drafts.append(stageDraft(s, project: project)) }
        if let stack, let choice = stack.choice, !project.integrations.isEmpty {
            drafts.append(stackDraft(choice, analysis: stack, project: project))
        }
        // The stack to cost and to ask for: the whole-stack choice when there is one (hand-offs counted), else
        // the stage winners.
        let chosen = stack?.choice.map { choice in Dictionary(uniqueKeysWithValues: choice.members.map { ($0.stage, $0.tool) }) }
        drafts.append(costRiskDraft(summaries, chosen: chosen ?? [:], project: project))

        let asks = summaries.compactMap { s in (chosen?[s.stage.id] ?? s.winner?.tool).map { s.name(of: $0) } }
        drafts.append(
            Draft(
                id: "ask", title: "Our ask",
                body: [
                    "- Approve the stack: \(asks.map(e).joined(separator: ", "))",
                    "- Re-run the bakeoff when a weight or a tool changes: `bakeoff run`, `bakeoff build`",
                ].joined(separator: "\n"),
                essential: [
                    asks.isEmpty
                        ? "We ask for time to finish the measurements before we recommend a stack."
                        : "We ask you to approve this stack of \(asks.count) tools."
                ],
                optional: [
                    "The whole analysis re-runs in seconds when a weight or a result changes, so the decision can be revisited.",
                    "Thank you; we are happy to take questions.",
                ]))
        return drafts
    }

    private static func criterionTitle(_ id: String, _ project: Project) -> String {
        project.criteria.first { $0.id == id }?.title.lowercased() ?? id
    }

    private static func stageDraft(_ s: StageSummary, project: Project) -> Draft {
        let e = MarkdownText.escape
        let team = project.team
        let assessors = team.assignment(for: s.stage.id)?.candidates.flatMap(\.assessors) ?? []
        let names = unique(assessors).map { team.member($0)?.name ?? $0 }
        let criteria = project.criteria
        var body: [String] = []
        body.append("- Compared: \(s.stage.candidates.map { e($0.name) }.joined(separator: ", "))")
        body.append(
            s.stage.scenario.map { "- How: \($0.steps.count) scripted step\($0.steps.count == 1 ? "" : "s") per tool, measured; sourced facts" }
                ?? "- How: sourced facts (no scenario yet)")
        body.append("- **\(s.winner.map { "Pick: " + e(s.name(of: $0.tool)) } ?? "No pick yet")**")
        if let card = s.card {
            let header = ["Tool", "Total"] + criteria.map { e($0.title) }
            let rows = card.tools.prefix(4).map { tool in
                [e(tool.name), Numbers.score(tool.total)]
                    + criteria.map { c in Numbers.score(tool.criteria.first { $0.criterion == c.id }?.score) }
            }
            body.append("")
            body.append(MarkdownText.table(header: header, rows: rows, rightAligned: Set(1..<header.count)))
            body.append("")
            body.append("![Weighted scores for \(e(s.stage.title))](\(Assets.stageChart(s.stage.id)))")
        }
        var essential = ["For \(s.stage.title.lowercased()), \(list(names)) assessed \(list(s.stage.candidates.map(\.name)))."]
        var optional: [String] = []
        if let scenario = s.stage.scenario {
            optional.append("Each ran the same scenario: \(list(scenario.steps.map { $0.title.lowercased() })).")
        }
        if s.measuredTools.isEmpty { essential.append("We have no measurements yet, so this comparison rests on sourced facts.") }
        if let winner = s.winner {
            var lead = "\(s.name(of: winner.tool)) leads with \(Numbers.score(winner.total)) out of 10"
            if let runner = s.runnerUp, let a = winner.total, let b = runner.total {
                lead += ", \(Numbers.fixed(a - b, decimals: 1)) ahead of \(s.name(of: runner.tool))"
            }
            essential.append(lead + ".")
            if let driver = s.mainDriver(criteria: criteria) { essential.append("The difference comes mostly from \(driver).") }
            if let p = s.winProbability {
                optional.append("It ranks first in \(Numbers.percent(p)) of the weightings we sampled around our profile.")
            }
            if let runner = s.runnerUp {
                for indicator in criteria.flatMap(\.indicators) {
                    guard case .step = indicator.source,
                        let a = winner.indicators.first(where: { $0.indicator == indicator.id }), a.raw != nil,
                        let b = runner.indicators.first(where: { $0.indicator == indicator.id }), b.raw != nil
                    else { continue }
                    optional.append(
                        "On \(indicator.title.lowercased()) it measured \(a.display) against \(b.display) for \(s.name(of: runner.tool)).")
                    if optional.count >= 4 { break }
                }
            }
            if let flip = s.card?.sensitivity?.flipPoints.filter({ $0.flipsAt != nil })
                .min(by: { abs($0.flipsAt! - $0.weight) < abs($1.flipsAt! - $1.weight) }),
                let at = flip.flipsAt, let other = flip.newWinner
            {
                optional.append(
                    "The pick would change to \(s.name(of: other)) only if the weight of \(criterionTitle(flip.criterion, project)) "
                        + "moved from \(Numbers.percent(flip.weight)) to \(Numbers.percent(at)).")
            }
            if s.card?.sensitivity?.methodsAgree == false {
                optional.append("A second method, TOPSIS, picks another tool, so we treat this decision as close.")
            }
        } else {
            essential.append("No tool can be ranked yet.")
        }
        return Draft(
            id: s.stage.id, title: "\(s.stage.title): \(s.winner.map { s.name(of: $0.tool) } ?? "no pick yet")",
            body: body.joined(separator: "\n"), essential: essential, optional: optional)
    }

    /// Does the stack play nice: the hand-offs between neighbouring winners, and whether counting them
    /// changes the stack.
    private static func stackDraft(_ choice: StackChoice, analysis: StackAnalysis, project: Project) -> Draft {
        let pairs = analysis.pairs
        let e = MarkdownText.escape
        func name(_ stage: String, _ tool: String) -> String { project.stage(stage)?.candidate(tool)?.name ?? tool }
        func title(_ stage: String) -> String { project.stage(stage)?.title ?? stage }
        let rows = choice.winnerEdges.map { p -> [String] in
            let result: String
            switch p.verdict {
            case .works?: result = "works (\(p.steps.count) of \(p.steps.count) steps)"
            case .partial?: result = "partly (\(p.steps.filter { $0.status == .ok }.count) of \(p.steps.count) steps)"
            case .fails?: result = "fails"
            case .unsupported?: result = "unsupported"
            case .conflicts?: result = "cannot share an environment"
            case nil: result = p.documented.isEmpty ? "not run" : "documented, not run"
            }
            return [e(title(p.stages[0]) + " → " + title(p.stages[1])), e(name(p.stages[0], p.tools[0]) + " → " + name(p.stages[1], p.tools[1])), result]
        }
        let tried = pairs.filter { $0.verdict != nil }
        let works = tried.filter { $0.verdict == .works }.count
        var body = MarkdownText.table(header: ["Hand-off", "Winners", "Result"], rows: rows, rightAligned: [])
        body += "\n\n- Pairs of neighbouring tools run: \(tried.count) of \(pairs.count), \(works) work end to end"
        let check = analysis.check(of: choice.members.map(\.tool))
        body += "\n- The chosen stack installs together: "
            + (check.map { $0.resolves ? "yes, \($0.distributions) distributions in one environment" : "no, \($0.conflicts.count) conflicts" }
                ?? "not checked yet")
        let verified = choice.winnerEdges.filter { $0.verdict == .works }.count
        var essential = [
            "We also checked that neighbouring tools hand data to each other, installed together and scripted like every scenario: "
                + "\(verified) of the \(choice.winnerEdges.count) hand-offs between our winners were verified by a run."
        ]
        if choice.differences.isEmpty {
            body += "\n- **Counting interoperability, the stage winners stay the best stack**"
            essential.append(
                "Counting those results, the winners remain the best stack, in \(Numbers.percent(choice.robustness)) of the weightings we sampled.")
        } else {
            let changes = choice.differences.map { "\(name($0.stage, $0.chosen)) instead of \(name($0.stage, $0.winner))" }
            body += "\n- **Best stack with interoperability counted: \(e(list(changes)))**"
            essential.append(
                "Counting those results changes the stack: we would take \(list(changes)), "
                    + "the best choice in \(Numbers.percent(choice.robustness)) of the weightings we sampled.")
        }
        var optional: [String] = []
        if let failed = choice.winnerEdges.first(where: { $0.verdict != nil && $0.verdict != .works }),
            let step = failed.steps.first(where: { $0.status != .ok })
        {
            optional.append(
                "Where it breaks: \(name(failed.stages[0], failed.tools[0])) to \(name(failed.stages[1], failed.tools[1])) "
                    + "stops at \(step.step.replacingOccurrences(of: "_", with: " ")), \(step.status.rawValue).")
        }
        optional.append(
            tried.isEmpty
                ? "No pair has been run yet, so these hand-offs rest on documentation alone."
                : "Across all \(tried.count) pairs we ran, \(works) worked end to end; the stack page shows each one with its evidence.")
        return Draft(id: "stack", title: "Does the stack play nice together?", body: body, essential: essential, optional: optional)
    }

    /// `chosen`: stage → the tool the stack takes, where it is not simply the stage's winner.
    private static func costRiskDraft(_ summaries: [StageSummary], chosen: [String: String], project: Project) -> Draft {
        let e = MarkdownText.escape
        var rows: [[String]] = []
        var total = 0.0
        var known = true
        var costSentences: [String] = []
        for s in summaries {
            guard let winner = chosen[s.stage.id].flatMap({ id in s.card?.tools.first { $0.tool == id } }) ?? s.winner else { continue }
            let cost = winner.cost?.totalUSD
            if let cost { total += cost } else { known = false }
            rows.append([e(s.stage.title), e(s.name(of: winner.tool)), cost.map { "$" + Numbers.fixed($0, decimals: 0) } ?? "unknown"])
            if let cost, cost > 0 {
                costSentences.append("\(s.name(of: winner.tool)) accounts for \(Numbers.fixed(cost, decimals: 0)) dollars of it.")
            }
        }
        let months = project.costModel.horizonMonths
        var body = rows.isEmpty
            ? "- No recommendation yet, so no cost."
            : MarkdownText.table(header: ["Stage", "Pick", "Cost over \(months) months"], rows: rows, rightAligned: [2])
        let close = summaries.filter { ($0.winProbability ?? 1) < 0.6 || ($0.card?.sensitivity?.methodsAgree == false) }
        if !close.isEmpty { body += "\n\n- Close calls: " + close.map { e($0.stage.title) }.joined(separator: ", ") }
        var essential = [
            rows.isEmpty
                ? "We cannot state a cost before we have a recommendation."
                : "Over \(months) months the recommended stack costs "
                    + (known ? "about \(Numbers.fixed(total, decimals: 0)) dollars" : "an amount we cannot total, because a price is unknown")
                    + " for our team, with licences, hosting and the hours to run it."
        ]
        essential.append(
            close.isEmpty
                ? "No decision is close: each pick ranks first under most weightings we sampled."
                : "The risky decisions are \(list(close.map { $0.stage.title.lowercased() })): there a change in weights or method could change the pick.")
        return Draft(id: "cost-risk", title: "Cost and risk", body: body, essential: essential, optional: costSentences)
    }

    /// The deck as Marp Markdown: front matter, slides separated by `---`, speaker notes as HTML comments
    /// that name the speaker and the time.
    public static func marp(slides: [Slide], plan: TalkPlan, team: Team) -> String {
        var out = "---\nmarp: true\ntheme: default\npaginate: true\n---\n\n"
        for (i, slide) in slides.enumerated() {
            if i > 0 { out += "\n---\n\n" }
            out += "# \(MarkdownText.escape(slide.title))\n\n\(slide.body)\n"
            let part = plan.parts.first { $0.slide == slide.id }
            let speaker = part.map { team.member($0.speaker)?.name ?? $0.speaker } ?? "unassigned"
            let time = Numbers.minutesSeconds(part?.seconds ?? 0)
            // Marp reads a comment starting with a directive name as a directive; "Speaker" is none.
            out += "\n<!--\nSpeaker: \(commentSafe(speaker)) (\(time))\n\(commentSafe(slide.notes))\n-->\n"
        }
        return out
    }

    /// Keeps text from closing an HTML comment early.
    static func commentSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "--", with: "–")
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "nobody"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first else { return "" }
        let lowered = first.lowercased() + trimmed.dropFirst()
        return lowered.hasSuffix(".") ? lowered : lowered + "."
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

import Foundation
