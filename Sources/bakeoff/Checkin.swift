import ArgumentParser
import BakeoffReports
import BakeoffScoring

/// `bakeoff checkin N|ID [--format markdown|text]`: one weekly post, on stdout, ready to paste.
struct Checkin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin",
        abstract: "Print one weekly check-in post (GitHub-flavoured Markdown, or plain text) to paste.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, text
    }

    @Argument(help: "The check-in's number in the schedule (1 for group-details, then one per stage, as bakeoff.yaml lists them) or its id (group-details or a stage id).")
    var which: String

    @Option(help: "markdown (for a forum that renders it) or text (for a plain text box: no escapes, links spelled out).")
    var format: Format = .markdown

    @OptionGroup var options: ProjectOptions
    @OptionGroup var weights: WeightOptions

    func run() throws {
        let evaluation = try EvaluationLoader.load(options, weights: weights)
        let posts = CheckinPosts.posts(
            project: evaluation.project, scoreboard: evaluation.scoreboard, history: evaluation.history, stack: evaluation.stack,
            templates: try TemplateSet.load(projectRoot: evaluation.project.root))
        guard let post = posts.first(where: { String($0.number) == which || $0.id == which }) else {
            let known = posts.map { "\($0.number) (\($0.id))" }.joined(separator: ", ")
            throw ValidationError("no check-in '\(which)'; the schedule has \(known)")
        }
        print(format == .text ? MarkdownRenderer.plainText(post.markdown) : post.markdown, terminator: "")
    }
}
