import BakeoffModel

/// Writes `criteria/criteria.yaml` for a project made of some of the catalog's stages: the indicators that can
/// apply to those stages, each narrowed to them; every other top-level section (the cost model...) is kept as
/// the catalog wrote it.
enum CriteriaWriter {
    /// The indicators of `criteria` that can get a value in `stages`, narrowed to them; criteria left with none are
    /// dropped and returned by id.
    static func narrowed(_ criteria: [Criterion], to stages: [Stage]) -> (kept: [Criterion], dropped: [String]) {
        let ids = stages.map(\.id)
        var kept: [Criterion] = []
        var dropped: [String] = []
        for var criterion in criteria {
            criterion.indicators = criterion.indicators.compactMap { indicator in
                var indicator = indicator
                if !indicator.stages.isEmpty {
                    indicator.stages = indicator.stages.filter(ids.contains)
                    if indicator.stages.isEmpty { return nil }
                }
                if case .step(let step, _) = indicator.source {
                    let scope = stages.filter { indicator.applies(to: $0.id) }
                    guard scope.contains(where: { $0.scenario?.steps.contains { $0.id == step } ?? false }) else { return nil }
                }
                return indicator
            }
            if criterion.indicators.isEmpty { dropped.append(criterion.id) } else { kept.append(criterion) }
        }
        return (kept, dropped)
    }

    /// The catalog's criteria.yaml text with its `criteria:` section replaced by `criteria`.
    static func file(replacingCriteriaIn text: String, with criteria: [Criterion], note: String) -> String {
        var sections: [[String]] = [[]]
        for line in text.components(separatedBy: "\n") {
            let top = !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("#") && !line.hasPrefix("-")
            if top { sections.append([]) }
            sections[sections.count - 1].append(line)
        }
        var out: [String] = ["# \(note)"]
        for section in sections {
            if section.first?.hasPrefix("criteria:") == true {
                out += yaml(criteria)
            } else {
                out += section
            }
        }
        return out.joined(separator: "\n")
    }

    static func yaml(_ criteria: [Criterion]) -> [String] {
        var lines = ["criteria:"]
        let q = ProjectScaffold.quote
        for c in criteria {
            lines += ["  - id: \(c.id)", "    title: \(q(c.title))", "    description: \(q(c.description))", "    indicators:"]
            for i in c.indicators {
                lines += [
                    "      - id: \(i.id)", "        title: \(q(i.title))", "        description: \(q(i.description))",
                    "        unit: \(q(i.unit))", "        direction: \(i.direction.rawValue)",
                    "        source: \(source(i.source))", "        normalize: \(normalization(i.normalization))",
                ]
                if !i.stages.isEmpty { lines.append("        stages: [\(i.stages.joined(separator: ", "))]") }
                if i.weight != 1 { lines.append("        weight: \(Numbers.format(i.weight, decimals: 6))") }
            }
        }
        lines.append("")
        return lines
    }

    static func source(_ source: IndicatorSource) -> String {
        switch source {
        case .step(let id, let measure): "{step: \(id), measure: \(measure.name)}"
        case .fact(let key): "{fact: \(key)}"
        case .capability: "capability"
        case .totalCostOfOwnership: "tco"
        case .integrationCount: "integrations"
        }
    }

    static func normalization(_ n: Normalization) -> String {
        let f = { (x: Double) in Numbers.format(x, decimals: 6) }
        switch n {
        case .minMax: return "min-max"
        case .ratioToBest: return "ratio-to-best"
        case .linear(let worst, let best): return "{linear: {worst: \(f(worst)), best: \(f(best))}}"
        case .map(let scores, let fallback):
            let entries = scores.keys.sorted().map { "\(ProjectScaffold.quote($0)): \(f(scores[$0]!))" }.joined(separator: ", ")
            return "{map: {\(entries)}" + (fallback.map { ", default: \(f($0))" } ?? "") + "}"
        }
    }
}
