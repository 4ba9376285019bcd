import BakeoffModel
import BakeoffReports
import TestSupport
import XCTest

/// A project's own `templates/checkin.mustache` and `templates/marp.mustache` shape what the build writes; the
/// other hand-ins keep the built-in layout.
final class TemplateOverrideTests: XCTestCase {
    func testTheBuildRendersThePostsAndTheMarpDeckWithTheProjectsTemplates() throws {
        let folder = try TemporaryFolder("bakeoff-templates")
        defer { folder.remove() }
        try folder.write(
            "templates/checkin.mustache",
            "Post {{number}} for {{group}}{{#stage}}: {{title}}{{#results}} —{{#rows}} {{rank}}. {{tool}}{{/rows}}{{/results}}{{/stage}}\n")
        try folder.write("templates/marp.mustache", "{{#slides}}## {{title}} ({{speaker}}, {{time}})\n{{/slides}}")
        let templates = try TemplateSet.load(projectRoot: folder.path)
        XCTAssertEqual(templates.overridden, ["checkin", "marp"])

        var context = BuildContext(
            project: DeliverablesFixture.project, history: RunHistory(DeliverablesFixture.runs), scoreboard: try DeliverablesFixture.scoreboard(),
            weightsOverridden: false, version: "0.1.0")
        let steps = ReportPipeline.siteSteps(projectRoot: folder.path) + ReportPipeline.deliverableSteps
        try ReportPipeline(steps: steps).run(&context) { _ in }

        // Values arrive escaped for Markdown, and the template inserts them as they are (no HTML escaping).
        XCTAssertEqual(context.files["checkins/01-group-details.md"], "Post 1 for Team \\<script\\>alert(1)\\</script\\>\n")
        XCTAssertEqual(
            context.files["checkins/02-experiment-tracking.md"],
            "Post 2 for Team \\<script\\>alert(1)\\</script\\>: Experiment tracking — 1. MLflow 2. Aim \\*fast\\*\n")
        let deck = try XCTUnwrap(context.files["slides/deck.md"])
        XCTAssertTrue(deck.hasPrefix("## Team \\<script\\>alert(1)\\</script\\>: choosing our tools on evidence (Ana \"A\" Ruiz, "), deck)
        XCTAssertFalse(deck.contains("marp: true"))
        // Not overridden: the built-in layout.
        XCTAssertTrue(context.files["slides/qa.md"]!.hasPrefix("# Team \\<script\\>"))
        XCTAssertTrue(context.files["peer-review/ana.md"]!.hasPrefix("# Peer evaluation: "))
    }
}
