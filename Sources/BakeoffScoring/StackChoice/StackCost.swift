import BakeoffModel

/// What a whole stack costs over the horizon and how much operations work it asks for: the sum of its members'
/// cost breakdowns (each following the tool's deployment), with the members whose cost is unknown named.
public struct StackCost: Hashable, Sendable {
    public var totalUSD: Double
    public var horizonMonths: Int
    /// Tools whose cost is unknown: the total leaves them out and says so.
    public var unknown: [String]
    public var opsHoursPerMonth: Double
    /// The operations hours as a share of one engineer's month.
    public var engineerShare: Double

    /// The cost of `tools` (stage id, tool id) as the scoreboard priced them.
    public static func of(_ tools: [(stage: String, tool: String)], scoreboard: Scoreboard) -> StackCost {
        var cost = StackCost(totalUSD: 0, horizonMonths: 0, unknown: [], opsHoursPerMonth: 0, engineerShare: 0)
        for (stage, tool) in tools {
            let score = scoreboard.stages.first { $0.stage == stage }?.tools.first { $0.tool == tool }
            guard let breakdown = score?.cost else {
                cost.unknown.append(score?.name ?? tool)
                continue
            }
            cost.totalUSD += breakdown.totalUSD
            cost.horizonMonths = max(cost.horizonMonths, breakdown.horizonMonths)
            cost.opsHoursPerMonth += breakdown.opsHoursPerMonth
        }
        cost.engineerShare = cost.opsHoursPerMonth / CostCalculator.engineerHoursPerMonth
        return cost
    }
}
