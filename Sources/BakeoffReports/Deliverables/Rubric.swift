import BakeoffModel
import BakeoffScoring

/// The deliverables checklist (the course's rubric or the generic one): each item passes or fails, with what to do.
public enum Rubric {
    public struct Item: Hashable, Sendable {
        public var title: String
        public var passed: Bool
        /// Why it failed and what to do; empty when it passed.
        public var detail: String
    }

    /// What the rubric reads of the generated reports (so it checks what was handed in, not what could be).
    public struct Outputs: Sendable {
        /// The rendered page of a stage, if it exists.
        public var stagePage: @Sendable (String) -> String?
        /// Whether a chart of the stage exists.
        public var stageChart: @Sendable (String) -> Bool
        /// Whether a check-in post file exists.
        public var checkin: @Sendable (String) -> Bool

        public init(
            stagePage: @escaping @Sendable (String) -> String?, stageChart: @escaping @Sendable (String) -> Bool,
            checkin: @escaping @Sendable (String) -> Bool
        ) {
            self.stagePage = stagePage
            self.stageChart = stageChart
            self.checkin = checkin
        }
    }

    /// Checks the deliverables against the project's rubric (`project.rubric`): the course's rules when
    /// `bakeoff.yaml` has a `rubric:` block, else the generic proof-of-concept checklist.
    public static func evaluate(
        project: Project, history: RunHistory, scoreboard: Scoreboard?, plan: TalkPlan, posts: [CheckinPosts.Post],
        outputs: Outputs
    ) -> [Item] {
        var items: [Item] = []
        func item(_ title: String, _ failures: [String]) {
            items.append(Item(title: title, passed: failures.isEmpty, detail: failures.joined(separator: "; ")))
        }
        let team = project.team
        let rules = project.rubric
        // The course counts its own stages; a stage's parts (part_of) are judged within their parent.
        let stages = project.mainStages
        if let required = rules.stages {
            item(
                "\(Numbers.word(required)) stage\(required == 1 ? "" : "s") assessed",
                stages.count >= required
                    ? [] : ["only \(stages.count) stage\(stages.count == 1 ? " is" : "s are") assessed in bakeoff.yaml; assess all \(required)"])
        }
        let least = rules.candidatesPerStage
        item(
            "at least \(Numbers.word(least)) candidate\(least == 1 ? "" : "s") per stage",
            stages.filter { $0.candidates.count < least }.map { "\($0.id) has \($0.candidates.count); add another under stages.\($0.id) in bakeoff.yaml" })
        for required in rules.requiredTools {
            let name = project.stage(required.stage)?.candidate(required.tool)?.name ?? required.tool
            let assessed = stages.first { $0.id == required.stage }
            item(
                "\(name) among the \(required.stage) candidates",
                assessed == nil
                    ? ["stage \(required.stage) is not assessed; add it under stages in bakeoff.yaml"]
                    : assessed!.candidate(required.tool) == nil ? ["add \(required.tool) to stages.\(required.stage) in bakeoff.yaml"] : [])
        }
        if let size = rules.teamSize {
            let count = team.members.count
            let range = size.lowerBound == size.upperBound ? "\(size.lowerBound)" : "\(size.lowerBound)–\(size.upperBound)"
            item(
                "a team of \(range) members",
                size.contains(count) ? [] : ["the team has \(count) member\(count == 1 ? "" : "s"); the rubric asks for \(range)"])
        }
        item(
            "every candidate has an assessor",
            (team.stages.flatMap { s in s.candidates.filter { $0.assessors.isEmpty }.map { "\(s.stage).\($0.tool)" } })
                .map { "name who assesses \($0)" })
        var measured: [String] = []
        var tables: [String] = []
        var visuals: [String] = []
        var picks: [String] = []
        for stage in stages {
            let tools = Set(
                history.parts(stage: stage.id).filter { $0.okRepetitions > 0 }.map(\.tool))
            let card = scoreboard?.stages.first { $0.stage == stage.id }
            if tools.count < min(2, stage.candidates.count) {
                measured.append("\(stage.id): \(tools.count) candidate\(tools.count == 1 ? "" : "s") measured; run 'bakeoff run --stage \(stage.id)'")
            } else {
                // The comparison that decides is the winner against the runner-up: both must rest on measurements.
                for (what, tool) in [("winner", card?.winner), ("runner-up", card?.runnerUp)] {
                    if let tool, !tools.contains(tool) {
                        measured.append("\(stage.id): the \(what) \(tool) has no measurement; run 'bakeoff run --stage \(stage.id) --tool \(tool)'")
                    }
                }
            }
            let page = outputs.stagePage(stage.id)
            if page?.contains("<table") != true { tables.append("\(stage.id): no table on its page; run 'bakeoff build'") }
            if !outputs.stageChart(stage.id) { visuals.append("\(stage.id): no chart; run 'bakeoff build'") }
            if card?.winner == nil {
                picks.append("\(stage.id): no recommendation (no candidate could be ranked)")
            }
        }
        item("each stage has measurements", measured)
        item("each stage has a table", tables)
        item("each stage has a visual", visuals)
        item("each stage has a recommendation", picks)
        let missingPosts = posts.filter { !outputs.checkin($0.fileName) }.map { "\($0.fileName) is missing; run 'bakeoff build'" }
        if let required = rules.checkins {
            let countProblem = posts.count < required
                ? ["the schedule has \(posts.count) check-in\(posts.count == 1 ? "" : "s"); the rubric asks for \(required) (group-details and one per stage)"] : []
            item("all \(Numbers.word(required)) check-in\(required == 1 ? "" : "s") generated", countProblem + missingPosts)
        } else {
            item("every scheduled check-in generated", missingPosts)
        }
        item(
            "the talk fits its limit (\(Numbers.minutesSeconds(plan.limitSeconds)))",
            plan.totalSeconds > plan.limitSeconds ? [plan.problems.first ?? "too long"] : [])
        item(
            "every member speaks at least \(Numbers.minutesSeconds(plan.minimumPerMemberSeconds))",
            plan.problems.filter { !$0.hasPrefix("the talk takes") })
        return items
    }

    /// `pass`/`FAIL` lines, one per item.
    public static func report(_ items: [Item]) -> String {
        items.map { ($0.passed ? "pass  " : "FAIL  ") + $0.title + ($0.passed ? "" : ": " + $0.detail) }
            .joined(separator: "\n") + "\n"
    }
}
