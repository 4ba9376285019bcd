import BakeoffModel
import BakeoffScoring

extension ReportPipeline {
    /// The hand-ins: the weekly check-in posts (`checkins/NN-ID.md`), the talk (`slides/deck.md` for Marp,
    /// `slides/deck.html` self-contained, `slides/timing.txt`, `slides/qa.md`, `slides/charts/`) and the peer
    /// evaluation forms (`peer-review/MEMBER.md`), each rendered with its template (`templates/`). They run after
    /// the site steps, which load the templates and draw the SVGs the deck inlines.
    public static let deliverableSteps: [BuildStep] = [
        BuildStep("write check-in posts", .render) { context in
            let posts = CheckinPosts.posts(
                project: context.project, scoreboard: context.scoreboard, history: context.history, stack: context.stack,
                templates: context.templates ?? .builtIn)
            context.add(Dictionary(uniqueKeysWithValues: posts.map { ($0.fileName, $0.markdown) }), under: "checkins")
        },
        BuildStep("outline the talk", .renderAfterFiles) { context in
            let project = context.project
            let team = project.team
            let templates = context.templates ?? .builtIn
            let slides = SlideDeck.slides(project: project, scoreboard: context.scoreboard, history: context.history, stack: context.stack)
            let plan = TalkPlan.plan(slides: slides, team: team, teamSize: CourseRules.teamSize(for: project))
            let recommendation = Recommendation.make(project: project, scoreboard: context.scoreboard, stack: context.stack)
            let charts = SlideDeck.charts(project: project, scoreboard: context.scoreboard, recommendation: recommendation)
            var images: [String: String] = charts
            for (path, text) in context.files where path.hasPrefix("site/") && path.hasSuffix(".svg") {
                images["../" + path] = text
            }
            let questions = QuestionsAndAnswers.questions(
                project: project, scoreboard: context.scoreboard, history: context.history, recommendation: recommendation)
            var files = charts
            files["deck.md"] = SlideDeck.marp(slides: slides, plan: plan, team: team, templates: templates)
            files["deck.html"] = DeckPage.html(slides: slides, plan: plan, team: team, images: images, templates: templates)
            files["timing.txt"] = plan.report(team: team, templates: templates)
            files["qa.md"] = QuestionsAndAnswers.markdown(questions, team: team, templates: templates)
            context.add(files, under: "slides")
            context.add(PeerReview.forms(project: project, slides: slides, plan: plan, templates: templates), under: "peer-review")
        },
    ]
}
