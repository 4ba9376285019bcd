import BakeoffModel

/// The peer evaluation the course asks for ("grade the other members of your group, with your reasoning"):
/// one form per member, prefilled with facts only (what they assessed, posted and presented). No grade is
/// filled in: that is the reviewer's judgement, not the tool's.
public enum PeerReview {
    /// The view model of `templates/peer-review.mustache`, one member's form: Markdown-ready values.
    public struct View: Sendable, Encodable {
        public var name: String
        public var team: String
        /// `none`, or how many and which: `2: MLflow (Experiment tracking), Aim (Experiment tracking)`.
        public var tools: String
        /// Check-in posts this member made, and how many the schedule has.
        public var posts: Int
        public var checkins: Int
        /// `none`, or how many and which slides' titles: `2: Our ask; Cost and risk`.
        public var slides: String
        /// Planned speaking time with slide changes, `m:ss`.
        public var speakingTime: String
    }

    /// Every member's form's view model, by file name (`MEMBER.md`).
    public static func views(project: Project, slides: [Slide], plan: TalkPlan) -> [String: View] {
        let team = project.team
        let e = MarkdownText.escape
        let titles = Dictionary(slides.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var views: [String: View] = [:]
        for member in team.members {
            var tools: [String] = []
            for assignment in team.stages {
                let stage = project.stage(assignment.stage)
                for candidate in assignment.candidates where candidate.assessors.contains(member.id) {
                    let name = stage?.candidate(candidate.tool)?.name ?? candidate.tool
                    tools.append("\(e(name)) (\(e(stage?.title ?? assignment.stage)))")
                }
            }
            let parts = plan.parts.filter { $0.speaker == member.id }
            views[Markup.anchor(member.id) + ".md"] = View(
                name: e(member.name), team: e(team.name),
                tools: tools.isEmpty ? "none" : "\(tools.count): " + tools.joined(separator: ", "),
                posts: team.poster == member.id ? team.schedule.count : 0, checkins: team.schedule.count,
                slides: parts.isEmpty ? "none" : "\(parts.count): " + parts.map { e(titles[$0.slide] ?? $0.slide) }.joined(separator: "; "),
                speakingTime: Numbers.minutesSeconds(plan.perSpeaker.first { $0.member == member.id }?.seconds ?? 0))
        }
        return views
    }

    /// `peer-review/MEMBER.md` by file name (`MEMBER.md`), one per member, rendered with
    /// `templates/peer-review.mustache` (the project's, else the built-in copy).
    public static func forms(project: Project, slides: [Slide], plan: TalkPlan, templates: TemplateSet = .builtIn) -> [String: String] {
        views(project: project, slides: slides, plan: plan).mapValues { templates.render("peer-review", $0) }
    }
}
