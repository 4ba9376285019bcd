import BakeoffModel

/// Reads `criteria/criteria.yaml` and `criteria/profiles/*.yaml`.
struct CriteriaLoader {
    let files: ProjectFiles
    let stages: [Stage]

    static let path = "criteria/criteria.yaml"

    func load() -> (criteria: [Criterion], costModel: CostModel?) {
        guard let root = files.yaml(Self.path),
            let map = root.mapping(required: ["criteria", "cost_model"])
        else { return ([], nil) }
        var criteria: [Criterion] = []
        var criterionIDs = IdentifierRegistry(what: "criterion")
        var indicatorIDs = IdentifierRegistry(what: "indicator")
        for item in map["criteria"]?.sequence() ?? [] {
            guard
                let m = item.mapping(
                    required: ["id", "title", "description", "indicators"])
            else { continue }
            let id = m["id"]?.string()
            let title = m["title"]?.string()
            let description = m["description"]?.string()
            var indicators: [Indicator] = []
            for entry in m["indicators"]?.sequence() ?? [] {
                if let indicator = readIndicator(entry), indicatorIDs.register(indicator.id, at: entry) {
                    indicators.append(indicator)
                }
            }
            guard let id, criterionIDs.register(id, at: m["id"]!), let title, let description else { continue }
            if case .sequence(let list) = m["indicators"]!.node, list.isEmpty {
                m["indicators"]!.error("a criterion needs at least one indicator", hint: "add one under indicators:, or remove the criterion")
            }
            criteria.append(Criterion(id: id, title: title, description: description, indicators: indicators))
        }
        let costModel = map["cost_model"].flatMap(readCostModel)
        return (criteria, costModel)
    }

    private func readIndicator(_ value: YAMLValue) -> Indicator? {
        guard
            let m = value.mapping(
                required: ["id", "title", "description", "unit", "direction", "source", "normalize"],
                optional: ["stages", "weight"])
        else { return nil }
        let id = m["id"]?.string()
        let title = m["title"]?.string()
        let description = m["description"]?.string()
        let unit = m["unit"]?.string()
        let direction = m["direction"]?.oneOf([("higher", Direction.higher), ("lower", .lower)], what: "direction")
        let stageIDs = m["stages"].flatMap { list -> [String]? in
            guard let ids = list.stringList() else { return nil }
            let known = stages.map(\.id)
            for (index, id) in ids.enumerated() where !known.contains(id) {
                list.sequence()?[index].error(
                    "unknown stage '\(id)'", hint: Spelling.hint(for: id, among: known, what: "stage"))
            }
            return ids
        } ?? []
        let source = m["source"].flatMap { readSource($0, stages: stageIDs) }
        let normalization = m["normalize"].flatMap(readNormalization)
        let weight = m["weight"]?.nonNegativeDouble() ?? 1
        guard let id, let title, let description, let unit, let direction, let source, let normalization else {
            return nil
        }
        return Indicator(
            id: id, title: title, description: description, unit: unit, direction: direction, source: source,
            normalization: normalization, stages: stageIDs, weight: weight)
    }

    private func readSource(_ value: YAMLValue, stages stageIDs: [String]) -> IndicatorSource? {
        if case .scalar = value.node {
            return value.oneOf(
                [("capability", IndicatorSource.capability), ("tco", .totalCostOfOwnership),
                 ("integrations", .integrationCount)], what: "indicator source")
        }
        guard let entries = value.entries() else { return nil }
        if entries.contains(where: { $0.key.text == "fact" }) {
            guard let m = value.mapping(required: ["fact"]), let key = m["fact"]?.string() else { return nil }
            return .fact(key: key)
        }
        guard let m = value.mapping(required: ["step", "measure"]),
            let step = m["step"]?.string(), let measureName = m["measure"]?.string()
        else { return nil }
        guard let measure = Measure(name: measureName) else {
            m["measure"]!.error(
                "unknown measure '\(measureName)'",
                hint: Spelling.hint(for: measureName, among: ["wall", "cpu", "memory", "metric.NAME"], what: "measure"))
            return nil
        }
        // An unknown stage in `stages` is reported on its own; checking the step too would only cascade.
        if stageIDs.contains(where: { id in !stages.contains { $0.id == id } }) { return .step(id: step, measure: measure) }
        let scope = stages.filter { stageIDs.isEmpty || stageIDs.contains($0.id) }
        let known = Set(scope.flatMap { $0.scenario?.steps.map(\.id) ?? [] })
        if !known.contains(step) {
            m["step"]!.error("no scenario has a step '\(step)'", hint: Spelling.hint(for: step, among: known.sorted(), what: "step"))
            return nil
        }
        return .step(id: step, measure: measure)
    }

    private func readNormalization(_ value: YAMLValue) -> Normalization? {
        if case .scalar = value.node {
            return value.oneOf([("min-max", Normalization.minMax), ("ratio-to-best", .ratioToBest)], what: "normalization")
        }
        guard let entries = value.entries() else { return nil }
        if entries.contains(where: { $0.key.text == "linear" }) {
            guard let m = value.mapping(required: ["linear"]),
                let l = m["linear"]?.mapping(required: ["worst", "best"]),
                let worst = l["worst"]?.double(), let best = l["best"]?.double()
            else { return nil }
            if worst == best { l.owner.error("worst and best must differ", hint: "give the value that scores 0 as worst and the one that scores 10 as best") }
            return worst == best ? nil : .linear(worst: worst, best: best)
        }
        guard let m = value.mapping(required: ["map"], optional: ["default"]), let map = m["map"]?.entries() else {
            return nil
        }
        var scores: [String: Double] = [:]
        for (key, score) in map {
            guard let s = score.double() else { continue }
            if !(0...10).contains(s) { score.error("a mapped score must lie between 0 and 10", hint: "write a score from 0 to 10") }
            scores[key.text] = s
        }
        let fallback = m["default"]?.double()
        return .map(scores, default: fallback)
    }

    private func readCostModel(_ value: YAMLValue) -> CostModel? {
        guard let m = value.mapping(required: ["horizon_months", "basis", "company"]) else { return nil }
        let horizon = m["horizon_months"]?.int(min: 1)
        let basis = m["basis"]?.string()
        var inputs: [CompanyKind: CostInputs] = [:]
        if let entries = m["company"]?.entries() {
            for (key, entry) in entries {
                guard let kind = CompanyKind(rawValue: key.text) else {
                    key.error(
                        "unknown company kind '\(key.text)'",
                        hint: Spelling.hint(for: key.text, among: CompanyKind.allCases.map(\.rawValue), what: "company kind"))
                    continue
                }
                guard
                    let c = entry.mapping(required: [
                        "seats", "hourly_rate_usd", "server_monthly_usd", "ops_hours_per_month",
                    ]),
                    let seats = c["seats"]?.int(min: 1), let rate = c["hourly_rate_usd"]?.nonNegativeDouble(),
                    let server = c["server_monthly_usd"]?.nonNegativeDouble(),
                    let ops = c["ops_hours_per_month"]?.nonNegativeDouble()
                else { continue }
                inputs[kind] = CostInputs(seats: seats, hourlyRateUSD: rate, serverMonthlyUSD: server, opsHoursPerMonth: ops)
            }
            for kind in CompanyKind.allCases where inputs[kind] == nil && !entries.contains(where: { $0.key.text == kind.rawValue }) {
                m["company"]!.error("no cost inputs for company kind '\(kind.rawValue)'", hint: "add '\(kind.rawValue):' with seats, hourly_rate_usd, server_monthly_usd, ops_hours_per_month")
            }
        }
        guard let horizon, let basis else { return nil }
        return CostModel(horizonMonths: horizon, inputs: inputs, basis: basis)
    }

    // MARK: profiles

    /// The profiles, and where each weight was written (profile → criterion → its value), for later warnings.
    func loadProfiles(criteria: [Criterion]) -> (profiles: [Profile], weights: [String: [String: YAMLValue]]) {
        let folder = "criteria/profiles"
        var result: [Profile] = []
        var positions: [String: [String: YAMLValue]] = [:]
        for name in files.files(folder, extension: "yaml") {
            let id = String(name.dropLast(5))
            let path = "\(folder)/\(name)"
            guard Identifier.isValid(id) else {
                files.report(file: path, "'\(id)' is not a valid profile name", hint: "name the file with lower-case letters, digits and '-'")
                continue
            }
            guard let root = files.yaml(path),
                let m = root.mapping(required: ["title", "description", "weights"], optional: ["gates"])
            else { continue }
            let title = m["title"]?.string()
            let description = m["description"]?.string()
            var weights: [String: Double] = [:]
            var rationale: [String: String] = [:]
            let known = criteria.map(\.id)
            if let entries = m["weights"]?.entries() {
                for (key, entry) in entries {
                    guard known.contains(key.text) else {
                        key.error("unknown criterion '\(key.text)'", hint: Spelling.hint(for: key.text, among: known, what: "criterion"))
                        continue
                    }
                    guard let w = entry.mapping(required: ["weight", "why"]) else { continue }
                    positions[id, default: [:]][key.text] = w["weight"]
                    if let weight = w["weight"]?.nonNegativeDouble() { weights[key.text] = weight }
                    if let why = w["why"]?.string() { rationale[key.text] = why }
                }
                // A criterion the profile leaves out weighs 0: a project picks its own set of criteria.
                if entries.count == weights.count, weights.values.allSatisfy({ $0 == 0 }) {
                    m["weights"]!.error("all weights are zero", hint: "give at least one criterion a weight above 0")
                }
            }
            var gates: [Gate] = []
            for item in m["gates"]?.sequence() ?? [] {
                // A step gate: `{step: register, why: ...}` — the candidate must have done that scenario step.
                if let g = item.mapping(optional: ["step", "fact", "allowed", "why"]), let stepValue = g["step"] {
                    guard let step = stepValue.string(), let why = g["why"]?.string() else {
                        if g["why"] == nil { item.error("a step gate needs 'why'", hint: "say why the step is a must-have") }
                        continue
                    }
                    gates.append(Gate(fact: "", allowed: [], reason: why, step: step))
                    continue
                }
                guard let g = item.mapping(required: ["fact", "allowed", "why"]),
                    let fact = g["fact"]?.string(), let allowed = g["allowed"]?.stringList(), let why = g["why"]?.string()
                else { continue }
                gates.append(Gate(fact: fact, allowed: allowed, reason: why))
            }
            guard let title, let description else { continue }
            result.append(
                Profile(id: id, title: title, description: description, weights: weights, rationale: rationale, gates: gates))
        }
        if result.isEmpty, files.isFolder(folder) || files.exists(Self.path) {
            files.report(file: folder, "no weight profile is defined", hint: "add at least criteria/profiles/startup.yaml")
        }
        return (result, positions)
    }

    /// Warns, at its weight in the active profile, about a weighted criterion none of whose indicators can get a
    /// value in the stages the team assesses: its weight would otherwise be spread over the others without a word.
    func reportCriteriaWithoutEvidence(
        team: Team, criteria: [Criterion], profiles: [Profile], weights: [String: [String: YAMLValue]]
    ) {
        let assessed = stages.filter { team.assignment(for: $0.id) != nil }
        guard let profile = profiles.first(where: { $0.id == team.profile }), let positions = weights[profile.id] else { return }
        for criterion in criteria {
            guard let value = positions[criterion.id], (profile.weights[criterion.id] ?? 0) > 0 else { continue }
            let reasons = criterion.indicators.map { Self.whyNoEvidence($0, assessed: assessed, team: team) }
            guard !reasons.isEmpty, reasons.allSatisfy({ $0 != nil }) else { continue }
            value.warning(
                "criterion '\(criterion.id)' can get no evidence in this project (" + reasons.compactMap { $0 }.joined(separator: "; ")
                    + "); its weight would fall on the other criteria",
                hint: "give it weight 0, or add an indicator this project can measure")
        }
    }

    /// Why an indicator can have no value in any assessed stage, or nil when it can.
    static func whyNoEvidence(_ indicator: Indicator, assessed: [Stage], team: Team) -> String? {
        let scope = assessed.filter { indicator.applies(to: $0.id) }
        if scope.isEmpty { return "\(indicator.id): none of its stages is assessed" }
        switch indicator.source {
        case .step(let step, _):
            return scope.contains { $0.scenario?.steps.contains { $0.id == step } ?? false }
                ? nil : "\(indicator.id): no assessed stage has a step '\(step)'"
        case .capability:
            return scope.contains { !($0.scenario?.steps.isEmpty ?? true) } ? nil : "\(indicator.id): no assessed stage has a scenario"
        case .integrationCount:
            return assessed.count >= 2 ? nil : "\(indicator.id): it counts tools of other stages, and only one stage is assessed"
        case .fact(let key):
            return scope.contains { $0.candidates.contains { $0.fact(key) != nil } }
                ? nil : "\(indicator.id): no assessed candidate has a '\(key)' fact"
        case .totalCostOfOwnership:
            return nil
        }
    }
}
