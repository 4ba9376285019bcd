/// Finds the best stacks without enumerating them, when the integrations join the stages in chains.
///
/// A member's in-stack total depends only on its own tool and its neighbours' (the stages an integration joins
/// it to). When every group of joined stages forms a chain, laying the chains end to end gives an order in
/// which each stage's neighbours are the stages just before and after it, and the best stack is a dynamic
/// programme over that order: the state is the last two stages' tools, so it costs stages × k³ instead of kⁿ.
/// Ties follow the enumeration's rule (total within 1e-9, then more stage winners, then earlier ids), compared
/// on the stages already decided, which order the complete stacks the same way because the stacks in one state
/// share everything after it. The next best stacks come from Lawler's partition of the remaining stacks.
/// Where the joined stages do not form chains, `order` is nil and the caller enumerates.
struct StackSearch {
    let problem: Problem
    /// The joined stages, chain after chain; nil when some group is not a chain.
    let order: [Int]?
    /// Per stage, the edges that touch it.
    let incident: [[Int]]

    init(_ problem: Problem) {
        self.problem = problem
        let n = problem.stages.count
        var incident = [[Int]](repeating: [], count: n)
        var neighbours = [Set<Int>](repeating: [], count: n)
        for (k, e) in problem.edges.enumerated() {
            incident[e.a].append(k)
            incident[e.b].append(k)
            neighbours[e.a].insert(e.b)
            neighbours[e.b].insert(e.a)
        }
        self.incident = incident
        // With nothing joined there is one stack (the winners): the enumeration's single step says so.
        order = problem.joined.isEmpty ? nil : Self.chains(neighbours: neighbours, joined: problem.joined)
    }

    /// The chains laid end to end (each from its lower-numbered end, chains by their first stage), or nil when
    /// a group of joined stages has a stage with three neighbours or a cycle.
    static func chains(neighbours: [Set<Int>], joined: Set<Int>) -> [Int]? {
        var seen: Set<Int> = []
        var order: [Int] = []
        for start in joined.sorted() where !seen.contains(start) {
            // The group of `start`, and whether it is a chain.
            var group: Set<Int> = [start], todo = [start]
            while let s = todo.popLast() {
                for t in neighbours[s] where !group.contains(t) {
                    group.insert(t)
                    todo.append(t)
                }
            }
            let edges = group.reduce(0) { $0 + neighbours[$1].count } / 2
            guard edges == group.count - 1, group.allSatisfy({ neighbours[$0].count <= 2 }) else { return nil }
            let ends = group.filter { neighbours[$0].count <= 1 }.sorted()
            var previous = -1, current = ends[0]
            while true {
                order.append(current)
                seen.insert(current)
                guard let next = neighbours[current].first(where: { $0 != previous }) else { break }
                previous = current
                current = next
            }
        }
        return order
    }

    /// The best stack whose joined stages take only `allowed` tools (per stage, per tool), or nil when none may.
    /// The programme keeps, per state, the best sum, its stage-winner count and a back pointer; choices are
    /// rebuilt from the pointers, and only to break an exact tie by ids.
    func best(_ v: Problem.Weighted, allowed: [[Bool]]) -> (choice: [Int], total: Double)? {
        guard let order, order.count >= 2 else { return nil }
        let n = problem.stages.count, m = order.count
        var base = problem.winnerChoice
        var constant = 0.0
        let inOrder = Set(order)
        let alone = problem.memberTotals(base, v)
        for s in 0..<n where !inOrder.contains(s) { constant += alone[s].total }
        for s in order { base[s] = -1 }
        let options = order.map { s in allowed[s].indices.filter { allowed[s][$0] } }
        guard options.allSatisfy({ !$0.isEmpty }) else { return nil }
        let tolerance = DecisionMatrix.tieTolerance * Double(n)

        // Per position: the member's weighted rest, its own interoperability (NaN: unknown) and whether each
        // option is the stage's winner; per boundary between positions i−1 and i: the known pair values' sum
        // and count for each pair of options.
        var restNum: [[Double]] = [], restDen: [[Double]] = [], own: [[Double]] = [], isWinner: [[Int]] = []
        for (i, s) in order.enumerated() {
            restNum.append(options[i].map { v.rest[s][$0].num })
            restDen.append(options[i].map { v.rest[s][$0].den })
            own.append(options[i].map { v.own[s][$0] ?? .nan })
            isWinner.append(options[i].map { $0 == problem.winnerChoice[s] ? 1 : 0 })
        }
        var pairSum: [[Double]] = [[]], pairCount: [[Double]] = [[]]
        for i in 1..<m {
            let a = order[i - 1], b = order[i]
            var sum = [Double](repeating: 0, count: options[i - 1].count * options[i].count), count = sum
            for k in incident[b] {
                let e = problem.edges[k]
                guard (e.a == a && e.b == b) || (e.a == b && e.b == a) else { continue }
                for (x, ca) in options[i - 1].enumerated() {
                    for (y, cb) in options[i].enumerated() {
                        let value = e.a == a ? e.values[ca][cb] : e.values[cb][ca]
                        if let value {
                            sum[x * options[i].count + y] += value
                            count[x * options[i].count + y] += 1
                        }
                    }
                }
            }
            pairSum.append(sum)
            pairCount.append(count)
        }
        let wi = v.interopWeight
        /// Member i's in-stack total with option y, its previous neighbour at x (−1: none), next at z (−1: none).
        func member(_ i: Int, _ x: Int, _ y: Int, _ z: Int) -> Double {
            var num = restNum[i][y], den = restDen[i][y]
            var sum = 0.0, count = 0.0
            if x >= 0 {
                sum += pairSum[i][x * options[i].count + y]
                count += pairCount[i][x * options[i].count + y]
            }
            if z >= 0 {
                sum += pairSum[i + 1][y * options[i + 1].count + z]
                count += pairCount[i + 1][y * options[i + 1].count + z]
            }
            if !own[i][y].isNaN {
                sum += own[i][y]
                count += 1
            }
            if count > 0 {
                num += wi * 10 * sum / count
                den += wi
            }
            return den > 1e-15 ? num / den : 0
        }

        // state after position i (i ≥ 1), index x·|options[i]| + y: position i−1 at x, position i at y, every
        // member before i decided. back[i][x·|options[i]| + y] is position i−2's option (−1 at i = 1).
        var sums = [Double](), wins = [Int]()
        var back: [[Int]] = [[], []]
        for x in options[0].indices {
            for y in options[1].indices {
                sums.append(member(0, -1, x, y))
                wins.append(isWinner[0][x] + isWinner[1][y])
            }
        }
        back[1] = [Int](repeating: -1, count: sums.count)
        func rebuild(_ i: Int, _ x: Int, _ y: Int, _ backs: [[Int]]) -> [Int] {
            var choice = base
            var (i, x, y) = (i, x, y)
            choice[order[i]] = options[i][y]
            while i >= 1 {
                choice[order[i - 1]] = options[i - 1][x]
                let w = backs[i][x * options[i].count + y]
                (i, y, x) = (i - 1, x, w)
            }
            return choice
        }
        for i in 1..<(m - 1) {
            let widthI = options[i].count, widthNext = options[i + 1].count
            var nextSums = [Double](repeating: -.infinity, count: widthI * widthNext)
            var nextWins = [Int](repeating: 0, count: widthI * widthNext)
            var nextBack = [Int](repeating: -1, count: widthI * widthNext)
            for y in 0..<widthI {
                for z in 0..<widthNext {
                    var bestX = -1, bestSum = 0.0, bestWins = 0
                    for x in options[i - 1].indices {
                        let total = sums[x * widthI + y] + member(i, x, y, z)
                        let w = wins[x * widthI + y]
                        var take = bestX < 0 || total > bestSum + tolerance
                        if !take, abs(total - bestSum) <= tolerance {
                            if w != bestWins {
                                take = w > bestWins
                            } else {
                                take = precedes(rebuild(i, x, y, back), rebuild(i, bestX, y, back))
                            }
                        }
                        if take {
                            (bestX, bestSum, bestWins) = (x, total, w)
                        }
                    }
                    nextSums[y * widthNext + z] = bestSum
                    nextWins[y * widthNext + z] = bestWins + isWinner[i + 1][z]
                    nextBack[y * widthNext + z] = bestX
                }
            }
            sums = nextSums
            wins = nextWins
            back.append(nextBack)
        }
        let last = m - 1, width = options[last].count
        var best: (x: Int, y: Int, sum: Double, wins: Int)?
        for x in options[last - 1].indices {
            for y in 0..<width {
                let total = sums[x * width + y] + member(last, x, y, -1)
                let w = wins[x * width + y]
                var take = best == nil || total > best!.sum + tolerance
                if !take, let b = best, abs(total - b.sum) <= tolerance {
                    take = w != b.wins ? w > b.wins : precedes(rebuild(last, x, y, back), rebuild(last, b.x, b.y, back))
                }
                if take { best = (x, y, total, w) }
            }
        }
        guard let best else { return nil }
        return (rebuild(last, best.x, best.y, back), (best.sum + constant) / Double(n))
    }

    /// The `count` best stacks, best first (Lawler: the stacks other than the ones found are split by the first
    /// position where they leave the last one found, and each part's best is a candidate).
    func ranked(_ w: [Double], count: Int) -> [(choice: [Int], total: Double)] {
        guard let order else { return [] }
        let v = problem.weighted(w)
        let all = problem.stages.map { [Bool](repeating: true, count: $0.matrix!.tools.count) }
        guard let first = best(v, allowed: all) else { return [] }
        var found = [first]
        var candidates: [(allowed: [[Bool]], choice: [Int], total: Double)] = []
        var parts = all
        var last = first
        while found.count < count {
            var fixed = parts
            for (i, s) in order.enumerated() {
                var part = fixed
                part[s][last.choice[s]] = false
                if let b = best(v, allowed: part) { candidates.append((part, b.choice, b.total)) }
                fixed[s] = fixed[s].indices.map { $0 == last.choice[s] }
                _ = i
            }
            guard !candidates.isEmpty else { break }
            var index = 0
            for k in candidates.indices.dropFirst() where problem.ranks(candidates[k].choice, candidates[k].total, above: candidates[index].choice, candidates[index].total) {
                index = k
            }
            let next = candidates.remove(at: index)
            found.append((next.choice, next.total))
            parts = next.allowed
            last = (next.choice, next.total)
        }
        return found
    }

    /// The best stack under `w` (nil when the joined stages are not chains).
    func best(_ w: [Double]) -> [Int]? {
        guard order != nil else { return nil }
        let all = problem.stages.map { [Bool](repeating: true, count: $0.matrix!.tools.count) }
        return best(problem.weighted(w), allowed: all)?.choice
    }

    func winners(_ choice: [Int]) -> Int { zip(choice, problem.winnerChoice).filter { $0 == $1 }.count }

    /// Lexicographic order of the tool ids over the decided stages, in stage order.
    func precedes(_ x: [Int], _ y: [Int]) -> Bool {
        for s in x.indices where x[s] >= 0 && y[s] >= 0 && x[s] != y[s] {
            return problem.stages[s].matrix!.tools[x[s]] < problem.stages[s].matrix!.tools[y[s]]
        }
        return false
    }
}

extension Problem {
    /// The enumeration's order: a higher total (beyond 1e-9), then more stage winners, then earlier ids.
    func ranks(_ x: [Int], _ tx: Double, above y: [Int], _ ty: Double) -> Bool {
        if abs(tx - ty) > DecisionMatrix.tieTolerance { return tx > ty }
        let wx = zip(x, winnerChoice).filter { $0 == $1 }.count, wy = zip(y, winnerChoice).filter { $0 == $1 }.count
        if wx != wy { return wx > wy }
        return tools(x).lexicographicallyPrecedes(tools(y))
    }
}
