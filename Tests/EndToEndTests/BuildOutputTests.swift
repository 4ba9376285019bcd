import Foundation
import TestSupport
import XCTest

/// `bakeoff build` writes only into a folder it owns and replaces only its own files.
final class BuildOutputTests: XCTestCase {
    private func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("bakeoff-build-out")
        try Repository.copyBundledProject(to: folder.path)
        // An ML repository's own folders, whose names the reports also use.
        try folder.write("data/train.csv", "my training set\n")
        try folder.write("slides/my-talk.pptx", "my talk\n")
        return folder
    }

    func testAFolderWithTheUsersDataIsRefusedAndLeftAsItWas() throws {
        let folder = try project()
        defer { folder.remove() }
        let here = try CLI.run(["build", "--out", "."], in: folder.path)
        XCTAssertEqual(here.status, 64, here.stderr)
        XCTAssertTrue(here.stderr.contains("--out '.' is the working directory; give the reports a folder of their own"), here.stderr)
        let empty = try CLI.run(["build", "--out", ""], in: folder.path)
        XCTAssertEqual(empty.status, 64, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("--out is empty; give the folder"), empty.stderr)
        let parent = try CLI.run(["build", "--project", folder.path, "--out", folder.path + "/.."])
        XCTAssertEqual(parent.status, 64, parent.stderr)
        XCTAssertTrue(parent.stderr.contains("holds the project"), parent.stderr)
        let file = try CLI.run(["build", "--out", "data/train.csv"], in: folder.path)
        XCTAssertEqual(file.status, 64, file.stderr)
        XCTAssertTrue(file.stderr.contains("is a file, not a folder"), file.stderr)
        XCTAssertFalse(file.stderr.contains("NSCocoaErrorDomain"), file.stderr)

        let data = try CLI.run(["build", "--out", "data"], in: folder.path)
        XCTAssertEqual(data.status, 1, data.stderr)
        XCTAssertTrue(data.stderr.contains("holds files bakeoff did not write (train.csv); give --out a new or empty folder"), data.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/data"), ["train.csv"])
        XCTAssertEqual(try folder.read("data/train.csv"), "my training set\n")
        XCTAssertEqual(try folder.read("slides/my-talk.pptx"), "my talk\n")
    }

    func testItsOwnFolderIsRewrittenAndAUsersFileInItIsKept() throws {
        let folder = try project()
        defer { folder.remove() }
        let first = try CLI.run(["build", "--out", "out"], in: folder.path)
        XCTAssertEqual(first.status, 0, first.stderr)
        let marker = try folder.read("out/.bakeoff-reports")
        XCTAssertTrue(marker.contains("\ndata/scores.csv\n") && marker.contains("\nsite/index.html\n"), marker)
        // A user's file beside bakeoff's, and a file an earlier build wrote that this one does not.
        try folder.write("out/data/notes.md", "mine\n")
        try folder.write("out/site/old-stage.html", "stale\n")
        try (marker + "site/old-stage.html\n").write(toFile: folder.path + "/out/.bakeoff-reports", atomically: true, encoding: .utf8)
        let second = try CLI.run(["build", "--out", "out"], in: folder.path)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try folder.read("out/data/notes.md"), "mine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/out/site/old-stage.html"))
        XCTAssertEqual(try folder.read("out/.bakeoff-reports"), marker)
        // A user's file where bakeoff would write is refused, not overwritten.
        try FileManager.default.removeItem(atPath: folder.path + "/out/data/scores.csv")
        try folder.write("out/data/scores.csv", "my scores\n")
        try marker.replacingOccurrences(of: "data/scores.csv\n", with: "")
            .write(toFile: folder.path + "/out/.bakeoff-reports", atomically: true, encoding: .utf8)
        let clash = try CLI.run(["build", "--out", "out"], in: folder.path)
        XCTAssertEqual(clash.status, 1, clash.stderr)
        XCTAssertTrue(clash.stderr.contains("data/scores.csv exists and was not written by bakeoff; move it away"), clash.stderr)
        XCTAssertEqual(try folder.read("out/data/scores.csv"), "my scores\n")
    }

    func testATemplateLinkedOutsideTheProjectIsRefusedUnread() throws {
        let folder = try project()
        defer { folder.remove() }
        let outside = try TemporaryFolder("bakeoff-outside")
        defer { outside.remove() }
        try outside.write("secret.mustache", "root:x:0:0:secret\n")
        try? FileManager.default.removeItem(atPath: folder.path + "/templates/index.mustache")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/templates/index.mustache", withDestinationPath: outside.path + "/secret.mustache")
        let build = try CLI.run(["build", "--out", "out"], in: folder.path)
        XCTAssertEqual(build.status, 1, build.stderr)
        XCTAssertTrue(build.stderr.contains("templates/index.mustache: resolves to a file outside the project"), build.stderr)
        XCTAssertFalse(build.stderr.contains("secret"), build.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    func testTheCommittedReportsAreTakenAsTheyAreByteForByte() throws {
        let folder = try project()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: Repository.root + "/reports", toPath: folder.path + "/reports")
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let walker = FileManager.default.enumerator(atPath: folder.path + "/reports")!
            while let path = walker.nextObject() as? String {
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                    files[path] = try Data(contentsOf: folder.url("reports/" + path))
                }
            }
            return files
        }
        let before = try snapshot()
        let build = try CLI.run(["build", "--project", folder.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(try snapshot().keys.sorted(), before.keys.sorted())
        // Without the marker (reports from before it), a folder holding only bakeoff's files is taken over.
        try FileManager.default.removeItem(atPath: folder.path + "/reports/.bakeoff-reports")
        let again = try CLI.run(["build", "--project", folder.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/reports/.bakeoff-reports"))
    }
}
