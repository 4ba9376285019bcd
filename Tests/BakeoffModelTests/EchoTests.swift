import BakeoffModel
import XCTest

/// User values repeated in messages: one line, cut short.
final class EchoTests: XCTestCase {
    func testValuesAreCutAfter80CharactersAndControlsEscaped() {
        XCTAssertEqual(Echo.value(String(repeating: "a", count: 81)), String(repeating: "a", count: 80) + "…")
        XCTAssertEqual(Echo.value(String(repeating: "a", count: 80)), String(repeating: "a", count: 80))
        XCTAssertEqual(Echo.value("a\nb\tc\u{1B}"), "a\\nb\\tc\\u{1B}")
    }

    func testQuotedValuesInAMessageAreCutButApostrophesAreNot() {
        let long = String(repeating: "x", count: 100)
        XCTAssertEqual(
            Echo.quotedValues("got '\(long)'; the tool's version"),
            "got '\(String(repeating: "x", count: 80))…'; the tool's version")
        XCTAssertEqual(Echo.quotedValues("unknown member 'a\nb'"), "unknown member 'a\\nb'")
        XCTAssertEqual(Echo.quotedValues("Bakeoff's reports expect 'cost'"), "Bakeoff's reports expect 'cost'")
    }
}
