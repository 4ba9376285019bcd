import Foundation
import XCTest

@testable import BakeoffLedger

/// The ledger's own JSON reader against Foundation's decoder: the same values for what the writer writes and for
/// any other valid JSON of the two shapes it reads, and a refusal for what is not JSON.
final class JSONTextReadingTests: XCTestCase {
    func testStringListsReadAsFoundationReadsThem() throws {
        let lists: [[String]] = [
            [], ["numpy==2.1.3"], ["a\"b", "back\\slash", "tab\there", "new\nline", "ctl\u{01}", "é", "日本", "🦜", "</script>"],
            (0..<300).map { "package-\($0)==1.\($0).0" },
        ]
        for list in lists {
            let written = try JSONText.array(list.map { .string($0) }).compact()
            XCTAssertEqual(try JSONText.parse(written).strings, list)
            XCTAssertEqual(try JSONText.parse(written).strings, try JSONDecoder().decode([String].self, from: Data(written.utf8)))
        }
        // Escapes the writer never uses but JSON allows.
        let other = #" [ "\u00e9\/\b\f\r" , "\ud83e\udd9c" ] "#
        XCTAssertEqual(try JSONText.parse(other).strings, try JSONDecoder().decode([String].self, from: Data(other.utf8)))
    }

    func testMetricObjectsReadAsFoundationReadsThem() throws {
        var generator = SystemRandomNumberGenerator()
        var metrics: [String: Double] = ["zero": 0, "int": 3, "negative": -2.5, "tiny": 5e-324, "huge": 1.7976931348623157e308]
        for i in 0..<200 { metrics["m\(i)"] = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) }
        let written = try JSONText.object(metrics.mapValues { .number($0) }).compact()
        XCTAssertEqual(try JSONText.parse(written).numbers, metrics)
        for text in [#"{"a":1,"b":-0,"c":1E3,"d":2.50e-1,"e":12345678901234567890}"#, "{}", #"{ "k" : 0.1 }"#] {
            XCTAssertEqual(try JSONText.parse(text).numbers, try JSONDecoder().decode([String: Double].self, from: Data(text.utf8)), text)
        }
    }

    func testWhatIsNotJSONIsRefused() {
        for text in [
            "", "[", "[1,]", "[01]", "{\"a\"}", "{\"a\":1,}", "[\"a]", "[\"\\x\"]", "[\"\\ud800\"]", "[1] 2", "tru", "[-]",
            "[1.]", "[1e]", "[1e999]", "[\"\u{01}\"]", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ] {
            XCTAssertThrowsError(try JSONText.parse(text), text)
        }
    }

    func testShapesOtherThanAskedAreNil() throws {
        XCTAssertNil(try JSONText.parse("[1]").strings)
        XCTAssertNil(try JSONText.parse(#"{"a":"b"}"#).numbers)
        XCTAssertNil(try JSONText.parse("[]").numbers)
    }
}
