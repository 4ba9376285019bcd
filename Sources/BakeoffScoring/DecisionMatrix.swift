import BakeoffModel

/// The criterion scores of one stage's ranked tools: what the weighted sum, the flip points, the Monte Carlo
/// and TOPSIS all read. Flat row-major arrays (tool × criterion) so the analyses allocate nothing per sample.
public struct DecisionMatrix: Hashable, Codable, Sendable {
    /// Tool ids, sorted: an index is also the tie-break order.
    public var tools: [String]
    public var criteria: [String]
    /// Normalized criterion weights (sum 1).
    public var weights: [Double]
    /// 0–10 criterion scores, tools × criteria; 0 where unknown (see `known`).
    public var scores: [Double]
    /// 1 where the criterion score is known, else 0.
    public var known: [Double]

    public init(tools: [String], criteria: [String], weights: [Double], scores: [Double], known: [Double]) {
        self.tools = tools
        self.criteria = criteria
        self.weights = weights
        self.scores = scores
        self.known = known
    }

    /// Totals closer than this are a tie, broken by tool id (so rounding noise cannot reorder tools).
    public static let tieTolerance = 1e-9

    /// Σ w·s over the known criteria divided by Σ w over them: missing criteria are left out and the remaining
    /// weights renormalized. nil when no weighted criterion is known.
    public func totals(_ w: [Double]) -> [Double?] {
        let c = criteria.count
        return tools.indices.map { t in
            var num = 0.0, den = 0.0
            for j in 0..<c where known[t * c + j] > 0 {
                num += w[j] * scores[t * c + j]
                den += w[j]
            }
            return den > 1e-15 ? num / den : nil
        }
    }

    /// Tool indices from first to last; tools without a total are left out.
    public func ranking(_ w: [Double]) -> [Int] {
        Self.order(totals(w))
    }

    static func order(_ totals: [Double?]) -> [Int] {
        totals.indices.filter { totals[$0] != nil }.sorted { a, b in
            let x = totals[a]!, y = totals[b]!
            if abs(x - y) > tieTolerance { return x > y }
            return a < b
        }
    }

    /// The weights when criterion `c` is set to `x` and the others are rescaled proportionally to keep the sum 1
    /// (shared equally when every other weight is 0): each weight is `a + b·x`.
    func weightLine(_ c: Int) -> (a: [Double], b: [Double]) {
        let n = criteria.count
        var a = [Double](repeating: 0, count: n), b = a
        let rest = 1 - weights[c]
        for j in 0..<n where j != c {
            let share = rest > 1e-12 ? weights[j] / rest : 1 / Double(n - 1)
            a[j] = share
            b[j] = -share
        }
        b[c] = 1
        return (a, b)
    }

    func weights(onLine line: (a: [Double], b: [Double]), at x: Double) -> [Double] {
        zip(line.a, line.b).map { max(0, $0 + $1 * x) }
    }
}
