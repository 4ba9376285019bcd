import BakeoffCatalog
import BakeoffModel
import TestSupport
import XCTest

/// integrations/<id>/integration.yaml and the role modules (integrate.py) of adapters.
final class IntegrationLoaderTests: XCTestCase {
    private typealias P = MinimalProject
    private let file = "integrations/train-and-log/integration.yaml"

    func testIntegrationAndRoleLoad() throws {
        let folder = try P.write()
        defer { folder.remove() }
        let project = try ProjectLoader.load(root: folder.path, today: P.today).project
        let integration = try XCTUnwrap(project.integration("train-and-log"))
        XCTAssertEqual(integration.stages, ["data", "tracking"])
        XCTAssertEqual(integration.python, "3.11")
        XCTAssertEqual(integration.requirements, "requirements.in")
        XCTAssertEqual(integration.directory, "integrations/train-and-log")
        XCTAssertEqual(integration.scenario.steps.map(\.id), ["hand_off"])
        XCTAssertEqual(integration.scenario.parameters.map(\.name), ["rows"])
        XCTAssertEqual(project.stage("tracking")?.adapter(for: "mlflow")?.role, "stages/tracking/adapters/mlflow/integrate.py")
    }

    func testAdapterWithoutRoleModuleHasNoRole() throws {
        let folder = try P.write(removing: ["stages/tracking/adapters/mlflow/integrate.py"])
        defer { folder.remove() }
        let project = try ProjectLoader.load(root: folder.path, today: P.today).project
        XCTAssertNil(project.stage("tracking")?.adapter(for: "mlflow")?.role)
    }

    func testUnknownStageIsNamedWithSuggestion() throws {
        let d = try P.diagnostics(editing: file, P.replacing("between: [data, tracking]", with: "between: [data, trackng]"))
        let errors = d.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 1, d.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(errors.first?.file, file)
        XCTAssertEqual(errors.first?.line, 2)
        XCTAssertTrue(errors.first?.description.contains("unknown stage 'trackng'") ?? false, errors.first?.description ?? "")
        XCTAssertTrue(errors.first?.description.contains("did you mean 'tracking'") ?? false, errors.first?.description ?? "")
    }

    func testBetweenNeedsTwoDifferentStages() throws {
        let d = try P.diagnostics(editing: file, P.replacing("between: [data, tracking]", with: "between: [data, data]"))
        let errors = d.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.line), [2], d.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(errors.first?.description.contains("two different stages") ?? false)
    }

    func testMissingDriverAndGlueAreErrors() throws {
        let d = try P.diagnostics(removing: ["integrations/train-and-log/run.py", "integrations/train-and-log/requirements.in"])
        let messages = d.filter { $0.severity == .error }.map(\.description)
        XCTAssertEqual(messages.count, 2, messages.joined(separator: "\n"))
        XCTAssertTrue(messages.contains { $0.contains("no run.py") }, messages.joined(separator: "\n"))
        XCTAssertTrue(messages.contains { $0.contains("integrations/train-and-log/requirements.in' does not exist") }, messages.joined(separator: "\n"))
    }

    func testIntegrationIdMayNotBeAStageId() throws {
        let folder = try P.write()
        defer { folder.remove() }
        try FileManager.default.moveItem(atPath: folder.path + "/integrations/train-and-log", toPath: folder.path + "/integrations/data")
        do {
            _ = try ProjectLoader.load(root: folder.path, today: P.today)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.diagnostics.contains { $0.description.contains("the integration id 'data' is also a stage id") },
                error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    func testBadStepIsReportedAtItsLine() throws {
        let d = try P.diagnostics(editing: file, P.replacing("timeout: 60", with: "timeout: 0"))
        let errors = d.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.line), [11], d.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(errors.first?.description.contains("above 0 seconds") ?? false)
    }
}
