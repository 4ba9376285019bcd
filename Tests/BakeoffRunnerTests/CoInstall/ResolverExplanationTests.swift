import XCTest

@testable import BakeoffRunner

/// uv's "No solution found" explanations (real output, UVFixtures.swift) read into conflicts.
final class ResolverExplanationTests: XCTestCase {
    /// The conflicts of a fixture, each as its one-line summary.
    private func summaries(_ fixture: UVFixture, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let requirements = CoInstallRequirements(
            merging: fixture.tools.map { .init(tool: $0.tool, path: "/p/\($0.tool)/requirements.in", text: $0.text) })
        guard let explanation = ResolverExplanation(uvOutput: fixture.stderr) else {
            XCTFail("\(fixture.name): no explanation found", file: file, line: line)
            return []
        }
        return explanation.conflicts(requirements: requirements).map(\.summary)
    }

    func testTwoToolsPinningTheSamePackage() {
        XCTAssertEqual(summaries(UVFixtures.directPins), ["six: new-six wants ==1.17.0; old-six wants ==1.16.0"])
    }

    func testTwoPackageChainIsTracedToTheToolThatRequiresItsHead() {
        XCTAssertEqual(
            summaries(UVFixtures.twoPackageChain),
            [
                "fastapi: airflow wants >=0.129.0,<0.137.0 (via apache-airflow==3.3.2 → apache-airflow-core==3.3.2); "
                    + "prefect wants >=0.139.0,<0.151 (via prefect>=3.9.1)"
            ])
    }

    func testChainThroughAClientLibrary() {
        XCTAssertEqual(
            summaries(UVFixtures.chainThroughClient),
            [
                "websockets: gradio wants >=10.0,<13.0 (via gradio==5.0.0 → gradio-client==1.4.0); "
                    + "prefect wants >=15.0.1,<17.0 (via prefect>=3.9.1)"
            ])
    }

    func testDependencyAgainstAnotherToolsPin() {
        // "we can conclude that you require sqlalchemy>=1.4.0,<3" is derived: it must not be taken for a pin.
        XCTAssertEqual(
            summaries(UVFixtures.dependencyAgainstPin),
            ["sqlalchemy: legacy-db wants ==1.3.0; mlflow wants >=1.4.0,<3 (via mlflow==3.17.2)"])
    }

    func testDerivedDependencyMergesWithItsPremisesAndKeepsTheFullPath() {
        XCTAssertEqual(
            summaries(UVFixtures.derivedDependency),
            ["pygit2: dvc wants >=1.14.0 (via dvc>=3.67.1 → scmrepo>=3.5.2); old-git wants ==1.10.0"])
    }

    func testVersionsTheIndexDoesNotHave() {
        XCTAssertEqual(
            summaries(UVFixtures.onlyOlderAvailable),
            ["numpy: future wants >=99; the package index: only numpy<=2.5.5 is available"])
        XCTAssertEqual(
            summaries(UVFixtures.notFound),
            [
                "nosuchpkg-xyz-bakeoff: ghost wants ==1.0; "
                    + "the package index: nosuchpkg-xyz-bakeoff was not found in the package registry"
            ])
    }

    func testPythonVersionConflictStopsBeforeTheHint() throws {
        XCTAssertEqual(
            summaries(UVFixtures.pythonTooOld),
            ["python: web wants >=3.12 (via django==6.0); the Python version checked: >=3.11"])
        let text = try XCTUnwrap(ResolverExplanation(uvOutput: UVFixtures.pythonTooOld.stderr)).text
        XCTAssertFalse(text.contains("hint"), text)
        XCTAssertTrue(text.hasSuffix("we can conclude that your requirements are unsatisfiable."), text)
    }

    func testSpecifierUvRewroteIsStillAttributedToItsTool() {
        XCTAssertEqual(
            summaries(UVFixtures.rewrittenSpecifier),
            ["six: compat wants >=1.16.0,<1.17.dev0; new-six wants >=1.17"])
    }

    func testOneOfListsUseTheLastSummaryOfTheDerivation() {
        XCTAssertEqual(
            summaries(UVFixtures.oneOfLists),
            [
                "pydantic-core: api wants >=2.0.1,<=2.1.2 or ==2.3.0 or ==2.4.0 or >=2.6.0,<=2.6.1 or ==2.6.3 or "
                    + ">=2.10.0,<=2.10.1 (via pydantic>=2.0,<=2.4.2); core wants ==2.33.0"
            ])
    }

    func testOutputWrappedAtANarrowTerminalReadsTheSame() {
        XCTAssertEqual(summaries(UVFixtures.wrapped), summaries(UVFixtures.chainThroughClient))
    }

    func testExplanationIsDedentedWithListsAndBlankLinesKept() throws {
        let chain = try XCTUnwrap(ResolverExplanation(uvOutput: UVFixtures.chainThroughClient.stderr)).text
        let lines = chain.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].hasPrefix("Because gradio-client==1.4.0 depends on"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("And because gradio==5.0.0"), lines[1])

        let long = try XCTUnwrap(ResolverExplanation(uvOutput: UVFixtures.oneOfLists.stderr)).text
        let longLines = long.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(longLines[2], "    pydantic-core>=2.0.1,<=2.1.2")
        XCTAssertEqual(longLines[4], "")
        XCTAssertTrue(longLines.contains("depend on one of:"), long)
    }

    func testEveryFixtureYieldsAtLeastOneConflictWithTwoSides() {
        for fixture in UVFixtures.all {
            let requirements = CoInstallRequirements(
                merging: fixture.tools.map { .init(tool: $0.tool, path: "/p/\($0.tool)/r.in", text: $0.text) })
            let conflicts = ResolverExplanation(uvOutput: fixture.stderr)?.conflicts(requirements: requirements) ?? []
            XCTAssertFalse(conflicts.isEmpty, fixture.name)
            for conflict in conflicts { XCTAssertGreaterThanOrEqual(conflict.demands.count, 2, fixture.name) }
        }
    }

    func testOutputWithoutAVerdictIsNotAnExplanation() {
        let network = """
            error: Failed to fetch: `https://pypi.org/simple/six/`
              Caused by: Request failed after 3 retries
              Caused by: error sending request for url (https://pypi.org/simple/six/)
            """
        XCTAssertNil(ResolverExplanation(uvOutput: network))
        XCTAssertNil(ResolverExplanation(uvOutput: "Resolved 1 package in 5ms\n"))
    }

    func testColourEscapesAreIgnored() {
        let coloured = UVFixtures.directPins.stderr
            .replacingOccurrences(of: "error:", with: "\u{1B}[31;1merror\u{1B}[0m:")
            .replacingOccurrences(of: "six==1.17.0", with: "\u{1B}[36msix==1.17.0\u{1B}[39m")
        var fixture = UVFixtures.directPins
        fixture.stderr = coloured
        XCTAssertEqual(summaries(fixture), summaries(UVFixtures.directPins))
    }
}
