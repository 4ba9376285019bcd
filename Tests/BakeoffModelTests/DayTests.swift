import BakeoffModel
import XCTest

final class DayTests: XCTestCase {
    func testParsesValidDates() {
        XCTAssertEqual(Day("2026-11-29")?.description, "2026-11-29")
        XCTAssertEqual(Day("2024-02-29")?.day, 29)
    }

    func testRejectsImpossibleAndMalformedDates() {
        for text in ["2026-02-30", "2025-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026/01/01", "", "today"] {
            XCTAssertNil(Day(text), text)
        }
    }

    func testOrdersChronologically() {
        XCTAssertLessThan(Day("2026-01-31")!, Day("2026-02-01")!)
    }
}

final class NumbersTests: XCTestCase {
    func testFormatDropsTrailingZeros() {
        XCTAssertEqual(Numbers.format(1.50), "1.5")
        XCTAssertEqual(Numbers.format(2.0), "2")
        XCTAssertEqual(Numbers.format(-0.0001), "0")
        XCTAssertEqual(Numbers.format(1234.5678, decimals: 2), "1234.57")
        XCTAssertEqual(Numbers.format(-2.0), "-2")
        XCTAssertEqual(Numbers.format(100, decimals: 2), "100", "only decimal zeros go")
        XCTAssertEqual(Numbers.format(-0.05, decimals: 3), "-0.05")
        XCTAssertEqual(Numbers.format(0.1 + 0.2), "0.3")
        XCTAssertEqual(Numbers.format(12.5, decimals: 0), "13")
        XCTAssertEqual(Numbers.format(9_007_199_254_740_992, decimals: 0), "9007199254740992")
    }

    func testFixedRoundsHalfAwayFromZero() {
        XCTAssertEqual(Numbers.fixed(0.125, decimals: 2), "0.13")
        XCTAssertEqual(Numbers.fixed(-1.5, decimals: 0), "-2")
        XCTAssertEqual(Numbers.fixed(0.04, decimals: 1), "0.0")
        XCTAssertEqual(Numbers.fixed(7, decimals: 3), "7.000")
        XCTAssertEqual(Numbers.fixed(-0.004, decimals: 2), "0.00", "no minus on a zero")
        XCTAssertEqual(Numbers.fixed(-0.005, decimals: 2), "-0.01")
        XCTAssertEqual(Numbers.fixed(0.00001, decimals: 6), "0.000010")
        XCTAssertEqual(Numbers.fixed(5, decimals: -1), "5")
    }

    func testMinutesSecondsAndBytes() {
        XCTAssertEqual(Numbers.minutesSeconds(300), "5:00")
        XCTAssertEqual(Numbers.minutesSeconds(61), "1:01")
        XCTAssertEqual(Numbers.bytes(512), "512 B")
        XCTAssertEqual(Numbers.bytes(52 * 1024 * 1024), "52.0 MiB")
    }

    func testDollars() {
        XCTAssertEqual(Numbers.dollars(0), "$0")
        XCTAssertEqual(Numbers.dollars(999), "$999")
        XCTAssertEqual(Numbers.dollars(1234567.5), "$1,234,567.5")
        XCTAssertEqual(Numbers.dollars(-1000), "-$1,000")
    }
}
