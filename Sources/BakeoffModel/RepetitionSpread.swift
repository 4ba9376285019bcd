/// The spread of one measure over repetitions: the cold (first) run apart, the rest pooled. The runner's
/// summary and the scoring both use it, so a "wide spread" means the same everywhere.
public struct RepetitionSpread: Hashable, Sendable {
    public var median: Double
    public var min: Double
    public var max: Double
    /// Median absolute deviation from the median.
    public var mad: Double
    public var n: Int
    /// Repetition 1's value, when it was measured.
    public var cold: Double?
    /// MAD/median above 10 % or max/min above 1.5.
    public var isWide: Bool

    /// Warm values (repetition > 1) when there are any, else the cold one alone; nil when empty.
    public static func of(_ values: [(repetition: Int, value: Double)]) -> RepetitionSpread? {
        let cold = values.first { $0.repetition == 1 }?.value
        var pool = values.filter { $0.repetition > 1 }.map(\.value)
        if pool.isEmpty, let cold { pool = [cold] }
        guard !pool.isEmpty else { return nil }
        let sorted = pool.sorted()
        let median = Self.median(sorted)
        let mad = Self.median(sorted.map { abs($0 - median) }.sorted())
        let lo = sorted.first!, hi = sorted.last!
        let wide = (median > 0 && mad / median > 0.1) || (lo > 0 && hi / lo > 1.5)
        return RepetitionSpread(median: median, min: lo, max: hi, mad: mad, n: sorted.count, cold: cold, isWide: wide)
    }

    public static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
