import BakeoffModel

/// Total cost of ownership over the cost model's horizon, for the team's company kind, following how the team
/// would deploy the tool (`Deployment`: the candidate's `deployment` in stage.yaml, else derived from its
/// sourced `hosting` fact).
///
/// - library or command-line tool: the licence only; it runs in the team's code or CI, so no server and no
///   operations hours.
/// - self-hosted service: the licence of the self-hosted edition (free, or `pricing.self_hosted_usd_year`; a
///   `pricing.self_hosted: paid` edition without a price is unknown), one server (server USD/month × months)
///   and its operations (hours/month × hourly rate × months; the candidate may state its own hours).
/// - SaaS: seats × `pricing.seat_usd_month` × months (a sourced fact, or the team's assumption in bakeoff.yaml
///   `assumptions.seat_usd_month`, labelled as such); free when `pricing.model` is free; unknown otherwise.
/// A missing fact the plan needs makes the cost unknown: it is never taken as zero.
struct CostCalculator {
    let model: CostModel
    let company: CompanyKind
    /// Tool id → the team's assumed seat price per month (bakeoff.yaml).
    var assumedSeatPrices: [String: Double] = [:]

    /// Hours a month of one full-time engineer: what an ops load is compared with.
    static let engineerHoursPerMonth = 160.0

    enum Result {
        case known(CostBreakdown, evidence: [EvidenceReference])
        case unknown(String, evidence: [EvidenceReference])
    }

    func breakdown(stage: String, tool: Tool) -> Result {
        var evidence: [EvidenceReference] = [.costModel]
        func cite(_ fact: Fact) { evidence.append(.fact(stage: stage, tool: tool.id, key: fact.key, source: fact.source, asOf: fact.asOf)) }
        guard let inputs = model.inputs[company] else { return .unknown("no cost inputs for \(company.rawValue)", evidence: evidence) }
        let months = model.horizonMonths
        let hostingFact = tool.fact("hosting")
        if let hostingFact, tool.deployment == nil { cite(hostingFact) }
        guard let deployment = tool.deployment ?? Deployment.derived(hosting: hostingFact?.value.description) else {
            return .unknown("no deployment plan and no hosting fact", evidence: evidence)
        }
        let planned = tool.deployment != nil ? " (team plan: \(deployment.label))" : " (hosting: \(hostingFact?.value.description ?? "?"))"
        var lines: [CostLine] = []
        var opsHours = 0.0
        let pricing = tool.fact("pricing.model")
        if let pricing { cite(pricing) }
        let plan = pricing?.value.description

        switch deployment.kind {
        case .library, .cli:
            guard let plan else { return .unknown("no pricing.model fact", evidence: evidence) }
            guard plan == "free" || plan == "free-and-paid" else {
                return .unknown("a \(plan) \(deployment.label) has no estimate in the cost model", evidence: evidence)
            }
            lines.append(CostLine(item: "licence", formula: "free (pricing.model: \(plan))", amountUSD: 0))
            lines.append(CostLine(item: "hosting", formula: "none: a \(deployment.label) runs in the team's code or CI\(planned)", amountUSD: 0))
        case .service:
            if let paid = tool.fact("pricing.self_hosted_usd_year"), let price = paid.value.number {
                cite(paid)
                lines.append(CostLine(
                    item: "licence", formula: "self-hosted edition \(Numbers.dollars(price))/year × \(Numbers.format(Double(months) / 12)) years",
                    amountUSD: price * Double(months) / 12))
            } else if let paid = tool.fact("pricing.self_hosted"), paid.value.description == "paid" {
                cite(paid)
                return .unknown("the self-hosted edition needs a paid licence with no sourced price", evidence: evidence)
            } else {
                guard let plan else { return .unknown("no pricing.model fact", evidence: evidence) }
                guard plan == "free" || plan == "free-and-paid" else {
                    return .unknown("\(plan) pricing has no estimate for a self-hosted service", evidence: evidence)
                }
                lines.append(CostLine(item: "licence", formula: "free edition, self-hosted (pricing.model: \(plan))", amountUSD: 0))
            }
            opsHours = deployment.opsHoursPerMonth ?? inputs.opsHoursPerMonth
            let source = deployment.opsHoursPerMonth != nil ? "team assumption for this tool" : "company default"
            lines.append(CostLine(
                item: "server", formula: "\(Numbers.dollars(inputs.serverMonthlyUSD))/month × \(months) months\(planned)",
                amountUSD: inputs.serverMonthlyUSD * Double(months)))
            lines.append(CostLine(
                item: "operations",
                formula: "\(Numbers.format(opsHours)) h/month (\(source)) × \(Numbers.dollars(inputs.hourlyRateUSD))/h × \(months) months",
                amountUSD: opsHours * inputs.hourlyRateUSD * Double(months)))
        case .saas:
            if plan == "free" {
                lines.append(CostLine(item: "licence", formula: "free (pricing.model: free)\(planned)", amountUSD: 0))
            } else if let priceFact = tool.fact("pricing.seat_usd_month"), let price = priceFact.value.number {
                cite(priceFact)
                lines.append(CostLine(
                    item: "seats", formula: "\(inputs.seats) seats × \(Numbers.dollars(price))/seat-month × \(months) months",
                    amountUSD: Double(inputs.seats) * price * Double(months)))
            } else if let price = assumedSeatPrices[tool.id] {
                lines.append(CostLine(
                    item: "seats",
                    formula: "\(inputs.seats) seats × \(Numbers.dollars(price))/seat-month (team assumption) × \(months) months",
                    amountUSD: Double(inputs.seats) * price * Double(months)))
            } else {
                return .unknown("a SaaS with no pricing.seat_usd_month fact and no team assumption", evidence: evidence)
            }
        }
        let total = lines.reduce(0) { $0 + $1.amountUSD }
        var breakdown = CostBreakdown(horizonMonths: months, lines: lines, totalUSD: total)
        breakdown.deployment = deployment.label
        breakdown.opsHoursPerMonth = opsHours
        breakdown.engineerShare = opsHours / Self.engineerHoursPerMonth
        return .known(breakdown, evidence: evidence)
    }
}
