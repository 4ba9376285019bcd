import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffLedger

/// The recorded co-install checks come from the evidence store, beside the run files.
final class CoInstallEvidenceTests: XCTestCase {
    func testTheBundledChecksLoadSortedAndABrokenOneIsNamed() throws {
        let bundled = try EvidenceStore.loadCoInstallChecks(projectRoot: Repository.root)
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.root + "/evidence/stack")
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(bundled.map { $0.evidencePath }, files.map { "evidence/stack/" + $0 })
        XCTAssertEqual(bundled.first?.summary.file, "evidence/stack/" + files[0])

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        XCTAssertEqual(try EvidenceStore.loadCoInstallChecks(projectRoot: folder.path), [], "no folder: no checks")
        try folder.write("evidence/stack/a+b.json", "{\"schema\": 1")
        XCTAssertThrowsError(try EvidenceStore.loadCoInstallChecks(projectRoot: folder.path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("evidence/stack/a+b.json: cannot be read as a stack check"), "\(error)")
            XCTAssertTrue("\(error)".contains("; run 'bakeoff stack check --record' again or remove the file"), "\(error)")
        }
    }
}
