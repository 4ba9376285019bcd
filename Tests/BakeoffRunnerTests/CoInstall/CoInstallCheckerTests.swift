import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

/// The real check through uv, on tiny pure-Python requirement sets (a few seconds with a warm uv cache).
final class CoInstallCheckerTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder("bakeoff-stack")
    }

    override func tearDown() {
        folder.remove()
    }

    /// A Python tool of stage `stage` whose requirements.in holds `requirements`.
    private func pythonTool(_ tool: String, stage: String, _ requirements: String) throws -> CoInstallMember {
        let directory = "stages/\(stage)/adapters/\(tool)"
        try folder.write("\(directory)/requirements.in", requirements)
        return CoInstallMember(
            stage: stage, tool: tool, directory: directory,
            install: .python(version: "3.11", requirements: "requirements.in", lock: "requirements.lock"))
    }

    private func checker(size: Bool = false) throws -> CoInstallChecker {
        CoInstallChecker(
            projectRoot: folder.path, resolver: try CoInstallResolver.locate(), measureSize: size,
            today: Day(year: 2026, month: 11, day: 29))
    }

    func testConflictingPinsDoNotResolveAndNameBothTools() throws {
        let stack = [
            try pythonTool("old-six", stage: "one", "# pinned low\nsix==1.16.0\n"),
            try pythonTool("new-six", stage: "two", "six==1.17.0\n"),
        ]
        let check = try checker().check(stack)
        XCTAssertFalse(check.resolves)
        XCTAssertEqual(check.conflicts.map(\.summary), ["six: new-six wants ==1.17.0; old-six wants ==1.16.0"])
        XCTAssertEqual(check.packages, [])
        XCTAssertEqual(check.python, "3.11")
        XCTAssertTrue(check.explanation?.contains("six==1.16.0") ?? false, check.explanation ?? "nil")
        XCTAssertTrue(CoInstallReport.render(check).contains("result: does not resolve — 1 conflict"))
    }

    func testCompatibleRequirementsResolveToOneEnvironmentWithItsSize() throws {
        let stack = [
            try pythonTool("pinned", stage: "one", "six==1.17.0\n"),
            try pythonTool("ranged", stage: "two", "\n# any recent six\nsix>=1.16 ; python_version >= '3'\n"),
            CoInstallMember(
                stage: "three", tool: "lfs", directory: "stages/three/adapters/lfs",
                install: .debian(packages: ["git-lfs"], versionCommand: ["git", "lfs", "version"])),
            CoInstallMember(stage: "four", tool: "later", directory: nil, install: nil),
        ]
        let check = try checker(size: true).check(stack)
        XCTAssertTrue(check.resolves, check.explanation ?? "")
        XCTAssertEqual(check.packages, ["six==1.17.0"])
        XCTAssertEqual(check.distributions, 1)
        XCTAssertEqual(check.conflicts, [])
        XCTAssertEqual(check.tools.map(\.environment), [.python, .python, .debian, .none])
        XCTAssertEqual(check.tools[0].requirements, "stages/one/adapters/pinned/requirements.in")
        // A venv with pip-less Python links plus six: well above six's 11 KB, well below 100 MB.
        let size = try XCTUnwrap(check.sizeBytes)
        XCTAssertGreaterThan(size, 20_000)
        XCTAssertLessThan(size, 100_000_000)
        let uv = try XCTUnwrap(check.uv)
        XCTAssertTrue(uv.first?.isNumber ?? false, uv)

        let report = CoInstallReport.render(check)
        XCTAssertTrue(
            report.contains("checked together in one environment: pinned, ranged — Python 3.11, uv "), report)
        XCTAssertTrue(report.contains("result: resolves"), report)
        XCTAssertTrue(report.contains("joint environment: 1 distributions, "), report)
        XCTAssertTrue(report.contains("lfs (git-lfs)"), report)
        XCTAssertTrue(report.contains("not checked (no adapter yet): later"), report)
    }

    func testEvidenceFileIsNamedBySortedToolsAndReadsBack() throws {
        let stack = [
            try pythonTool("zeta", stage: "one", "six==1.17.0\n"),
            try pythonTool("alpha", stage: "two", "six\n"),
        ]
        let check = try checker().check(stack)
        XCTAssertTrue(check.resolves)
        let path = try check.write(projectRoot: folder.path)
        XCTAssertEqual(path, folder.url("evidence/stack/alpha+zeta.json").path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(try JSONDecoder().decode(CoInstallCheck.self, from: data), check)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(#""checked_on" : "2026-11-29""#), text)
        XCTAssertTrue(text.contains(#""size_bytes" : null"#), text)
        XCTAssertTrue(text.hasSuffix("}\n"))
        // Same check, same bytes.
        XCTAssertEqual(try check.json(), data)
    }

    func testPairsFindWhichTwoToolsConflict() throws {
        let stack = [
            try pythonTool("low", stage: "one", "six==1.16.0\n"),
            try pythonTool("high", stage: "two", "six==1.17.0\n"),
            try pythonTool("any", stage: "three", "six\n"),
        ]
        var pairChecker = try checker()
        pairChecker.checkPairs = true
        let check = try pairChecker.check(stack)
        XCTAssertFalse(check.resolves)
        let pairs = try XCTUnwrap(check.pairs)
        XCTAssertEqual(pairs.map { $0.tools.joined(separator: "+") }, ["any+high", "any+low", "high+low"])
        XCTAssertEqual(pairs.map(\.resolves), [true, true, false])
        XCTAssertEqual(pairs[2].conflicts.map(\.summary), ["six: high wants ==1.17.0; low wants ==1.16.0"])
        let report = CoInstallReport.render(check)
        XCTAssertTrue(report.contains("pairs: 3 checked, 1 does not resolve:\n  high + low: six: high wants"), report)
        XCTAssertNil(try checker().check(stack).pairs)
    }

    func testDiskUsageCountsAllocatedBlocksAndHardLinksOnce() throws {
        try folder.write("env/a.bin", String(repeating: "x", count: 100_000))
        let single = EnvironmentBuilder.diskUsage(folder.url("env").path)
        XCTAssertGreaterThanOrEqual(single, 100_000)
        XCTAssertLessThan(single, 100_000 + 64 * 1024)
        try FileManager.default.linkItem(atPath: folder.url("env/a.bin").path, toPath: folder.url("env/b.bin").path)
        XCTAssertEqual(EnvironmentBuilder.diskUsage(folder.url("env").path), single)
        try folder.write("env/sub/c.bin", String(repeating: "y", count: 50_000))
        XCTAssertGreaterThanOrEqual(EnvironmentBuilder.diskUsage(folder.url("env").path), single + 50_000)
    }

    func testHighestPythonVersionIsChosenNumerically() {
        XCTAssertEqual(CoInstallChecker.highest(["3.9", "3.11", "3.10"]), "3.11")
        XCTAssertNil(CoInstallChecker.highest([]))
    }
}
