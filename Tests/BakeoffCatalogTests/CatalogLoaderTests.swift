import BakeoffCatalog
import BakeoffModel
import TestSupport
import XCTest

final class CatalogLoaderTests: XCTestCase {
    private typealias P = MinimalProject

    /// Asserts exactly one error, at `file:line`, whose message contains every fragment.
    private func assertSingleError(
        _ diagnostics: [Diagnostic], file: String, line: Int, path: String? = nil, _ fragments: String...,
        sourceFile: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.count == 1, let error = errors.first else {
            XCTFail("expected one error, got:\n" + diagnostics.map(\.description).joined(separator: "\n"),
                file: sourceFile, line: sourceLine)
            return
        }
        XCTAssertEqual(error.file, file, error.description, file: sourceFile, line: sourceLine)
        XCTAssertEqual(error.line, line, error.description, file: sourceFile, line: sourceLine)
        if let path { XCTAssertEqual(error.path, path, error.description, file: sourceFile, line: sourceLine) }
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment), "'\(fragment)' not in: \(error.description)",
                file: sourceFile, line: sourceLine)
        }
    }

    func testMinimalProjectLoadsCleanly() throws {
        let folder = try P.write()
        defer { folder.remove() }
        let result = try ProjectLoader.load(root: folder.path, today: P.today)
        // The fixture chose its own two criteria: nothing to warn about.
        XCTAssertEqual(result.warnings, [])
        let project = result.project
        XCTAssertEqual(project.stages.map(\.id), ["tracking", "data"])
        XCTAssertEqual(project.team.members.map(\.id), ["ana", "ben"])
        XCTAssertEqual(project.team.talk.limitSeconds, 300)
        XCTAssertEqual(project.team.stages.first?.candidates.map(\.tool), ["mlflow", "aim"])
        XCTAssertEqual(project.stage("tracking")?.candidate("mlflow")?.fact("hosting")?.value, .text("both"))
        XCTAssertEqual(project.stage("tracking")?.scenario?.steps.map(\.id), ["setup", "log_runs"])
        XCTAssertEqual(
            project.stage("tracking")?.adapter(for: "mlflow")?.install,
            .python(version: "3.11", requirements: "requirements.in", lock: "requirements.lock"))
        XCTAssertEqual(project.criteria.flatMap(\.indicators).map(\.id), ["tco", "log-wall"])
        XCTAssertEqual(project.profiles.first?.weights, ["cost": 60, "performance": 40])
        XCTAssertEqual(project.assessedStages.map(\.id), ["tracking"])
    }

    func testYAMLSyntaxError() throws {
        let d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("  - {id: ben, name: Ben}", with: "  - {id: ben, name: Ben"))
        assertSingleError(d, file: "bakeoff.yaml", line: 8, "YAML syntax error", "fix the YAML syntax")
    }

    func testUnknownKeyWithSuggestion() throws {
        let d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("product:", with: "prodcut:"))
        // The misspelt key is reported where it is, and the missing required key on the mapping.
        let errors = d.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 2, d.map(\.description).joined(separator: "\n"))
        let unknown = try XCTUnwrap(errors.first { $0.message.contains("unknown key") })
        XCTAssertEqual(unknown.line, 4)
        XCTAssertEqual(unknown.column, 1)
        XCTAssertEqual(unknown.hint, "did you mean 'product'?")
        XCTAssertTrue(errors.contains { $0.message == "missing required key 'product'" })
    }

    func testWrongType() throws {
        let d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("order: 1", with: "order: first"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 2, path: "order", "expected a whole number, got 'first'")
    }

    func testAQuotedNumberSaysToRemoveTheQuotes() throws {
        let d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("words_per_minute: 150", with: "words_per_minute: '150'"))
        XCTAssertTrue(
            d.contains { $0.description.hasSuffix("expected a whole number, got '150'; remove the quotes: a number is written bare, e.g. 150") },
            d.map(\.description).joined(separator: "\n"))
        let weight = try P.diagnostics(editing: "criteria/profiles/startup.yaml", P.replacing("cost: {weight: 60", with: "cost: {weight: \"60\""))
        XCTAssertTrue(weight.contains { $0.description.contains("got '60'; remove the quotes") }, weight.map(\.description).joined(separator: "\n"))
    }

    func testAHugeValueIsEchoedCutShortOnOneLine() throws {
        let huge = String(repeating: "x", count: 2_000_000)
        let d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("order: 1", with: "order: \(huge)"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 2, path: "order", "got '\(String(repeating: "x", count: 80))…'")
        XCTAssertLessThan(d[0].description.count, 300)
    }

    func testControlCharactersInNamesAreReported() throws {
        let member = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("{id: ana, name: Ana}", with: "{id: ana, name: \"Ana\\nerror: forged\"}"))
        assertSingleError(member, file: "bakeoff.yaml", line: 6, "'Ana\\nerror: forged' holds a control character; write the name on one line")
        let tool = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("name: MLflow", with: "name: \"ML\\tflow\""))
        assertSingleError(tool, file: "stages/tracking/stage.yaml", line: 6, "'ML\\tflow' holds a control character")
    }

    func testSymlinkLoopsAndFilesOutsideTheProjectAreReportedWithoutReadingThem() throws {
        let folder = try P.write()
        defer { folder.remove() }
        let outside = try TemporaryFolder("bakeoff-outside")
        defer { outside.remove() }
        try outside.write("secret.yaml", "password: hunter2\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/stages/loop", withDestinationPath: folder.path + "/stages/loop")
        try FileManager.default.removeItem(atPath: folder.path + "/criteria/profiles/startup.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/criteria/profiles/startup.yaml", withDestinationPath: outside.path + "/secret.yaml")
        let diagnostics: [Diagnostic]
        do {
            _ = try ProjectLoader.load(root: folder.path, today: P.today)
            return XCTFail("a loop and a link outside the project must fail the load")
        } catch {
            diagnostics = error.diagnostics
        }
        let text = diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("error: stages/loop:1:1: is a loop of symbolic links; fix or remove the link"), text)
        XCTAssertTrue(text.contains("error: criteria/profiles/startup.yaml:1:1: resolves to a file outside the project; bakeoff reads only files inside the project"), text)
        XCTAssertFalse(text.contains("hunter2") || text.contains("password"), text)
    }

    func testWrongTypeForAFactFormat() throws {
        let d = try P.diagnostics(
            editing: "stages/tracking/stage.yaml", P.replacing("hosting: {value: both", with: "hosting: {value: cloud"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 10, path: "candidates[0].facts.hosting.value", "'cloud' is not a valid hosting")
    }

    func testMissingRequiredField() throws {
        let d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("question: Which tracker?\n", with: ""))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 1, "missing required key 'question'", "add 'question:'")
    }

    func testPartOfNamesTheParentStage() throws {
        let folder = try P.write(editing: "stages/data/stage.yaml", P.replacing("order: 2\n", with: "order: 2\npart_of: tracking\n"))
        defer { folder.remove() }
        let project = try ProjectLoader.load(root: folder.path, today: P.today).project
        XCTAssertEqual(project.stage("data")?.partOf, "tracking")
        XCTAssertNil(project.stage("tracking")?.partOf)
    }

    func testPartOfAnUnknownStageItselfOrAPart() throws {
        var d = try P.diagnostics(editing: "stages/data/stage.yaml", P.replacing("order: 2\n", with: "order: 2\npart_of: trackng\n"))
        assertSingleError(d, file: "stages/data/stage.yaml", line: 1, path: "part_of", "unknown stage 'trackng'", "did you mean 'tracking'?")
        d = try P.diagnostics(editing: "stages/data/stage.yaml", P.replacing("order: 2\n", with: "order: 2\npart_of: data\n"))
        assertSingleError(d, file: "stages/data/stage.yaml", line: 1, path: "part_of", "stage 'data' is part of itself")
        // tracking is part of data, and data part of tracking: each names a parent that is itself a part.
        let folder = try P.write(editing: "stages/data/stage.yaml", P.replacing("order: 2\n", with: "order: 2\npart_of: tracking\n"))
        defer { folder.remove() }
        try folder.write("stages/tracking/stage.yaml", P.replacing("order: 1\n", with: "order: 1\npart_of: data\n")(P.files["stages/tracking/stage.yaml"]!))
        XCTAssertThrowsError(try ProjectLoader.load(root: folder.path, today: P.today)) { error in
            let messages = (error as? CatalogError)?.diagnostics.filter { $0.severity == .error }.map(\.message) ?? []
            XCTAssertEqual(Set(messages), [
                "stage 'tracking' is part of 'data', which is itself part of 'tracking'",
                "stage 'data' is part of 'tracking', which is itself part of 'data'",
            ])
            XCTAssertEqual(messages.count, 2)
        }
    }

    func testDuplicateIDs() throws {
        let d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("{id: ben, name: Ben}", with: "{id: ana, name: Ben}"))
        let duplicate = try XCTUnwrap(d.first { $0.message.contains("duplicate member id 'ana'") })
        XCTAssertEqual(duplicate.file, "bakeoff.yaml")
        XCTAssertEqual(duplicate.line, 7)
        XCTAssertEqual(duplicate.hint, "it is already used at line 6; ids must be unique")
    }

    func testDuplicateKeys() throws {
        let d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("profile: startup\n", with: "profile: startup\nprofile: startup\n"))
        assertSingleError(d, file: "bakeoff.yaml", line: 13, path: "", "duplicate key 'profile'")
    }

    func testUnknownStageToolMemberReferences() throws {
        var d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("  tracking:\n    mlflow", with: "  trackng:\n    mlflow"))
        assertSingleError(d, file: "bakeoff.yaml", line: 15, "unknown stage 'trackng'", "did you mean 'tracking'?")
        d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("aim: [ben]", with: "wandb: [ben]"))
        assertSingleError(d, file: "bakeoff.yaml", line: 17, "'wandb' is not a candidate of stage 'tracking'")
        d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("aim: [ben]", with: "aim: [bne]"))
        assertSingleError(d, file: "bakeoff.yaml", line: 17, "unknown member 'bne'", "did you mean 'ben'?")
        d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("poster: ana", with: "poster: zoe"))
        assertSingleError(d, file: "bakeoff.yaml", line: 9, "unknown member 'zoe'")
        d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("{id: tracking, due", with: "{id: monitoring, due"))
        assertSingleError(d, file: "bakeoff.yaml", line: 12, "unknown check-in 'monitoring'")
    }

    func testUnknownCriterionProfileAndIndicatorReferences() throws {
        var d = try P.diagnostics(editing: "criteria/profiles/startup.yaml", P.replacing("performance:", with: "perfomance:"))
        XCTAssertTrue(d.contains { $0.line == 5 && $0.message == "unknown criterion 'perfomance'" && $0.hint == "did you mean 'performance'?" })
        d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("profile: startup", with: "profile: enterprise"))
        assertSingleError(d, file: "bakeoff.yaml", line: 13, "unknown profile 'enterprise'")
        d = try P.diagnostics(editing: "criteria/criteria.yaml", P.replacing("step: log_runs", with: "step: log_run"))
        assertSingleError(d, file: "criteria/criteria.yaml", line: 22, "no scenario has a step 'log_run'", "did you mean 'log_runs'?")
        d = try P.diagnostics(editing: "criteria/criteria.yaml", P.replacing("stages: [tracking]", with: "stages: [trackin]"))
        assertSingleError(d, file: "criteria/criteria.yaml", line: 24, "unknown stage 'trackin'", "did you mean 'tracking'?")
        d = try P.diagnostics(editing: "stages/tracking/adapters/mlflow/adapter.yaml", P.replacing("  log_runs:", with: "  log_rnus:"))
        XCTAssertTrue(d.contains { $0.line == 5 && $0.message == "unknown step 'log_rnus'" && $0.hint == "did you mean 'log_runs'?" })
    }

    func testNegativeNonNumericAndAllZeroWeights() throws {
        var d = try P.diagnostics(editing: "criteria/profiles/startup.yaml", P.replacing("weight: 60", with: "weight: -60"))
        assertSingleError(d, file: "criteria/profiles/startup.yaml", line: 4, path: "weights.cost.weight", "expected a number ≥ 0, got -60")
        d = try P.diagnostics(editing: "criteria/profiles/startup.yaml", P.replacing("weight: 60", with: "weight: lots"))
        assertSingleError(d, file: "criteria/profiles/startup.yaml", line: 4, "expected a number, got 'lots'")
        d = try P.diagnostics(
            editing: "criteria/profiles/startup.yaml",
            { P.replacing("weight: 60", with: "weight: 0")(P.replacing("weight: 40", with: "weight: 0")($0)) })
        assertSingleError(d, file: "criteria/profiles/startup.yaml", line: 4, "all weights are zero")
    }

    func testDatesThatDoNotParse() throws {
        var d = try P.diagnostics(editing: "bakeoff.yaml", P.replacing("due: 2026-09-21", with: "due: 2026-02-30"))
        assertSingleError(d, file: "bakeoff.yaml", line: 12, "'2026-02-30' is not a date", "YYYY-MM-DD")
        d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("as_of: 2026-11-29}\n      hosting", with: "as_of: last week}\n      hosting"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 9, "'last week' is not a date")
    }

    func testFactsWithoutSourceOrDate() throws {
        var d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing(", source: https://mlflow.org/docs/latest/", with: ""))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 10, path: "candidates[0].facts.hosting", "missing required key 'source'")
        d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("https://mlflow.org/docs/latest/, as_of: 2026-11-29", with: "https://mlflow.org/docs/latest/"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 10, "missing required key 'as_of'")
        d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("as_of: 2026-11-29}\n      hosting", with: "as_of: 2027-01-01}\n      hosting"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 9, "in the future")
    }

    func testURLsThatAreNotHTTP() throws {
        var d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("source: https://mlflow.org/docs/latest/", with: "source: ftp://mlflow.org/docs"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 10, "'ftp://mlflow.org/docs' is not an http(s) URL")
        d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("homepage: https://aimstack.io", with: "homepage: aimstack.io"))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 13, path: "candidates[1].homepage", "is not an http(s) URL")
        // White space inside a link, ASCII or not, and a value that is only white space.
        for bad in ["\"https://mlflow.org/docs latest/\"", "\"https://mlflow.org/docs\\tlatest/\"", "\"https://mlflow.org/é\\u2003x\""] {
            d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("source: https://mlflow.org/docs/latest/", with: "source: \(bad)"))
            assertSingleError(d, file: "stages/tracking/stage.yaml", line: 10, "is not an http(s) URL")
        }
        d = try P.diagnostics(editing: "stages/tracking/stage.yaml", P.replacing("source: https://mlflow.org/docs/latest/", with: "source: \"\\u2003 \\t\""))
        assertSingleError(d, file: "stages/tracking/stage.yaml", line: 10, "expected a non-empty string")
    }

    func testMissingLockFileAndFiles() throws {
        var d = try P.diagnostics(removing: ["stages/tracking/adapters/mlflow/requirements.lock"])
        assertSingleError(d, file: "stages/tracking/adapters/mlflow/adapter.yaml", line: 1, "requirements.lock' does not exist", "uv pip compile")
        d = try P.diagnostics(removing: ["criteria/criteria.yaml"])
        XCTAssertTrue(d.contains { $0.file == "criteria/criteria.yaml" && $0.message == "cannot read the file" })
    }

    func testEveryProblemIsReportedAtOnce() throws {
        let d = try P.diagnostics(
            editing: "bakeoff.yaml",
            { P.replacing("company: startup", with: "company: unicorn")(P.replacing("poster: ana", with: "poster: zoe")($0)) })
        XCTAssertEqual(d.filter { $0.severity == .error }.map(\.line), [2, 9])
        XCTAssertEqual(
            d.first?.description,
            "error: bakeoff.yaml:2:10: company: unknown company kind 'unicorn'; expected one of 'enterprise', 'mid-size', 'startup'")
    }

    func testMissingScenarioStepIsAWarningNotAnError() throws {
        let folder = try P.write(
            editing: "stages/tracking/adapters/mlflow/adapter.yaml",
            P.replacing("  log_runs: {run: [python, \"{adapter}/steps.py\", log_runs]}\n", with: ""))
        defer { folder.remove() }
        let result = try ProjectLoader.load(root: folder.path, today: P.today)
        let stepWarnings = result.warnings.filter { $0.file.hasPrefix("stages/") }
        XCTAssertEqual(stepWarnings.count, 1)
        XCTAssertEqual(stepWarnings.first?.severity, .warning)
        XCTAssertTrue(stepWarnings.first?.message.contains("'log_runs'") ?? false)
    }

    func testDidYouMean() {
        XCTAssertEqual(Diagnostic(file: "a", line: 1, column: 2, path: "x.y", message: "m", hint: "h").description, "error: a:1:2: x.y: m; h")
    }
}
