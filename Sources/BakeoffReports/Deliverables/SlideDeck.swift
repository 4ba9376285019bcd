import BakeoffModel
import BakeoffScoring

/// Builds the talk's slides from the project and its scores, and renders them as a Marp deck.
public enum SlideDeck {
    /// Paths of the images the deck shows, relative to `reports/slides/`.
    public enum Assets {
        public static let architecture = "../site/architecture.svg"
        public static func stageChart(_ stage: String) -> String { "../site/charts/\(stage)-scores.svg" }
    }

    /// Title, architecture, one slide per assessed stage, cost and risk, the ask.
    public static func slides(project: Project, scoreboard: Scoreboard?, runs: [Run]) -> [Slide] {
        let team = project.team
        let stages = project.assessedStages
        let summaries = stages.map { StageSummary(stage: $0, scoreboard: scoreboard, runs: runs) }
        let e = MarkdownText.escape
        var slides: [Slide] = []

        let toolCount = stages.reduce(0) { $0 + $1.candidates.count }
        slides.append(
            Slide(
                id: "title", title: "\(team.name): choosing our ML platform on evidence",
                body: [
                    "- \(e(team.product))",
                    "- \(e(team.company.rawValue)) company, \(e(team.dataScienceTeam.rawValue)) data-science team",
                    "- \(team.members.map { e($0.name) }.joined(separator: ", "))",
                ].joined(separator: "\n"),
                notes: "Hello, we are \(team.name). We support a \(team.dataScienceTeam.rawValue) data-science team at a "
                    + "\(team.company.rawValue) company building \(sentence(team.product)) We compared \(toolCount) tools "
                    + "across \(stages.count) stages of the pipeline. Each tool ran the same scripted scenario on one "
                    + "machine, and we scored them on cost, lock-in, support, interoperability and performance."))

        let picks = summaries.map { s in
            "- \(e(s.stage.title)): **\(e(s.winner.map { s.name(of: $0.tool) } ?? "undecided"))**"
                + (s.runnerUp.map { " (runner-up \(e(s.name(of: $0.tool))))" } ?? "")
        }
        let chain = summaries.compactMap { s in s.winner.map { "\(s.name(of: $0.tool)) for \(s.stage.title.lowercased())" } }
        slides.append(
            Slide(
                id: "architecture", title: "The recommended stack",
                body: "![Architecture of the recommended stack](\(Assets.architecture))\n\n" + picks.joined(separator: "\n"),
                notes: chain.isEmpty
                    ? "This diagram shows the six stages of our pipeline. We have no scores yet, so no stage has a recommended tool."
                    : "This is the stack we recommend, from data to monitoring: \(list(chain)). Data flows left to right, "
                        + "and monitoring feeds back into retraining."))

        for s in summaries {
            slides.append(stageSlide(s, project: project, scoreboard: scoreboard))
        }

        slides.append(costRiskSlide(summaries, project: project))
        let asks = summaries.compactMap { s in s.winner.map { s.name(of: $0.tool) } }
        slides.append(
            Slide(
                id: "ask", title: "Our ask",
                body: [
                    "- Approve the stack: \(asks.map(e).joined(separator: ", "))",
                    "- Re-run the bakeoff when a weight or a tool changes: `bakeoff run`, `bakeoff build`",
                ].joined(separator: "\n"),
                notes: asks.isEmpty
                    ? "We ask for time to finish the measurements before we recommend a stack."
                    : "We ask you to approve this stack of \(asks.count) tools. Every number we showed comes from a "
                        + "recorded run or a sourced fact, and the whole analysis is re-run in seconds when a weight changes. Thank you."))
        return slides
    }

    private static func stageSlide(_ s: StageSummary, project: Project, scoreboard: Scoreboard?) -> Slide {
        let e = MarkdownText.escape
        let team = project.team
        let assessors = team.assignment(for: s.stage.id)?.candidates.flatMap(\.assessors) ?? []
        let names = unique(assessors).map { team.member($0)?.name ?? $0 }
        let criteria = project.criteria
        var body: [String] = []
        body.append("- Compared: \(s.stage.candidates.map { e($0.name) }.joined(separator: ", "))")
        if let scenario = s.stage.scenario {
            body.append("- How: \(scenario.steps.count) scripted steps per tool, measured; sourced facts")
        } else {
            body.append("- How: sourced facts (no scenario yet)")
        }
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
        var notes = "For \(s.stage.title.lowercased()), \(list(names)) assessed \(list(s.stage.candidates.map(\.name)))."
        if let scenario = s.stage.scenario {
            notes += " Each ran the same scenario: \(list(scenario.steps.map { $0.title.lowercased() }))."
        }
        if s.measuredTools.isEmpty {
            notes += " We have no measurements yet, so this comparison rests on sourced facts."
        }
        if let winner = s.winner {
            notes += " \(s.name(of: winner.tool)) leads with \(Numbers.score(winner.total)) out of 10"
            if let runner = s.runnerUp, let a = winner.total, let b = runner.total {
                notes += ", \(Numbers.fixed(a - b, decimals: 1)) ahead of \(s.name(of: runner.tool))"
            }
            notes += "."
            if let driver = s.mainDriver(criteria: criteria) { notes += " The difference comes mostly from \(driver)." }
            if let p = s.winProbability {
                notes += " It wins in \(Numbers.percent(p)) of the weightings we sampled around our profile."
            }
        } else {
            notes += " No tool can be ranked yet."
        }
        let pick = s.winner.map { "Pick: \(s.name(of: $0.tool))" } ?? "No pick yet"
        return Slide(id: s.stage.id, title: "\(s.stage.title): \(pick.replacingOccurrences(of: "Pick: ", with: ""))",
            body: ([body.removeFirst(), body.removeFirst()] + ["- **\(e(pick))**"] + body).joined(separator: "\n"),
            notes: notes)
    }

    private static func costRiskSlide(_ summaries: [StageSummary], project: Project) -> Slide {
        let e = MarkdownText.escape
        var rows: [[String]] = []
        var total = 0.0
        var known = true
        for s in summaries {
            guard let winner = s.winner else { continue }
            let cost = winner.cost?.totalUSD
            if let cost { total += cost } else { known = false }
            rows.append([e(s.stage.title), e(s.name(of: winner.tool)), cost.map { "$" + Numbers.fixed($0, decimals: 0) } ?? "unknown"])
        }
        let months = project.costModel.horizonMonths
        var body = rows.isEmpty
            ? "- No recommendation yet, so no cost."
            : MarkdownText.table(header: ["Stage", "Pick", "Cost over \(months) months"], rows: rows, rightAligned: [2])
        let close = summaries.filter { ($0.winProbability ?? 1) < 0.6 || ($0.card?.sensitivity?.methodsAgree == false) }
        if !close.isEmpty {
            body += "\n\n- Close calls: " + close.map { e($0.stage.title) }.joined(separator: ", ")
        }
        var notes = rows.isEmpty
            ? "We cannot state a cost before we have a recommendation."
            : "Over \(months) months the recommended stack costs "
                + (known ? "about \(Numbers.fixed(total, decimals: 0)) dollars" : "an amount we cannot total, because a price is unknown")
                + " for our team, licences, hosting and the hours to run it included."
        notes += close.isEmpty
            ? " No decision is close: each pick wins under most weightings we sampled."
            : " The risky decisions are \(list(close.map { $0.stage.title.lowercased() })): there a change in weights or method could change the pick."
        return Slide(id: "cost-risk", title: "Cost and risk", body: body, notes: notes)
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
