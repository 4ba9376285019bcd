import BakeoffModel

/// The peer evaluation the course asks for ("grade the other members of your group, with your reasoning"):
/// one form per member, prefilled with facts only (what they assessed, posted and presented). No grade is
/// filled in: that is the reviewer's judgement, not the tool's.
public enum PeerReview {
    /// `peer-review/MEMBER.md` by file name (`MEMBER.md`), one per member.
    public static func forms(project: Project, slides: [Slide], plan: TalkPlan) -> [String: String] {
        let team = project.team
        let e = MarkdownText.escape
        let titles = Dictionary(slides.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var files: [String: String] = [:]
        for member in team.members {
            var tools: [String] = []
            for assignment in team.stages {
                let stage = project.stage(assignment.stage)
                for candidate in assignment.candidates where candidate.assessors.contains(member.id) {
                    let name = stage?.candidate(candidate.tool)?.name ?? candidate.tool
                    tools.append("\(e(name)) (\(e(stage?.title ?? assignment.stage)))")
                }
            }
            let posts = team.poster == member.id ? team.schedule.count : 0
            let parts = plan.parts.filter { $0.speaker == member.id }
            let seconds = plan.perSpeaker.first { $0.member == member.id }?.seconds ?? 0
            var lines = [
                "# Peer evaluation: \(e(member.name))", "",
                "Group: \(e(team.name)). The facts below come from the project; the grade and the reasoning are yours.", "",
                "## What \(e(member.name)) did (facts)", "",
                "- Tools assessed: " + (tools.isEmpty ? "none" : "\(tools.count): " + tools.joined(separator: ", ")),
                "- Check-in posts made: \(posts) of \(team.schedule.count)",
                "- Slides presented: " + (parts.isEmpty ? "none" : "\(parts.count): " + parts.map { e(titles[$0.slide] ?? $0.slide) }.joined(separator: "; ")),
                "- Planned speaking time: \(Numbers.minutesSeconds(seconds)) (with slide changes)",
                "", "## Evaluation by (your name)", "", "Grade: ______", "", "Reasoning:", "", "", "",
            ]
            if lines.last == "" { lines.removeLast() }
            files[Markup.anchor(member.id) + ".md"] = lines.joined(separator: "\n") + "\n"
        }
        return files
    }
}
