import BakeoffModel
import BakeoffScoring

/// The deliverables checklist the course grades: each item passes or fails, with what to do.
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

    /// The six stages every team must cover.
    public static let requiredStages = 6

    public static func evaluate(
        project: Project, runs: [Run], scoreboard: Scoreboard?, plan: TalkPlan, posts: [CheckinPosts.Post],
        outputs: Outputs
    ) -> [Item] {
        var items: [Item] = []
        func item(_ title: String, _ failures: [String]) {
            items.append(Item(title: title, passed: failures.isEmpty, detail: failures.joined(separator: "; ")))
        }
        let team = project.team
        let stages = project.assessedStages
        item(
            "six stages assessed",
            stages.count >= requiredStages
                ? [] : ["only \(stages.count) stage\(stages.count == 1 ? " is" : "s are") assessed in bakeoff.yaml; assess all \(requiredStages)"])
        item(
            "at least two candidates per stage",
            stages.filter { $0.candidates.count < 2 }.map { "\($0.id) has \($0.candidates.count); add another under stages.\($0.id) in bakeoff.yaml" })
        let tracking = stages.filter { $0.id.contains("tracking") || $0.title.lowercased().contains("tracking") }
        item(
            "MLflow among the tracking candidates",
            tracking.isEmpty
                ? ["no experiment-tracking stage is assessed"]
                : tracking.filter { !$0.candidates.contains { $0.id == "mlflow" } }.map { "add mlflow to stages.\($0.id) in bakeoff.yaml" })
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
                runs.flatMap { $0.observations }.filter { $0.stage == stage.id && $0.status == .ok }.map(\.tool))
            if tools.count < min(2, stage.candidates.count) {
                measured.append("\(stage.id): \(tools.count) candidate\(tools.count == 1 ? "" : "s") measured; run 'bakeoff run --stage \(stage.id)'")
            }
            let page = outputs.stagePage(stage.id)
            if page?.contains("<table") != true { tables.append("\(stage.id): no table on its page; run 'bakeoff build'") }
            if !outputs.stageChart(stage.id) { visuals.append("\(stage.id): no chart; run 'bakeoff build'") }
            if scoreboard?.stages.first(where: { $0.stage == stage.id })?.winner == nil {
                picks.append("\(stage.id): no recommendation (no candidate could be ranked)")
            }
        }
        item("each stage has measurements", measured)
        item("each stage has a table", tables)
        item("each stage has a visual", visuals)
        item("each stage has a recommendation", picks)
        let missingPosts = posts.filter { !outputs.checkin($0.fileName) }.map { "\($0.fileName) is missing; run 'bakeoff build'" }
        let countProblem = posts.count < requiredStages + 1
            ? ["the schedule has \(posts.count) check-ins; it needs group-details and one per stage (\(requiredStages + 1))"] : []
        item("all seven check-ins generated", countProblem + missingPosts)
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
