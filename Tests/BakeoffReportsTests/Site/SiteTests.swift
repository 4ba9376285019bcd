import BakeoffModel
import BakeoffScoring
import Foundation
import TestSupport
import XCTest

@testable import BakeoffReports

final class SiteTests: XCTestCase {
    func renderAll(_ model: SiteModel) -> [String: String] {
        var files = SiteRenderer(templates: .builtIn).pages(model)
        files.merge(SiteRenderer.charts(model)) { a, _ in a }
        files.merge(SiteRenderer.architecture(model)) { a, _ in a }
        return files
    }

    func write(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("bakeoff-site")
        for (path, text) in files { try folder.write(path, text) }
        return folder
    }

    // MARK: golden files

    func testPagesMatchGoldenFiles() {
        let files = renderAll(SiteFixture.model(SiteFixture.plain))
        for name in ["index.html", "stage-experiment-tracking.html", "stage-web-app.html", "evidence.html"] {
            assertGolden(files[name] ?? "", named: name)
        }
    }

    func testChartsAndDiagramMatchGoldenFiles() {
        let files = renderAll(SiteFixture.model(SiteFixture.plain))
        for name in files.keys.sorted() where name.hasSuffix(".svg") || name.hasSuffix(".mmd") {
            assertGolden(files[name]!, named: name.replacingOccurrences(of: "/", with: "_"))
        }
    }

    func testHostilePagesMatchGoldenFiles() {
        let files = renderAll(SiteFixture.model(SiteFixture.hostile))
        assertGolden(files["stage-experiment-tracking.html"] ?? "", named: "hostile-stage.html")
        assertGolden(files["architecture.svg"] ?? "", named: "hostile-architecture.svg")
        assertGolden(files["architecture.mmd"] ?? "", named: "hostile-architecture.mmd")
        assertGolden(files["stack.html"] ?? "", named: "hostile-stack.html")
    }

    // MARK: parsers

    func testEveryPageParsesStrictlyAndEveryLinkResolves() throws {
        for names in [SiteFixture.plain, SiteFixture.hostile] {
            for runs in [SiteFixture.runs(), []] {
                let folder = try write(renderAll(SiteFixture.model(names, runs: runs)))
                defer { folder.remove() }
                XCTAssertEqual(try HTMLCheck.problems(inSite: folder.path), "", "\(names.team), \(runs.count) runs")
            }
        }
    }

    func testEverySVGIsWellFormedAndAccessible() {
        for names in [SiteFixture.plain, SiteFixture.hostile] {
            for runs in [SiteFixture.runs(), []] {
                let files = renderAll(SiteFixture.model(names, runs: runs))
                for (name, svg) in files where name.hasSuffix(".svg") {
                    let (check, error) = SVGCheck.parse(svg)
                    guard let check else {
                        XCTFail("\(name) is not XML: \(error ?? "")")
                        continue
                    }
                    XCTAssertEqual(check.root, "svg", name)
                    XCTAssertEqual(check.attributes["role"], "img", name)
                    XCTAssertTrue(check.elements.contains("title") && check.elements.contains("desc"), name)
                    XCTAssertTrue(svg.contains("prefers-color-scheme: dark"), name)
                    XCTAssertFalse(check.elements.contains("script"), name)
                    XCTAssertFalse(check.elements.contains("foreignObject"), name)
                }
            }
        }
    }

    // MARK: hostile names

    func testHostileNamesAreEscapedEverywhere() {
        let files = renderAll(SiteFixture.model(SiteFixture.hostile))
        for (name, text) in files where !name.hasSuffix(".mmd") {
            XCTAssertFalse(text.contains("<script>alert"), "\(name) carries a raw <script>")
            XCTAssertFalse(text.contains("<img src=x"), "\(name) carries a raw <img>")
            XCTAssertFalse(text.contains("<b>registry</b>"), "\(name) carries raw <b>")
            XCTAssertFalse(text.contains("href=\"javascript:"), "\(name) links to javascript:")
        }
        let stage = files["stage-experiment-tracking.html"]!
        XCTAssertTrue(stage.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(stage.contains("Ben &amp; Jerry&#39;s &quot;quoted&quot; tool"))
        XCTAssertTrue(stage.contains("<bdi>מערכת ניסויים"))
        let mermaid = files["architecture.mmd"]!
        XCTAssertFalse(mermaid.contains("<script>"))
        XCTAssertFalse(mermaid.contains("\"quoted\""))
    }

    func testMarkdownNeverPassesRawHTMLThrough() {
        let html = MarkdownRenderer.html("Hi <script>alert(1)</script> [x](javascript:alert(2))\n\n<div onclick=\"x\">block</div>\n\n| a | b |\n|---|---|\n| <i>1</i> | https://example.org |\n")
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<div"))
        XCTAssertFalse(html.contains("<i>"))
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("<table>"))
        XCTAssertTrue(html.contains("<a href=\"https://example.org\">"))
    }

    func testArchitectureBoxesNeverOverlapAndTextStaysInside() {
        let long = SiteFixture.longName
        for name in ["MLflow", long, "<script>alert(1)</script>", "מערכת ניסויים ארוכה מאוד מאוד מאוד", String(repeating: "W", count: 200), "漢字のツール名がとても長い場合の表示テスト"] {
            // Every kind of placement: a source, a side lane, two rows in one column, a skipped column, feedback.
            typealias N = ArchitectureDiagram.Node
            typealias L = ArchitectureDiagram.Link
            let nodes = [
                N(stage: "a", title: name, winner: name, runnerUp: name, column: 1, source: .init(title: name, note: name)),
                N(stage: "b", title: name, winner: name, runnerUp: name, column: 2, inputs: [L(from: "a", kind: .flow, handOff: .verified)]),
                N(stage: "c", title: name, winner: name, runnerUp: name, column: 2, row: 1, inputs: [L(from: "a", kind: .flow)]),
                N(stage: "d", title: name, winner: name, runnerUp: name, column: 4,
                    inputs: [L(from: "b", kind: .flow, handOff: .failed), L(from: "s", kind: .side, label: name)]),
                N(stage: "e", title: name, winner: name, runnerUp: name, column: 3,
                    inputs: [L(from: "c", kind: .flow), L(from: "d", kind: .feedback, label: name)]),
                N(stage: "s", title: name, winner: name, runnerUp: name, lane: .side, column: 1, source: .init(title: name)),
            ]
            let layout = ArchitectureDiagram.layout(nodes)
            for box in layout.boxes {
                XCTAssertLessThanOrEqual(box.x + box.width, layout.width, box.id)
                XCTAssertLessThanOrEqual(box.y + box.height, layout.height, box.id)
                for line in box.lines {
                    XCTAssertGreaterThanOrEqual(line.x, box.x, box.id)
                    XCTAssertLessThanOrEqual(line.x + line.width, box.x + box.width - 4, "\(box.id): \(line.text)")
                    XCTAssertGreaterThan(line.y - line.size, box.y, box.id)
                    XCTAssertLessThan(line.y, box.y + box.height, box.id)
                }
                for pair in zip(box.lines, box.lines.dropFirst()) {
                    XCTAssertGreaterThanOrEqual(pair.1.y - pair.0.y, pair.1.size, "lines overlap in \(box.id)")
                }
                for other in layout.boxes where other.id != box.id {
                    let apart = box.x + box.width <= other.x || other.x + other.width <= box.x
                        || box.y + box.height <= other.y || other.y + other.height <= box.y
                    XCTAssertTrue(apart, "\(box.id) overlaps \(other.id)")
                }
            }
            for edge in layout.edges {
                for (a, b) in zip(edge.points, edge.points.dropFirst()) {
                    XCTAssertTrue(a.0 == b.0 || a.1 == b.1, "edge segment is not orthogonal")
                }
            }
        }
    }

    func testTextFittingNeverExceedsTheWidth() {
        for text in [SiteFixture.longName, "<script>", "מערכת ניסויים", "a", String(repeating: "漢", count: 80)] {
            for width in [40.0, 100, 300] {
                XCTAssertLessThanOrEqual(TextMetrics.width(TextMetrics.fit(text, maxWidth: width, size: 12), size: 12), width)
                for line in TextMetrics.wrap(text, maxWidth: width, size: 12, maxLines: 2) {
                    XCTAssertLessThanOrEqual(TextMetrics.width(line, size: 12), width, line)
                }
            }
        }
        XCTAssertEqual(TextMetrics.fit("MLflow", maxWidth: 200, size: 12), "MLflow")
        XCTAssertTrue(TextMetrics.fit(SiteFixture.longName, maxWidth: 100, size: 12).hasSuffix("…"))
    }

    // MARK: what a reader sees

    func testNoRawFactKeyIsVisibleOnAnyPage() {
        for names in [SiteFixture.plain, SiteFixture.hostile] {
            let model = SiteFixture.model(names)
            let keys = Set(model.project.stages.flatMap { $0.candidates.flatMap { $0.facts.map(\.key) } })
                .filter { $0.contains("_") || $0.contains(".") }
            XCTAssertFalse(keys.isEmpty)
            for (name, html) in renderAll(model) where name.hasSuffix(".html") {
                let text = PageText.visible(html)
                for key in keys { XCTAssertFalse(text.contains(key), "\(name) shows the raw fact key \(key)") }
            }
        }
    }

    func testNoRunIdIsRepeatedInATableCell() {
        // A value measured in several steps of one run links to the run once.
        var runs = SiteFixture.runs()
        runs[0].id = "20260920T100000Z-ab12"
        for i in runs[0].observations.indices { runs[0].observations[i].runID = runs[0].id }
        var board = SiteFixture.scoreboard(SiteFixture.plain)
        board.stages[0].tools[0].indicators.append(
            IndicatorValue(
                indicator: "capability", criterion: "performance", raw: 1, display: "2/2 steps ok", score: 10, spread: nil,
                evidence: ["log_runs", "register"].map { .observations(stage: "experiment-tracking", tool: "mlflow", step: $0, runs: [runs[0].id]) }))
        let model = SiteModel(project: SiteFixture.project(SiteFixture.plain), scoreboard: board, history: RunHistory(runs), version: "0.1.0")
        let stage = renderAll(model)["stage-experiment-tracking.html"]!
        var checked = 0
        for cell in PageText.cells(stage) {
            XCTAssertLessThanOrEqual(PageText.count("ab12", in: cell), 1, cell)
            if cell.contains("ab12") { checked += 1 }
        }
        XCTAssertGreaterThan(checked, 0)
        // The short id in the text, the whole one in the hover and (as an anchor) in the target.
        XCTAssertTrue(stage.contains("<a href=\"evidence.html#run--20260920t_100000z_-ab12\" title=\"run 20260920T100000Z-ab12\">run ab12</a>"))
    }

    func testStagePageLeadsWithTheVerdictThenTheChartThenTheTableAndFoldsTheDetail() throws {
        let stage = renderAll(SiteFixture.model(SiteFixture.plain))["stage-experiment-tracking.html"]!
        let order = ["id=\"verdict\"", "id=\"chart-deciding\"", "class=\"compare\"", "<details"].map { stage.range(of: $0)?.lowerBound }
        XCTAssertFalse(order.contains { $0 == nil })
        XCTAssertEqual(order.map { $0! }, order.map { $0! }.sorted())
        // Everything after the table is inside a closed <details>, and print opens them.
        let tail = String(stage[order[3]!...])
        for section in ["scenario", "results", "capability", "indicators", "facts", "cost", "sensitivity"] {
            XCTAssertTrue(tail.contains("<details id=\"\(section)\">"), section)
        }
        XCTAssertFalse(stage.contains("<details open"))
        XCTAssertTrue(stage.contains("details::details-content{content-visibility:visible;display:contents}"))
    }

    // MARK: history

    func testTheEvidencePageShowsTheRunsReadInFullAndTheNewestOtherRunsAsOneRowEach() throws {
        let read = SiteFixture.runs()
        let provenance = read[0].provenance
        let older = (1 ... 1000).map { i in
            RunSummary(
                id: "old-\(i)", startedAt: "2026-08-01T00:00:00Z", endedAt: nil, status: .interrupted, repetitions: 3,
                provenance: provenance,
                parts: [
                    .init(stage: "experiment-tracking", tool: "mlflow", observations: 6, repetitions: 3, okRepetitions: 3, fullSteps: ["log_runs"]),
                    .init(stage: "experiment-tracking", tool: "wandb", observations: 3, repetitions: 1, okRepetitions: 0, fullSteps: []),
                ])
        }
        let history = RunHistory(summaries: older + read.map(RunSummary.init), runs: read)
        let model = SiteModel(
            project: SiteFixture.project(SiteFixture.plain), scoreboard: SiteFixture.scoreboard(SiteFixture.plain), history: history,
            version: "0.1.0")
        let page = try XCTUnwrap(renderAll(model)["evidence.html"])
        XCTAssertEqual(PageText.count("<section class=\"card\" id=\"run--", in: page), read.count, "the runs read, in full")
        XCTAssertEqual(PageText.count("<tr id=\"run--old-", in: page), SiteModel.otherRunsShown, "the newest other runs, one row each")
        // Same start, so by id: old-999 is the newest, old-1 the oldest.
        XCTAssertTrue(
            page.contains(
                "<tr id=\"run--old-999\"><td>old-999</td><td>2026-08-01T00:00:00Z</td><td>interrupted</td>"
                    + "<td>experiment-tracking: mlflow, wandb</td></tr>"), page)
        XCTAssertFalse(page.contains("<tr id=\"run--old-1\">"))
        XCTAssertTrue(page.contains("There are 1 000: the 200 newest are listed here, and <a href=\"../data/runs.csv\">data/runs.csv</a> lists every recorded run."))
        // The history costs at most 200 lines, not a card a run: the page stays small however many runs were recorded.
        let without = try XCTUnwrap(renderAll(SiteFixture.model(SiteFixture.plain))["evidence.html"])
        XCTAssertLessThan(page.utf8.count - without.utf8.count, 200 * 150)
        XCTAssertFalse(without.contains("There are "), "nothing left out, nothing said")
        let observations = 9 * 1000 + read.reduce(0) { $0 + $1.observations.count }
        XCTAssertTrue(
            renderAll(model)["index.html"]!.contains("\(1000 + read.count) run(s) with \(Format.count(observations)) observations"),
            "the overview counts every run")

        // data/runs.csv: every run, oldest first, and whether the verdicts read it.
        let csv = RunListFormatter.csv(history).split(separator: "\n")
        XCTAssertEqual(csv.count, 1 + 1000 + read.count)
        XCTAssertEqual(csv[0], "run,started,ended,status,repetitions,read_by_verdicts,measured")
        XCTAssertTrue(csv.contains("old-1,2026-08-01T00:00:00Z,,interrupted,3,no,\"experiment-tracking: mlflow, wandb\""))
        XCTAssertEqual(csv.filter { $0.contains(",yes,") }.count, read.count)

        // A project's own evidence template from before `hasHiddenRuns` cannot say that runs are left out, so it
        // gets every one of them.
        var sources = BuiltinTemplates.all
        sources["evidence"] = sources["evidence"]!.replacingOccurrences(
            of: "{{#hasHiddenRuns}} There are {{otherRunCount}}: the {{shownRuns}} newest are listed here, and <a href=\"../data/runs.csv\">data/runs.csv</a> lists every recorded run.{{/hasHiddenRuns}}",
            with: "")
        let old = try TemplateSet(sources: sources, overridden: ["evidence"])
        XCTAssertFalse(old.uses("hasHiddenRuns", in: "evidence"))
        XCTAssertTrue(TemplateSet.builtIn.uses("hasHiddenRuns", in: "evidence"))
        XCTAssertTrue(TemplateSet.builtIn.uses("site.team", in: "index"), "through its header partial")
        let everyRun = try XCTUnwrap(SiteRenderer(templates: old).pages(model)["evidence.html"])
        XCTAssertEqual(PageText.count("<tr id=\"run--old-", in: everyRun), 1000)
    }

    // MARK: no evidence

    func testNoEvidenceIsSaidNeverShownAsZero() {
        let files = renderAll(SiteFixture.model(SiteFixture.plain, runs: []))
        let app = files["stage-web-app.html"]!
        XCTAssertTrue(app.contains("No recommendation yet"))
        XCTAssertTrue(app.contains("no evidence yet"))
        XCTAssertFalse(app.contains(">0.0<"))
        XCTAssertTrue(files["evidence.html"]!.contains("No evidence yet: no run has been recorded."))
        XCTAssertTrue(files["charts/web-app-timings.svg"]!.contains("no evidence yet"))
        XCTAssertTrue(files["index.html"]!.contains("1 of 2 stages have no evidence yet."))
    }

    // MARK: templates

    func testBuiltInTemplatesMatchTheTemplatesFolder() throws {
        let folder = (Repository.root as NSString).appendingPathComponent("templates")
        var source = "/// Built-in copies of templates/*.mustache, used when a project has no templates folder.\n"
        source += "/// Kept identical to templates/ by a test; `RECORD_SNAPSHOTS=1 swift test` rewrites this file from them.\n"
        source += "enum BuiltinTemplates {\n    static let all: [String: String] = [\n"
        // `peer-review` → `peerReview`: a Swift name.
        func identifier(_ name: String) -> String {
            let words = name.split(separator: "-")
            return String(words[0]) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        for name in TemplateSet.names { source += "        \"\(name)\": \(identifier(name)),\n" }
        source += "    ]\n"
        for name in TemplateSet.names {
            let text = try String(contentsOfFile: "\(folder)/\(name).mustache", encoding: .utf8)
            source += "\n    static let \(identifier(name)) = #\"\"\"\n\(text)\n\"\"\"#\n"
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != "1" {
                XCTAssertEqual(BuiltinTemplates.all[name], text, "templates/\(name).mustache differs from the built-in copy")
            }
        }
        source += "}\n"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            let path = (Repository.root as NSString).appendingPathComponent("Sources/BakeoffReports/Rendering/BuiltinTemplates.swift")
            try Data(source.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    func testProjectTemplatesOverrideBuiltInOnes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("templates/evidence.mustache", "{{>header}}<p>custom {{pageTitle}}</p>{{>footer}}")
        let set = try TemplateSet.load(projectRoot: folder.path)
        XCTAssertEqual(set.overridden, ["evidence"])
        let pages = SiteRenderer(templates: set).pages(SiteFixture.model(SiteFixture.plain))
        XCTAssertTrue(pages["evidence.html"]!.contains("<p>custom Evidence</p>"))
        try folder.write("templates/index.mustache", "{{#broken}}")
        XCTAssertThrowsError(try TemplateSet.load(projectRoot: folder.path)) { error in
            XCTAssertTrue("\(error)".contains("templates/index.mustache"), "\(error)")
        }
    }

    // MARK: the whole build

    func testBuildingTwiceGivesIdenticalBytesAndLeavesOtherFoldersAlone() throws {
        let folder = try TemporaryFolder("bakeoff-build")
        defer { folder.remove() }
        try folder.write("reports/checkins/keep.md", "kept")
        try folder.write("reports/site/stale.html", "old")
        // A folder an earlier build wrote: its marker lists stale.html (removed) but not keep.md (the user's, kept).
        try folder.write("reports/\(ReportWriter.markerName)", "# marker\nsite/stale.html\n")
        func build() throws -> [String: Data] {
            var context = BuildContext(
                project: SiteFixture.project(SiteFixture.hostile), history: RunHistory(SiteFixture.runs()),
                scoreboard: SiteFixture.scoreboard(SiteFixture.hostile), weightsOverridden: false, version: "0.1.0")
            var lines: [String] = []
            let steps = ReportPipeline.siteSteps(projectRoot: folder.path) + [ReportPipeline.dataStep]
                + [ReportPipeline.writeStep(reportsFolder: folder.url("reports").path)]
            try ReportPipeline(steps: steps).run(&context) { lines.append($0) }
            XCTAssertEqual(lines.first, "[1/\(steps.count)] choose the stack")
            var files: [String: Data] = [:]
            let root = folder.url("reports")
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            for case let url as URL in enumerator where !url.hasDirectoryPath {
                files[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
            }
            return files
        }
        let first = try build()
        let second = try build()
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
        XCTAssertEqual(first, second)
        XCTAssertEqual(try folder.read("reports/checkins/keep.md"), "kept")
        XCTAssertNil(first["/site/stale.html"])
        XCTAssertNotNil(first["/site/index.html"])
        XCTAssertNotNil(first["/data/scores.json"])
        XCTAssertNotNil(first["/data/scores.csv"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url("reports").path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [ReportWriter.markerName])
    }
}
