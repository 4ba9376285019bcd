import BakeoffModel

extension ReportPipeline {
    /// The hand-ins: the weekly check-in posts (`checkins/NN-ID.md`) and the talk (`slides/deck.md` for Marp,
    /// `slides/deck.html` self-contained, `slides/timing.txt`). They run after the site steps, whose SVGs the
    /// deck inlines.
    public static let deliverableSteps: [BuildStep] = [
        BuildStep("write check-in posts") { context in
            let posts = CheckinPosts.posts(project: context.project, scoreboard: context.scoreboard, runs: context.runs)
            context.add(Dictionary(uniqueKeysWithValues: posts.map { ($0.fileName, $0.markdown) }), under: "checkins")
        },
        BuildStep("outline the talk") { context in
            let team = context.project.team
            let slides = SlideDeck.slides(
                project: context.project, scoreboard: context.scoreboard, runs: context.runs, stack: context.stack)
            let plan = TalkPlan.plan(slides: slides, team: team)
            var images: [String: String] = [:]
            for (path, text) in context.files where path.hasPrefix("site/") && path.hasSuffix(".svg") {
                images["../" + path] = text
            }
            context.add(
                [
                    "deck.md": SlideDeck.marp(slides: slides, plan: plan, team: team),
                    "deck.html": DeckPage.html(slides: slides, plan: plan, team: team, images: images),
                    "timing.txt": plan.report(team: team),
                ], under: "slides")
        },
    ]
}
