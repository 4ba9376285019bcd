import BakeoffModel
import XCTest

/// The OWASP rule for CSV cells, with RFC 4180 quoting.
final class CSVFieldTests: XCTestCase {
    func testFormulaStartsAreNeutralisedWithAQuote() {
        XCTAssertEqual(CSVField.escape("=1+2"), "'=1+2")
        XCTAssertEqual(CSVField.escape("+cmd"), "'+cmd")
        XCTAssertEqual(CSVField.escape("-cmd"), "'-cmd")
        XCTAssertEqual(CSVField.escape("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVField.escape("\tx"), "'\tx")
        // A carriage return also forces quoting; the quote goes inside.
        XCTAssertEqual(CSVField.escape("\rx"), "\"'\rx\"")
        XCTAssertEqual(CSVField.escape("=HYPERLINK(\"a\",\"b\")"), "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"")
    }

    func testNumbersAndOrdinaryTextStayAsTheyAre() {
        for number in ["-3", "+0.5", "-0.2500", "1e-4", "-2.5E+3", "12"] { XCTAssertEqual(CSVField.escape(number), number) }
        // Not plain numbers: a spreadsheet could still evaluate them.
        XCTAssertEqual(CSVField.escape("-inf"), "'-inf")
        XCTAssertEqual(CSVField.escape("-1+2"), "'-1+2")
        XCTAssertEqual(CSVField.escape("-"), "'-")
        XCTAssertEqual(CSVField.escape("ruff"), "ruff")
        XCTAssertEqual(CSVField.escape("a=b"), "a=b")
        XCTAssertEqual(CSVField.escape("a,\"b\""), "\"a,\"\"b\"\"\"")
        XCTAssertEqual(CSVField.escape(""), "")
    }

    func testALineBreakQuoteOrCommaInsideACharacterStillQuotes() {
        XCTAssertEqual(CSVField.escape("a\r\nb"), "\"a\r\nb\"", "CRLF is one character, and a line break")
        XCTAssertEqual(CSVField.escape("x\"\u{301}y"), "\"x\"\"\u{301}y\"", "a quote with a combining accent is still a quote")
        XCTAssertEqual(CSVField.escape("a,\u{301}b"), "\"a,\u{301}b\"")
        XCTAssertEqual(CSVField.escape("Zürich, café"), "\"Zürich, café\"")
    }
}
