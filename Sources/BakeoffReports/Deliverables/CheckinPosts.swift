import BakeoffModel
import BakeoffScoring

/// The weekly check-in posts: group details first, then one per stage in the schedule's order.
public enum CheckinPosts {
    /// One post: its number in the schedule, its id, and its Markdown.
    public struct Post: Hashable, Sendable {
        public var number: Int
        public var id: String
        public var markdown: String

        /// `NN-ID.md`, e.g. `01-group-details.md`.
        public var fileName: String { (number < 10 ? "0" : "") + "\(number)-\(id).md" }
    }

    /// Every post of the schedule, in order. The last one also names the recommendation (the whole-stack choice
    /// from `stack` when there is one), as the deck does.
    public static func posts(project: Project, scoreboard: Scoreboard?, runs: [Run], stack: StackAnalysis? = nil) -> [Post] {
        let schedule = project.team.schedule
        let recommendation = Recommendation.make(project: project, scoreboard: scoreboard, stack: stack)
        return schedule.enumerated().map { index, slot in
            let number = index + 1
            let markdown: String
            if slot.id == "group-details" {
                markdown = groupDetails(project: project, slot: slot, number: number)
            } else if let stage = project.stage(slot.id) {
                markdown = stagePost(project: project, stage: stage, slot: slot, number: number, scoreboard: scoreboard, runs: runs)
            } else {
                markdown = "# Check-in \(number)\n"
            }
            let last = index == schedule.count - 1 && schedule.count > 1 && !recommendation.decided.isEmpty
            return Post(number: number, id: slot.id, markdown: markdown + (last ? recommendationSection(recommendation) : ""))
        }
    }

    /// The recommendation so far, one line per stage, with the reason where the stack takes another tool than
    /// the stage's winner.
    static func recommendationSection(_ recommendation: Recommendation) -> String {
        let e = MarkdownText.escape
        var lines = ["", "## Our recommendation so far", ""]
        for pick in recommendation.picks {
            lines.append("- \(e(pick.stageTitle)): **\(e(pick.name ?? "no pick yet"))**" + (pick.reason.map { " — " + e($0) } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The post for `selector`: a 1-based number or a check-in id.
    public static func post(
        _ selector: String, project: Project, scoreboard: Scoreboard?, runs: [Run], stack: StackAnalysis? = nil
    ) -> Post? {
        let all = posts(project: project, scoreboard: scoreboard, runs: runs, stack: stack)
        if let n = Int(selector) { return all.first { $0.number == n } }
        return all.first { $0.id == selector }
    }

    /// The description with each `` `name` `` of a parameter replaced by its value: "100 runs", not "`runs` runs".
    static func withValues(_ text: String, _ parameters: [ScenarioParameter]) -> String {
        parameters.reduce(text) { $0.replacingOccurrences(of: "`\($1.name)`", with: $1.value) }
    }

    private static func groupDetails(project: Project, slot: CheckInSlot, number: Int) -> String {
        let team = project.team
        let e = MarkdownText.escape
        let poster = team.member(team.poster)?.name ?? team.poster
        var lines = ["# Check-in \(number): group details", ""]
        lines += [
            "- **Group:** \(e(team.name))",
            "- **Members:** \(team.members.map { e($0.name) }.joined(separator: ", "))",
            "- **Posted by:** \(e(poster))",
            "- **Company:** \(e(team.company.courseLabel))",
            "- **Data-science team:** \(e(team.dataScienceTeam.courseLabel))",
            "- **Product:** \(e(team.product))",
            "- **Due:** \(slot.due)",
        ]
        lines.append("")
        lines.append("## Stages and who assesses them")
        lines.append("")
        let rows = project.assessedStages.map { stage -> [String] in
            let candidates = team.assignment(for: stage.id)?.candidates ?? []
            return [
                e(stage.title),
                candidates.map { c in
                    "\(e(stage.candidate(c.tool)?.name ?? c.tool)) (\(c.assessors.map { e(team.member($0)?.name ?? $0) }.joined(separator: ", ")))"
                }.joined(separator: ", "),
            ]
        }
        lines.append(MarkdownText.table(header: ["Stage", "Candidates (assessors)"], rows: rows))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func stagePost(
        project: Project, stage fullStage: Stage, slot: CheckInSlot, number: Int, scoreboard: Scoreboard?, runs: [Run]
    ) -> String {
        let team = project.team
        let e = MarkdownText.escape
        let stage = project.assessedStages.first { $0.id == fullStage.id } ?? fullStage
        let summary = StageSummary(stage: stage, scoreboard: scoreboard, runs: runs)
        let poster = team.member(team.poster)?.name ?? team.poster
        var lines = ["# Check-in \(number): \(e(stage.title))", ""]
        lines.append("**Group:** \(e(team.name)) · **Posted by:** \(e(poster)) · **Due:** \(slot.due)")
        lines.append("")
        lines.append("**Question:** \(e(stage.question))")
        lines.append("")
        lines.append("## Tools assessed")
        lines.append("")
        let assessments = team.assignment(for: stage.id)?.candidates ?? []
        lines.append(
            MarkdownText.table(
                header: ["Tool", "Assessed by", "What it is"],
                rows: assessments.map { a in
                    let tool = stage.candidate(a.tool)
                    return [
                        tool.map { MarkdownText.link($0.name, to: $0.homepage) } ?? e(a.tool),
                        a.assessors.map { e(team.member($0)?.name ?? $0) }.joined(separator: ", "),
                        e(tool?.summary ?? ""),
                    ]
                }))
        lines.append("")
        lines.append("## How we compare them")
        lines.append("")
        if let scenario = stage.scenario {
            lines.append(e(withValues(scenario.description, scenario.parameters)))
            lines.append("")
            for (i, step) in scenario.steps.enumerated() {
                lines.append("\(i + 1). \(e(step.title))")
            }
            if !scenario.parameters.isEmpty {
                lines.append("")
                lines.append(
                    "Parameters: "
                        + scenario.parameters.map { "\(e($0.description)) = \(e($0.value))" }.joined(separator: "; ") + ".")
            }
        } else {
            lines.append("On sourced facts: licence, hosting, pricing, release cadence, support and integrations.")
        }
        lines.append("")
        lines.append("Criteria: " + project.criteria.map { e($0.title) }.joined(separator: ", ") + ".")
        lines.append("")
        lines.append("## First results")
        lines.append("")
        if let card = summary.card, summary.winner != nil {
            let criteria = project.criteria
            let header = ["Rank", "Tool", "Score"] + criteria.map { e($0.title) }
            let rows = card.tools.map { tool in
                [tool.rank.map(String.init) ?? "–", e(tool.name), Numbers.score(tool.total)]
                    + criteria.map { c in Numbers.score(tool.criteria.first { $0.criterion == c.id }?.score) }
            }
            lines.append(MarkdownText.table(header: header, rows: rows, rightAligned: Set([0, 2] + (0..<criteria.count).map { $0 + 3 })))
            lines.append("")
            if let winner = summary.winner {
                var leader = "**Leader so far:** \(e(winner.name)) with \(Numbers.score(winner.total)) of 10"
                if let runner = summary.runnerUp, let a = winner.total, let b = runner.total {
                    leader += ", \(Numbers.fixed(a - b, decimals: 1)) ahead of \(e(runner.name))"
                }
                if let p = summary.winProbability { leader += "; first in \(Numbers.percent(p)) of sampled weightings" }
                lines.append(leader + ".")
            }
            lines.append("")
            lines.append(e(summary.measurementClaim))
        } else {
            lines.append("No results yet: the scenario runs this week.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
