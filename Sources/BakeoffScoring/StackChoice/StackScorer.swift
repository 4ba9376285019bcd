import BakeoffModel
import Dispatch

/// The whole-stack choice: one tool per assessed stage, scored with the pairs' interoperability.
public struct StackChoice: Hashable, Codable, Sendable {
    /// One stage's tool in a stack.
    public struct Member: Hashable, Codable, Sendable {
        public var stage: String
        public var tool: String
        /// The tool's stage total (0–10), as `bakeoff score` gives it.
        public var alone: Double
        /// Its total with the interoperability criterion replaced by its in-stack value.
        public var inStack: Double
        /// The in-stack interoperability (0–10): the mean of its own interoperability score and its known pair
        /// values ×10; nil when none is known.
        public var interoperability: Double?
    }

    /// A stage where the stack choice is not the stage's own winner, and why.
    public struct Difference: Hashable, Codable, Sendable {
        public var stage: String
        public var winner: String
        public var chosen: String
        public var why: String
    }

    public var criterion: String
    /// The best stack, in stage order.
    public var members: [Member]
    public var total: Double
    /// The stage-by-stage winners as a stack.
    public var winners: [Member]
    public var winnersTotal: Double
    public var differences: [Difference]
    /// The pairs between neighbouring members of the best stack, and of the winners' stack.
    public var edges: [PairRecord]
    public var winnerEdges: [PairRecord]
    /// Share of Dirichlet weight samples under which the same stack stays best.
    public var robustness: Double
    public var samples: Int
    public var seed: UInt64
    /// The next best stacks, with their totals.
    public var runnersUp: [[String]]
    public var runnersUpTotals: [Double]
    /// Stacks compared (the product of the joined stages' ranked candidates).
    public var combinations: Int
}

public enum StackScoringError: Error, CustomStringConvertible, Sendable {
    case noCriterion(String, known: [String])
    case tooMany(Int)
    case nothingRanked

    public var description: String {
        switch self {
        case .noCriterion(let id, let known):
            "the stack scoring needs a criterion '\(id)' (the pairs' interoperability replaces its score); known: \(known.joined(separator: ", "))"
        case .tooMany(let n):
            "\(n) stacks are too many to compare one by one; narrow the candidates (at most \(StackScorer.limit))"
        case .nothingRanked:
            "no stage has a ranked candidate yet: run the scenarios or add facts first"
        }
    }
}

/// Picks the stack with the best mean in-stack total. A tool's in-stack total is its stage total with the
/// interoperability criterion's score replaced by the mean of that score and its known pair values (×10)
/// with the stack's neighbours (stages joined by an integration); unknown pairs are left out, as unknown
/// criteria are. Stages joined by no integration keep their winner. Ties (1e-9) go to the stack with more
/// stage winners, then to the earlier ids.
public enum StackScorer {
    public static let criterion = "interoperability"
    public static let limit = 2_000_000
    public static let defaultSamples = 1_000
    /// The robustness samples are drawn in this many independently seeded chunks, run in parallel.
    static let chunks = 4

    public static func choose(
        board: Scoreboard, pairs: [PairRecord], samples: Int = defaultSamples, seed: UInt64
    ) throws -> StackChoice {
        let stages = board.stages.filter { $0.matrix.map { !$0.tools.isEmpty } ?? false && $0.winner != nil }
        guard !stages.isEmpty else { throw StackScoringError.nothingRanked }
        let criteria = stages[0].matrix!.criteria
        guard let ci = criteria.firstIndex(of: criterion) else { throw StackScoringError.noCriterion(criterion, known: criteria) }
        let problem = Problem(stages: stages, interop: ci, pairs: pairs)
        let search = StackSearch(problem)
        // Chains of joined stages: the dynamic programme; anything else: every stack, one by one.
        guard search.order != nil || problem.combinations <= limit else { throw StackScoringError.tooMany(problem.combinations) }

        let weights = stages[0].matrix!.weights
        let ranked = search.order != nil ? search.ranked(weights, count: 3) : Array(problem.rank(weights).prefix(3))
        let best = ranked[0].choice
        let bestUnder: @Sendable ([Double]) -> [Int] = { w in search.best(w) ?? problem.best(w) }
        let winners = problem.winnerChoice
        // Robustness: how often the same stack stays best when the weights move (Dirichlet around them). The
        // samples are drawn in a fixed number of chunks, each from its own seeded stream, and the chunks run in
        // parallel: the count does not depend on the machine's cores or on the order the chunks finish in.
        let shapes = weights.map { GammaSampler.Shape(SensitivityAnalysis.concentration * max($0, 1e-12)) }
        let chunks = StackScorer.chunks
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        nonisolated(unsafe) let out = counts
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let size = samples / chunks + (chunk < samples % chunks ? 1 : 0)
            var sampler = GammaSampler(seed: seed &+ UInt64(chunk) &* 0x9E37_79B9_7F4A_7C15)
            var w = weights
            var same = 0
            for _ in 0..<size {
                var sum = 0.0
                for j in w.indices {
                    w[j] = weights[j] > 0 ? sampler.next(shapes[j]) : 0
                    sum += w[j]
                }
                for j in w.indices { w[j] /= sum }
                if bestUnder(w) == best { same += 1 }
            }
            out[chunk] = same
        }
        let same = counts.reduce(0, +)
        let members = problem.members(best, weights)
        let winnerMembers = problem.members(winners, weights)
        let differences = stages.indices.compactMap { s -> StackChoice.Difference? in
            guard best[s] != winners[s] else { return nil }
            return StackChoice.Difference(
                stage: stages[s].stage, winner: winnerMembers[s].tool, chosen: members[s].tool,
                why: problem.why(stage: s, winner: winnerMembers[s], chosen: members[s], winners: winners, best: best))
        }
        return StackChoice(
            criterion: criterion, members: members, total: ranked[0].total, winners: winnerMembers,
            winnersTotal: problem.total(winners, weights), differences: differences, edges: problem.edges(best),
            winnerEdges: problem.edges(winners), robustness: samples > 0 ? Double(same) / Double(samples) : 1,
            samples: samples, seed: seed, runnersUp: ranked.dropFirst().prefix(2).map { problem.tools($0.choice) },
            runnersUpTotals: ranked.dropFirst().prefix(2).map(\.total), combinations: problem.combinations)
    }
}

/// The stack problem in index form: per stage its ranked tools' criterion scores, per joined stage pair the
/// pair values.
struct Problem {
    struct Edge {
        var a: Int
        var b: Int
        /// values[ta][tb], nil when unknown.
        var values: [[Double?]]
        var records: [[PairRecord?]]
    }

    let stages: [StageScorecard]
    let interop: Int
    var edges: [Edge] = []
    let winnerChoice: [Int]
    /// The edges' value tables laid end to end (row-major, NaN where unknown), for `best`.
    struct EdgeTable {
        var a: [Int] = [], b: [Int] = [], width: [Int] = [], offset: [Int] = []
        var values: [Double] = []
    }
    var edgeTable = EdgeTable()

    init(stages: [StageScorecard], interop: Int, pairs: [PairRecord]) {
        self.stages = stages
        self.interop = interop
        winnerChoice = stages.map { $0.matrix!.tools.firstIndex(of: $0.winner!)! }
        let index = Dictionary(stages.enumerated().map { ($0.element.stage, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var byStages: [String: Int] = [:]
        for record in pairs {
            guard let a = index[record.stages[0]], let b = index[record.stages[1]] else { continue }
            let ta = stages[a].matrix!.tools, tb = stages[b].matrix!.tools
            guard let i = ta.firstIndex(of: record.tools[0]), let j = tb.firstIndex(of: record.tools[1]) else { continue }
            let key = "\(a)-\(b)"
            if byStages[key] == nil {
                byStages[key] = edges.count
                edges.append(
                    Edge(
                        a: a, b: b, values: Array(repeating: Array(repeating: nil, count: tb.count), count: ta.count),
                        records: Array(repeating: Array(repeating: nil, count: tb.count), count: ta.count)))
            }
            let e = byStages[key]!
            // Two integrations between the same stages: the mean of the known values.
            if let old = edges[e].values[i][j], let new = record.value {
                edges[e].values[i][j] = (old + new) / 2
            } else if record.value != nil {
                edges[e].values[i][j] = record.value
            }
            if edges[e].records[i][j] == nil { edges[e].records[i][j] = record }
        }
        for edge in edges {
            edgeTable.a.append(edge.a)
            edgeTable.b.append(edge.b)
            edgeTable.width.append(edge.values.first?.count ?? 0)
            edgeTable.offset.append(edgeTable.values.count)
            edgeTable.values += edge.values.flatMap { $0.map { $0 ?? .nan } }
        }
    }

    var combinations: Int {
        joined.reduce(1) { n, s in
            let (product, overflow) = n.multipliedReportingOverflow(by: stages[s].matrix!.tools.count)
            return overflow ? Int.max : product
        }
    }

    func tools(_ choice: [Int]) -> [String] { choice.indices.map { stages[$0].matrix!.tools[choice[$0]] } }

    /// Per stage and tool, what does not depend on the stack under weights `w`: the weighted sum and weight of
    /// the criteria other than interoperability, and the tool's own interoperability (0–1) when known.
    struct Weighted {
        var rest: [[(num: Double, den: Double)]]
        var own: [[Double?]]
        var interopWeight: Double
    }

    func weighted(_ w: [Double]) -> Weighted {
        var rest: [[(num: Double, den: Double)]] = []
        var own: [[Double?]] = []
        for stage in stages {
            let m = stage.matrix!
            let c = m.criteria.count
            rest.append(m.tools.indices.map { t in
                var num = 0.0, den = 0.0
                for j in 0..<c where j != interop && m.known[t * c + j] > 0 {
                    num += w[j] * m.scores[t * c + j]
                    den += w[j]
                }
                return (num, den)
            })
            own.append(m.tools.indices.map { t in m.known[t * c + interop] > 0 ? m.scores[t * c + interop] / 10 : nil })
        }
        return Weighted(rest: rest, own: own, interopWeight: w[interop])
    }

    /// The in-stack totals of every member of `choice`, and their in-stack interoperability (0–10).
    func memberTotals(_ choice: [Int], _ v: Weighted) -> [(total: Double, interop: Double?)] {
        var sums = [Double](repeating: 0, count: stages.count)
        var counts = [Int](repeating: 0, count: stages.count)
        return stages.indices.map { s in memberTotal(s, choice, v, &sums, &counts, accumulate: s == 0) }
    }

    /// The total of the stack: the mean of its members' in-stack totals. `sums`/`counts` are scratch space.
    func total(_ choice: [Int], _ v: Weighted, _ sums: inout [Double], _ counts: inout [Int]) -> Double {
        var total = 0.0
        for s in stages.indices { total += memberTotal(s, choice, v, &sums, &counts, accumulate: s == 0).total }
        return total / Double(stages.count)
    }

    @inline(__always)
    private func memberTotal(
        _ s: Int, _ choice: [Int], _ v: Weighted, _ sums: inout [Double], _ counts: inout [Int], accumulate: Bool
    ) -> (total: Double, interop: Double?) {
        if accumulate {
            for i in sums.indices {
                sums[i] = 0
                counts[i] = 0
            }
            for edge in edges {
                if let value = edge.values[choice[edge.a]][choice[edge.b]] {
                    sums[edge.a] += value
                    sums[edge.b] += value
                    counts[edge.a] += 1
                    counts[edge.b] += 1
                }
            }
        }
        var (num, den) = v.rest[s][choice[s]]
        var sum = sums[s], count = counts[s]
        if let own = v.own[s][choice[s]] {
            sum += own
            count += 1
        }
        let value: Double? = count > 0 ? 10 * sum / Double(count) : nil
        if let value {
            num += v.interopWeight * value
            den += v.interopWeight
        }
        return (den > 1e-15 ? num / den : 0, value)
    }

    func total(_ choice: [Int], _ w: [Double]) -> Double {
        var sums = [Double](repeating: 0, count: stages.count)
        var counts = [Int](repeating: 0, count: stages.count)
        return total(choice, weighted(w), &sums, &counts)
    }

    func members(_ choice: [Int], _ w: [Double]) -> [StackChoice.Member] {
        let totals = memberTotals(choice, weighted(w))
        return stages.indices.map { s in
            let tool = stages[s].matrix!.tools[choice[s]]
            let alone = stages[s].tools.first { $0.tool == tool }?.total ?? 0
            return StackChoice.Member(
                stage: stages[s].stage, tool: tool, alone: alone, inStack: totals[s].total, interoperability: totals[s].interop)
        }
    }

    func edges(_ choice: [Int]) -> [PairRecord] {
        edges.compactMap { $0.records[choice[$0.a]][choice[$0.b]] }
    }

    /// Every stack, best first (ties: more stage winners, then earlier ids).
    func rank(_ w: [Double]) -> [(choice: [Int], total: Double)] {
        var all: [(choice: [Int], total: Double)] = []
        let v = weighted(w)
        var sums = [Double](repeating: 0, count: stages.count)
        var counts = [Int](repeating: 0, count: stages.count)
        enumerate { all.append(($0, total($0, v, &sums, &counts))) }
        return all.sorted { x, y in
            if abs(x.total - y.total) > DecisionMatrix.tieTolerance { return x.total > y.total }
            let wx = winnersIn(x.choice), wy = winnersIn(y.choice)
            if wx != wy { return wx > wy }
            return tools(x.choice).lexicographicallyPrecedes(tools(y.choice))
        }
    }

    /// The best stack under `w`, with the same tie rule as `rank`. The Monte Carlo calls this once per sample,
    /// so it works on flat arrays: per tool (all stages' tools laid end to end) the weighted rest and its
    /// weight, the own interoperability (NaN when unknown); per edge its value table (NaN when unknown).
    func best(_ w: [Double]) -> [Int] {
        let v = weighted(w)
        var restNum: [Double] = [], restDen: [Double] = [], own: [Double] = [], offset: [Int] = []
        for s in stages.indices {
            offset.append(restNum.count)
            for t in v.rest[s].indices {
                restNum.append(v.rest[s][t].num)
                restDen.append(v.rest[s][t].den)
                own.append(v.own[s][t] ?? .nan)
            }
        }
        let wi = v.interopWeight
        let n = stages.count
        let free = joined.sorted()
        let sizes = stages.map { $0.matrix!.tools.count }
        var choice = winnerChoice
        for s in free { choice[s] = 0 }
        var best = choice, bestTotal = -Double.infinity
        var sums = [Double](repeating: 0, count: n), counts = [Double](repeating: 0, count: n)
        let e = edgeTable
        // The hot loop reads raw buffers: no retain/release or bounds check per access.
        restNum.withUnsafeBufferPointer { restNum in
            restDen.withUnsafeBufferPointer { restDen in
                own.withUnsafeBufferPointer { own in
                    e.values.withUnsafeBufferPointer { values in
                        sums.withUnsafeMutableBufferPointer { sums in
                            counts.withUnsafeMutableBufferPointer { counts in
                                while true {
                                    for s in 0..<n {
                                        sums[s] = 0
                                        counts[s] = 0
                                    }
                                    for k in 0..<e.a.count {
                                        let a = e.a[k], b = e.b[k]
                                        let value = values[e.offset[k] + choice[a] * e.width[k] + choice[b]]
                                        if !value.isNaN {
                                            sums[a] += value
                                            sums[b] += value
                                            counts[a] += 1
                                            counts[b] += 1
                                        }
                                    }
                                    var total = 0.0
                                    for s in 0..<n {
                                        let k = offset[s] + choice[s]
                                        var num = restNum[k], den = restDen[k]
                                        var sum = sums[s], count = counts[s]
                                        if !own[k].isNaN {
                                            sum += own[k]
                                            count += 1
                                        }
                                        if count > 0 {
                                            num += wi * 10 * sum / count
                                            den += wi
                                        }
                                        total += den > 1e-15 ? num / den : 0
                                    }
                                    total /= Double(n)
                                    if total > bestTotal + DecisionMatrix.tieTolerance
                                        || (abs(total - bestTotal) <= DecisionMatrix.tieTolerance && better(choice, than: best))
                                    {
                                        best = choice
                                        bestTotal = total
                                    }
                                    if !Self.advance(&choice, free: free, sizes: sizes) { return }
                                }
                            }
                        }
                    }
                }
            }
        }
        return best
    }

    private func better(_ x: [Int], than y: [Int]) -> Bool {
        let wx = winnersIn(x), wy = winnersIn(y)
        if wx != wy { return wx > wy }
        return tools(x).lexicographicallyPrecedes(tools(y))
    }

    private func winnersIn(_ choice: [Int]) -> Int { zip(choice, winnerChoice).filter { $0 == $1 }.count }

    /// Stages joined to another by an integration; the others simply keep their winner.
    var joined: Set<Int> { Set(edges.flatMap { [$0.a, $0.b] }) }

    /// Calls `body` with every combination of the joined stages' ranked tools (an odometer), the other stages
    /// at their winner.
    private func enumerate(_ body: ([Int]) -> Void) {
        let free = joined.sorted()
        let sizes = stages.map { $0.matrix!.tools.count }
        var choice = winnerChoice
        for s in free { choice[s] = 0 }
        repeat { body(choice) } while Self.advance(&choice, free: free, sizes: sizes)
    }

    /// Moves the odometer over the `free` stages to the next combination; false after the last one.
    @inline(__always)
    static func advance(_ choice: inout [Int], free: [Int], sizes: [Int]) -> Bool {
        var k = free.count - 1
        while k >= 0 {
            choice[free[k]] += 1
            if choice[free[k]] < sizes[free[k]] { return true }
            choice[free[k]] = 0
            k -= 1
        }
        return false
    }

    /// Why the stack takes `chosen` over the stage's `winner`: their totals alone and in their stacks, and the
    /// pairs that made the difference.
    func why(stage s: Int, winner: StackChoice.Member, chosen: StackChoice.Member, winners: [Int], best: [Int]) -> String {
        func pairs(_ choice: [Int]) -> String {
            let lines = edges.filter { $0.a == s || $0.b == s }.compactMap { edge -> String? in
                let record = edge.records[choice[edge.a]][choice[edge.b]]
                guard let record else { return nil }
                let value = record.value.map { Numbers.fixed($0, decimals: 2) } ?? "unknown"
                let how = record.verdict?.rawValue ?? (record.value == nil ? "not run" : "documented, not run")
                return "\(record.tools.joined(separator: " → ")) \(value) (\(how))"
            }
            return lines.isEmpty ? "no known pair" : lines.joined(separator: ", ")
        }
        return "\(winner.tool) wins the stage alone (\(Numbers.fixed(winner.alone, decimals: 2)) vs "
            + "\(Numbers.fixed(chosen.alone, decimals: 2))), but its hand-offs in the winners' stack are \(pairs(winners)); "
            + "\(chosen.tool)'s in the chosen stack are \(pairs(best)); in-stack totals "
            + "\(Numbers.fixed(winner.inStack, decimals: 2)) vs \(Numbers.fixed(chosen.inStack, decimals: 2))"
            + (ownInteroperabilityKnown(stage: s, tool: best[s])
                ? "" : "; \(chosen.tool) has no interoperability score of its own, so in the stack it rests on its hand-offs alone")
    }

    func ownInteroperabilityKnown(stage s: Int, tool t: Int) -> Bool {
        let m = stages[s].matrix!
        return m.known[t * m.criteria.count + interop] > 0
    }
}

/// The pairs and the stack choice of a project, as the reports show them.
public struct StackAnalysis: Hashable, Sendable {
    public var pairs: [PairRecord]
    public var choice: StackChoice?
    /// Why there is no stack choice (no integration, nothing ranked, no interoperability criterion).
    public var problem: String?
    /// The recorded `bakeoff stack check`s.
    public var checks: [CoInstallSummary]

    public init(pairs: [PairRecord], choice: StackChoice?, problem: String?, checks: [CoInstallSummary] = []) {
        self.pairs = pairs
        self.choice = choice
        self.problem = problem
        self.checks = checks
    }

    /// The recorded check of exactly these tools, if any.
    public func check(of tools: [String]) -> CoInstallSummary? {
        checks.first { Set($0.tools) == Set(tools) }
    }

    /// Reads the pairs and chooses the stack (seeded: the same inputs give the same analysis).
    public static func make(
        project: Project, scoreboard: Scoreboard, history: RunHistory, checks: [CoInstallSummary] = [],
        samples: Int = StackScorer.defaultSamples, seed: UInt64 = ScoringOptions().seed
    ) -> StackAnalysis {
        let pairs = PairEvidence.records(project: project, history: history)
        guard !project.integrations.isEmpty else {
            return StackAnalysis(
                pairs: pairs, choice: nil, problem: "the project has no integrations/ between its stages", checks: checks)
        }
        do {
            let choice = try StackScorer.choose(board: scoreboard, pairs: pairs, samples: samples, seed: seed)
            return StackAnalysis(pairs: pairs, choice: choice, problem: nil, checks: checks)
        } catch {
            return StackAnalysis(pairs: pairs, choice: nil, problem: "\(error)", checks: checks)
        }
    }
}
