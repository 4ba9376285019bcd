import BakeoffModel
import XCTest

@testable import BakeoffReports

/// Render steps next to each other run side by side; what they add must be what running them one after the other
/// adds, a step reading earlier steps' files must see them, and a failure must name its step.
final class ReportPipelineTests: XCTestCase {
    func context() -> BuildContext {
        BuildContext(project: SiteFixture.project(SiteFixture.plain), history: .empty, scoreboard: nil, weightsOverridden: false, version: "test")
    }

    func steps(failing: String? = nil) -> [BuildStep] {
        func render(_ name: String, _ kind: BuildStep.Kind = .render, _ files: @escaping @Sendable (BuildContext) -> [String: String]) -> BuildStep {
            BuildStep(name, kind) { context in
                if name == failing { throw BuildError(step: name, message: "broken on purpose") }
                context.add(files(context), under: "out")
            }
        }
        return [
            BuildStep("prepare") { context in context.version = "prepared" },
            render("a") { c in ["a.txt": "a " + c.version, "shared.txt": "from a"] },
            render("b") { _ in ["b.txt": "b", "shared.txt": "from b"] },
            render("c") { _ in (0..<50).reduce(into: [:]) { files, i in files["c\(i).txt"] = String(repeating: "c", count: i) } },
            render("reads", .renderAfterFiles) { c in ["seen.txt": c.files.keys.filter { $0.hasPrefix("out/") }.sorted().joined(separator: ",")] },
            render("d") { _ in ["d.txt": "d"] },
            BuildStep("last") { context in context.add(["count.txt": "\(context.files.count)"], under: "end") },
        ]
    }

    func testRenderStepsSideBySideGiveWhatRunningThemInOrderGives() throws {
        var together = context()
        var lines: [String] = []
        try ReportPipeline(steps: steps()).run(&together) { lines.append($0) }
        var inOrder = context()
        for step in steps() { try step.body(&inOrder) }
        XCTAssertEqual(together.files, inOrder.files)
        XCTAssertEqual(together.folders, inOrder.folders)
        XCTAssertEqual(together.files["out/shared.txt"], "from b", "a later step's file wins, as in order")
        XCTAssertEqual(together.files["out/a.txt"], "a prepared", "render steps see what the prepare steps set")
        XCTAssertTrue(together.files["out/seen.txt"]!.contains("out/c49.txt"), "a step reading files sees the earlier renders'")
        XCTAssertFalse(together.files["out/seen.txt"]!.contains("out/d.txt"))
        XCTAssertEqual(lines, (1...7).map { "[\($0)/7] " + ["prepare", "a", "b", "c", "reads", "d", "last"][$0 - 1] })
    }

    func testAFailingRenderStepIsNamedAndTheFirstFailureInStepOrderWins() {
        for failing in ["b", "d"] {
            var context = context()
            XCTAssertThrowsError(try ReportPipeline(steps: steps(failing: failing)).run(&context) { _ in }) { error in
                XCTAssertEqual((error as? BuildError)?.step, failing)
            }
        }
    }
}
