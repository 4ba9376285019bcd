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

    /// The view model of `templates/checkin.mustache`, one post: Markdown-ready values (user-supplied text
    /// already escaped for Markdown, links written), laid out by the template.
    public struct View: Sendable, Encodable {
        /// Group details: the team and who assesses which stage.
        public struct Group: Sendable, Encodable {
            public struct StageRow: Sendable, Encodable {
                public var title: String
                /// `MLflow (Ana Ruiz), Aim (Chen Wei)`.
                public var candidates: String
            }

            public var members: String
            public var company: String
            public var dataScienceTeam: String
            public var product: String
            public var stages: [StageRow]
        }

        /// A stage's post: what is compared, how, and the first results.
        public struct StagePost: Sendable, Encodable {
            public struct ToolRow: Sendable, Encodable {
                /// The name, linked to the homepage.
                public var tool: String
                public var assessors: String
                public var summary: String
            }

            public struct Step: Sendable, Encodable {
                public var number: Int
                public var title: String
            }

            public struct Scenario: Sendable, Encodable {
                /// With each parameter's value in place of its name.
                public var description: String
                public var steps: [Step]
                /// `Training runs logged = 100; Parameters per run = 10`; absent without parameters.
                public var parameters: String?
            }

            public struct ResultRow: Sendable, Encodable {
                /// `1`, or `–` when unranked.
                public var rank: String
                public var tool: String
                /// Out of 10 with one decimal, or `unknown`.
                public var score: String
                /// One per `criteria`, in order.
                public var scores: [String]
            }

            public struct Results: Sendable, Encodable {
                /// The criteria's titles: the table's last columns.
                public var criteria: [String]
                public var rows: [ResultRow]
                /// `**Leader so far:** MLflow with 7.5 of 10, 1.3 ahead of Aim; first in 69 % of sampled weightings.`
                public var leader: String
                /// What was measured, per tool.
                public var measured: String
            }

            public var title: String
            public var question: String
            public var tools: [ToolRow]
            /// Absent for a stage compared on facts only.
            public var scenario: Scenario?
            /// The criteria's titles, comma-separated.
            public var criteria: String
            /// Absent until a candidate can be ranked.
            public var results: Results?
        }

        /// One line of the recommendation so far.
        public struct Pick: Sendable, Encodable {
            public var stage: String
            /// The tool's name, or `no pick yet`.
            public var tool: String
            /// Why the stack takes another tool than the stage's winner; absent when it does not.
            public var reason: String?
        }

        public var number: Int
        /// The team's name.
        public var group: String
        public var poster: String
        public var due: String
        /// Set on the group-details post.
        public var groupDetails: Group?
        /// Set on a stage's post.
        public var stage: StagePost?
        /// The recommendation so far, one line per stage: on the last post only, once a stage has a pick.
        public var recommendation: [Pick]
        /// Whether `recommendation` has lines (for its heading).
        public var hasRecommendation: Bool
    }

    /// Every post of the schedule, in order, rendered with `templates/checkin.mustache` (the project's, else the
    /// built-in copy). The last one also names the recommendation (the whole-stack choice from `stack` when
    /// there is one), as the deck does.
    public static func posts(
        project: Project, scoreboard: Scoreboard?, history: RunHistory, stack: StackAnalysis? = nil, templates: TemplateSet = .builtIn
    ) -> [Post] {
        views(project: project, scoreboard: scoreboard, history: history, stack: stack).map { id, view in
            Post(number: view.number, id: id, markdown: templates.render("checkin", view))
        }
    }

    /// Every post's view model, by check-in id, in schedule order.
    public static func views(project: Project, scoreboard: Scoreboard?, history: RunHistory, stack: StackAnalysis? = nil) -> [(String, View)] {
        let schedule = project.team.schedule
        let recommendation = Recommendation.make(project: project, scoreboard: scoreboard, stack: stack)
        let team = project.team
        let e = MarkdownText.escape
        let poster = e(team.member(team.poster)?.name ?? team.poster)
        return schedule.enumerated().map { index, slot in
            var view = View(
                number: index + 1, group: e(team.name), poster: poster, due: slot.due.description, recommendation: [],
                hasRecommendation: false)
            if slot.id == "group-details" {
                view.groupDetails = groupDetails(project: project)
            } else if let stage = project.stage(slot.id) {
                view.stage = stagePost(project: project, stage: stage, scoreboard: scoreboard, history: history)
            }
            if index == schedule.count - 1 && schedule.count > 1 && !recommendation.decided.isEmpty {
                view.recommendation = recommendation.picks.map { pick in
                    View.Pick(stage: e(pick.stageTitle), tool: e(pick.name ?? "no pick yet"), reason: pick.reason.map(e))
                }
                view.hasRecommendation = true
            }
            return (slot.id, view)
        }
    }

    /// The post for `selector`: a 1-based number or a check-in id.
    public static func post(
        _ selector: String, project: Project, scoreboard: Scoreboard?, history: RunHistory, stack: StackAnalysis? = nil,
        templates: TemplateSet = .builtIn
    ) -> Post? {
        let all = posts(project: project, scoreboard: scoreboard, history: history, stack: stack, templates: templates)
        if let n = Int(selector) { return all.first { $0.number == n } }
        return all.first { $0.id == selector }
    }

    /// The description with each `` `name` `` of a parameter replaced by its value: "100 runs", not "`runs` runs".
    static func withValues(_ text: String, _ parameters: [ScenarioParameter]) -> String {
        parameters.reduce(text) { $0.replacingOccurrences(of: "`\($1.name)`", with: $1.value) }
    }

    private static func groupDetails(project: Project) -> View.Group {
        let team = project.team
        let e = MarkdownText.escape
        return View.Group(
            members: team.members.map { e($0.name) }.joined(separator: ", "), company: e(team.company.courseLabel),
            dataScienceTeam: e(team.dataScienceTeam.courseLabel), product: e(team.product),
            stages: project.assessedStages.map { stage in
                let candidates = team.assignment(for: stage.id)?.candidates ?? []
                return View.Group.StageRow(
                    title: e(stage.title),
                    candidates: candidates.map { c in
                        "\(e(stage.candidate(c.tool)?.name ?? c.tool)) (\(c.assessors.map { e(team.member($0)?.name ?? $0) }.joined(separator: ", ")))"
                    }.joined(separator: ", "))
            })
    }

    private static func stagePost(project: Project, stage fullStage: Stage, scoreboard: Scoreboard?, history: RunHistory) -> View.StagePost {
        let team = project.team
        let e = MarkdownText.escape
        let stage = project.assessedStages.first { $0.id == fullStage.id } ?? fullStage
        let summary = StageSummary(stage: stage, scoreboard: scoreboard, history: history)
        let assessments = team.assignment(for: stage.id)?.candidates ?? []
        var post = View.StagePost(
            title: e(stage.title), question: e(stage.question),
            tools: assessments.map { a in
                let tool = stage.candidate(a.tool)
                return View.StagePost.ToolRow(
                    tool: tool.map { MarkdownText.link($0.name, to: $0.homepage) } ?? e(a.tool),
                    assessors: a.assessors.map { e(team.member($0)?.name ?? $0) }.joined(separator: ", "), summary: e(tool?.summary ?? ""))
            },
            criteria: project.criteria.map { e($0.title) }.joined(separator: ", "))
        if let scenario = stage.scenario {
            post.scenario = View.StagePost.Scenario(
                description: e(withValues(scenario.description, scenario.parameters)),
                steps: scenario.steps.enumerated().map { View.StagePost.Step(number: $0 + 1, title: e($1.title)) },
                parameters: scenario.parameters.isEmpty
                    ? nil : scenario.parameters.map { "\(e($0.description)) = \(e($0.value))" }.joined(separator: "; "))
        }
        if let card = summary.card, let winner = summary.winner {
            let criteria = project.criteria
            var leader = "**Leader so far:** \(e(winner.name)) with \(Numbers.score(winner.total)) of 10"
            if let runner = summary.runnerUp, let a = winner.total, let b = runner.total {
                leader += ", \(Numbers.fixed(a - b, decimals: 1)) ahead of \(e(runner.name))"
            }
            if let p = summary.winProbability { leader += "; first in \(Numbers.percent(p)) of sampled weightings" }
            post.results = View.StagePost.Results(
                criteria: criteria.map { e($0.title) },
                rows: card.tools.map { tool in
                    View.StagePost.ResultRow(
                        rank: tool.rank.map(String.init) ?? "–", tool: e(tool.name), score: Numbers.score(tool.total),
                        scores: criteria.map { c in Numbers.score(tool.criteria.first { $0.criterion == c.id }?.score) })
                },
                leader: leader + ".", measured: e(summary.measurementClaim))
        }
        return post
    }
}
