import BakeoffModel

/// Total cost of ownership over the cost model's horizon, for the team's company kind.
///
/// - Licence, from the `pricing.model` fact: `free` costs nothing; `per-seat` costs seats ×
///   `pricing.seat_usd_month` × months (unknown without that price); `free-and-paid` uses the free edition
///   when the tool can be self-hosted (`hosting` self-hosted or both), otherwise the seat price like `per-seat`;
///   `usage` is unknown (no usage estimate exists in the model).
/// - Hosting, from the `hosting` fact: `self-hosted` or `both` adds one server (server USD/month × months) and
///   its operations (hours/month × hourly rate × months); `saas` adds nothing.
/// A missing `pricing.model` or `hosting` fact makes the cost unknown: it is never taken as zero.
struct CostCalculator {
    let model: CostModel
    let company: CompanyKind

    enum Result {
        case known(CostBreakdown, evidence: [EvidenceReference])
        case unknown(String, evidence: [EvidenceReference])
    }

    func breakdown(stage: String, tool: Tool) -> Result {
        var evidence: [EvidenceReference] = [.costModel]
        func cite(_ fact: Fact) { evidence.append(.fact(stage: stage, tool: tool.id, key: fact.key, source: fact.source, asOf: fact.asOf)) }
        guard let inputs = model.inputs[company] else { return .unknown("no cost inputs for \(company.rawValue)", evidence: evidence) }
        let months = model.horizonMonths
        guard let pricing = tool.fact("pricing.model") else { return .unknown("no pricing.model fact", evidence: evidence) }
        cite(pricing)
        guard let hostingFact = tool.fact("hosting") else { return .unknown("no hosting fact", evidence: evidence) }
        cite(hostingFact)
        let hosting = hostingFact.value.description
        let selfHosted = hosting == "self-hosted" || hosting == "both"
        var lines: [CostLine] = []

        let plan = pricing.value.description
        switch plan {
        case "free":
            lines.append(CostLine(item: "licence", formula: "free (pricing.model: free)", amountUSD: 0))
        case "free-and-paid" where selfHosted:
            lines.append(CostLine(item: "licence", formula: "free edition, self-hosted (pricing.model: free-and-paid, hosting: \(hosting))", amountUSD: 0))
        case "per-seat", "free-and-paid":
            guard let priceFact = tool.fact("pricing.seat_usd_month"), let price = priceFact.value.number else {
                return .unknown("\(plan) with no pricing.seat_usd_month fact", evidence: evidence)
            }
            cite(priceFact)
            let amount = Double(inputs.seats) * price * Double(months)
            lines.append(CostLine(
                item: "seats",
                formula: "\(inputs.seats) seats × \(Self.dollars(price))/seat-month × \(months) months", amountUSD: amount))
        default:
            return .unknown("\(plan) pricing has no estimate in the cost model", evidence: evidence)
        }
        if selfHosted {
            lines.append(CostLine(
                item: "server", formula: "\(Self.dollars(inputs.serverMonthlyUSD))/month × \(months) months",
                amountUSD: inputs.serverMonthlyUSD * Double(months)))
            lines.append(CostLine(
                item: "operations",
                formula: "\(Numbers.format(inputs.opsHoursPerMonth)) h/month × \(Self.dollars(inputs.hourlyRateUSD))/h × \(months) months",
                amountUSD: inputs.opsHoursPerMonth * inputs.hourlyRateUSD * Double(months)))
        }
        let total = lines.reduce(0) { $0 + $1.amountUSD }
        return .known(CostBreakdown(horizonMonths: months, lines: lines, totalUSD: total), evidence: evidence)
    }

    /// `$12,345` or `$12.5`: dollars with thousands separators and at most two decimals.
    static func dollars(_ amount: Double) -> String {
        let text = Numbers.format(amount, decimals: 2)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-$" : "$") + grouped
    }
}
