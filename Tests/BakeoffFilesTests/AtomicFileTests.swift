import BakeoffFiles
import Foundation
import TestSupport
import XCTest

final class AtomicFileTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder("bakeoff-atomic")
    }

    override func tearDown() {
        folder.remove()
    }

    private var names: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.url("a/b").path).sorted()) ?? [] }

    func testWritesTheWholeFileAndItsFolderAndReplacesIt() throws {
        let path = folder.url("a/b/file.txt").path
        try AtomicFile.write("first\n", to: path)
        try AtomicFile.write("second\n", to: path, durable: false)
        XCTAssertEqual(try folder.read("a/b/file.txt"), "second\n")
        XCTAssertEqual(names, ["file.txt"], "a temporary file was left behind")
    }

    func testWithoutReplacingAnExistingFileIsLeftAlone() throws {
        let path = folder.url("a/b/file.txt").path
        try AtomicFile.write("mine\n", to: path, replacing: false)
        XCTAssertThrowsError(try AtomicFile.write("theirs\n", to: path, replacing: false)) { error in
            XCTAssertEqual((error as? AtomicFile.Failure)?.exists, true, "\(error)")
        }
        XCTAssertEqual(try folder.read("a/b/file.txt"), "mine\n")
        XCTAssertEqual(names, ["file.txt"], "a temporary file was left behind")
    }

    func testAFailedWriteNamesThePathAndLeavesNothing() throws {
        try folder.write("a/b/file.txt/inside", "a folder where the file should go\n")
        let path = folder.url("a/b/file.txt").path
        XCTAssertThrowsError(try AtomicFile.write("text\n", to: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot write \(path): "), "\(error)")
        }
        XCTAssertEqual(names, ["file.txt"])
    }
}
