import XCTest

@testable import BakeoffRunner

/// Merging the tools' requirements.in files into one input for uv.
final class CoInstallRequirementsTests: XCTestCase {
    func testEveryLineIsKeptUnderItsToolsHeader() {
        let merged = CoInstallRequirements(merging: [
            .init(
                tool: "mlflow", path: "/p/stages/t/adapters/mlflow/requirements.in",
                text: "# the tracker\nmlflow==3.17.2\n\nscikit-learn  # any version\n"),
            .init(
                tool: "aim", path: "/p/stages/t/adapters/aim/requirements.in",
                text: "Aim[extra-one,two] >= 3.29 ; python_version >= '3.10'\r\nboto3>=1.20"),
        ])
        XCTAssertEqual(
            merged.text,
            """
            # --- mlflow: /p/stages/t/adapters/mlflow/requirements.in
            # the tracker
            mlflow==3.17.2

            scikit-learn  # any version
            # --- aim: /p/stages/t/adapters/aim/requirements.in
            Aim[extra-one,two] >= 3.29 ; python_version >= '3.10'
            boto3>=1.20

            """)
        XCTAssertEqual(merged.lines.map(\.tool), ["mlflow", "mlflow", "aim", "aim"])
        XCTAssertEqual(merged.lines.map(\.name), ["mlflow", "scikit-learn", "aim", "boto3"])
        XCTAssertEqual(merged.lines.map(\.specifier), ["==3.17.2", "", ">=3.29", ">=1.20"])
    }

    func testNamesAreNormalizedAndToolsListedOnce() {
        let merged = CoInstallRequirements(merging: [
            .init(tool: "a", path: "/a/r.in", text: "Ruamel.YAML__Clib==0.2\nruamel-yaml-clib\n"),
            .init(tool: "b", path: "/b/r.in", text: "ruamel_yaml.clib<1\n"),
        ])
        XCTAssertEqual(Set(merged.lines.map(\.name)), ["ruamel-yaml-clib"])
        XCTAssertEqual(merged.tools(requiring: "ruamel-yaml-clib"), ["a", "b"])
        XCTAssertEqual(merged.tools(requiring: "six"), [])
    }

    func testOptionsAndPathsAreNotRequirementsAndRelativeIncludesBecomeAbsolute() {
        let merged = CoInstallRequirements(merging: [
            .init(
                tool: "a", path: "/proj/stages/s/adapters/a/requirements.in",
                text: "-r ../common.in\n-c constraints.txt\n--index-url https://example.invalid/simple\n"
                    + "-e ./plugin\n./local-wheel.whl\nhttps://example.invalid/x.whl\n-r /abs/base.in\n")
        ])
        XCTAssertEqual(merged.lines, [])
        let lines = merged.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines,
            [
                "# --- a: /proj/stages/s/adapters/a/requirements.in",
                "-r /proj/stages/s/adapters/common.in",
                "-c /proj/stages/s/adapters/a/constraints.txt",
                "--index-url https://example.invalid/simple",
                "-e /proj/stages/s/adapters/a/plugin",
                "/proj/stages/s/adapters/a/local-wheel.whl",
                "https://example.invalid/x.whl",
                "-r /abs/base.in",
            ])
    }

    func testUrlFragmentIsNotAComment() {
        let parsed = CoInstallRequirements.requirement(in: "pkg @ https://example.invalid/pkg.zip#sha256=ab")
        XCTAssertEqual(parsed?.name, "pkg")
        XCTAssertEqual(parsed?.specifier, "@https://example.invalid/pkg.zip#sha256=ab")
    }
}
