import BakeoffModel
import XCTest

final class RepetitionSpreadTests: XCTestCase {
    func testTheSpreadExcludesTheColdRunAndFlagsAWideOne() {
        let s = RepetitionSpread.of([(1, 9.0), (2, 1.0), (3, 1.2), (4, 1.1)])!
        XCTAssertEqual(s.cold, 9)
        XCTAssertEqual(s.n, 3)
        XCTAssertEqual(s.median, 1.1, accuracy: 1e-12)
        XCTAssertEqual(s.mad, 0.1, accuracy: 1e-12)
        XCTAssertEqual(s.min, 1)
        XCTAssertEqual(s.max, 1.2)
        XCTAssertFalse(s.isWide)
        XCTAssertTrue(RepetitionSpread.of([(2, 1.0), (3, 2.0), (4, 1.1)])!.isWide)
        XCTAssertEqual(RepetitionSpread.of([(1, 4.0)])!.median, 4)
        XCTAssertNil(RepetitionSpread.of([]))
    }
}
