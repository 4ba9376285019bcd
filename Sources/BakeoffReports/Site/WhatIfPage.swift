import BakeoffModel
import BakeoffScoring

extension SiteViews {
    public struct WhatIfOption: Sendable, Encodable {
        public var id: String
        public var title: String
        public var selected: Bool
    }

    public struct WhatIfWeight: Sendable, Encodable {
        /// The criterion's index in the data (the script's key).
        public var index: Int
        public var id: String
        public var anchor: String
        public var title: String
        /// The relative weight, as the profile gives it.
        public var weight: String
        /// The slider's maximum: 100, or the weight when it is larger.
        public var max: String
        /// The normalized share (`42 %`).
        public var share: String
    }

    public struct WhatIfTool: Sendable, Encodable {
        public var name: String
        public var total: String
    }

    public struct WhatIfFlip: Sendable, Encodable {
        public var criterion: String
        public var from: String
        public var to: String
        public var newWinner: String
        public var critical: Bool
    }

    public struct WhatIfStageRow: Sendable, Encodable {
        public var id: String
        public var href: String
        public var title: String
        public var winner: String?
        public var winnerTotal: String
        /// The candidate that could overtake the winner once its unknowns are known (the verdict is
        /// provisional); absent when none could.
        public var challenger: String?
        /// Candidates tied with the winner (totals equal to two decimals), comma-separated; absent when none.
        public var tied: String?
        public var ranking: [WhatIfTool]
        /// Candidates not ranked, with why (`Aim (eliminated: …); …`); absent when every candidate is ranked.
        public var unranked: String?
        public var flips: [WhatIfFlip]
        public var hasFlips: Bool
        public var unknown: String
    }

    public struct WhatIfStackItem: Sendable, Encodable {
        public var id: String
        public var stage: String
        /// The stage's winner; nil when no candidate could be ranked.
        public var tool: String?
        /// The whole-stack choice's tool for the stage, when a stack was chosen.
        public var chosen: String?
    }

    public struct WhatIfPage: Sendable, Encodable {
        public var site: Chrome
        public var pageTitle: String
        public var profiles: [WhatIfOption]
        public var weights: [WhatIfWeight]
        public var command: String
        public var stages: [WhatIfStageRow]
        /// True when a whole-stack choice was made.
        public var hasStack: Bool
        /// The stack page, when the project has one.
        public var stackHref: String?
        /// Per stage: the winner, and the whole-stack choice's tool at the recommendation's weights.
        public var winners: [WhatIfStackItem]
        /// The page's data (`WhatIfData.json()`, script-safe): **HTML** context, for `{{{data}}}`.
        public var data: String
        /// The ranking script: for `{{{ranking}}}`.
        public var ranking: String
        /// The interface script: for `{{{interface}}}`.
        public var interface: String
    }
}

extension SiteModel {
    /// The site's page of movable weights.
    public static let whatIfPage = WhatIfLink.page

    /// The what-if page, rendered at the recommendation's weights (what shows without JavaScript; the script
    /// replaces the tables when the weights move).
    public func whatIfPage() -> SiteViews.WhatIfPage {
        let data = WhatIfData.make(project: project, profiles: profiles, scoreboard: scoreboard, stack: stack.choice)
        let criteria = data.criteria.map(\.id)
        let recommended = data.recommended
        let shares = WhatIfRanking.normalized(recommended.weights)
        let weights = data.criteria.enumerated().map { i, c in
            SiteViews.WhatIfWeight(
                index: i, id: c.id, anchor: Markup.anchor(c.id), title: c.title, weight: Numbers.format(recommended.weights[i]),
                max: Numbers.format(Swift.max(100, recommended.weights[i])), share: Format.percent(shares[i]))
        }
        let titles = Dictionary(data.criteria.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let evaluation = data.profile(recommended.profile).map { data.evaluations[$0.board] } ?? []
        var names: [String: String] = [:]
        let rows = evaluation.map { stage -> SiteViews.WhatIfStageRow in
            let result = WhatIfRanking.rank(stage, criteria: criteria, weights: recommended.weights)
            let tools = stage.candidates.tools + (stage.unmeasured?.tools ?? [])
            func name(_ id: String) -> String { tools.first { $0.id == id }?.name ?? id }
            for tool in tools { names[stage.id + "/" + tool.id] = tool.name }
            let unranked = result.unranked.map { "\(name($0)) (no evidence on a weighted criterion)" }
                + result.excluded.map { "\($0.name) (\($0.why))" }
            let flips = result.flips.compactMap { f -> SiteViews.WhatIfFlip? in
                guard let at = f.flipsAt, let to = f.newWinner else { return nil }
                return .init(
                    criterion: titles[f.criterion] ?? f.criterion, from: Format.percent(f.weight), to: Format.percent(at),
                    newWinner: name(to), critical: f.criterion == result.mostCritical)
            }
            return .init(
                id: stage.id, href: stage.href, title: stage.title, winner: result.winner.map(name),
                winnerTotal: result.winner.flatMap { result.totals[$0] }.map { Numbers.fixed($0, decimals: 2) } ?? "",
                challenger: result.challenger.map(name),
                tied: result.tiedWithWinner.isEmpty ? nil : result.tiedWithWinner.map(name).joined(separator: ", "),
                ranking: result.order.map { .init(name: name($0), total: Numbers.fixed(result.totals[$0]!, decimals: 2)) },
                unranked: unranked.isEmpty ? nil : unranked.joined(separator: "; "),
                flips: flips, hasFlips: !flips.isEmpty,
                unknown: Format.unknown)
        }
        func toolName(_ stage: String, _ tool: String?) -> String? { tool.map { names[stage + "/" + $0] ?? $0 } }
        let winners = recommended.winners.map { p in
            SiteViews.WhatIfStackItem(
                id: p.stage, stage: project.stage(p.stage)?.title ?? p.stage, tool: toolName(p.stage, p.tool),
                chosen: toolName(p.stage, recommended.stack?.first { $0.stage == p.stage }?.tool))
        }
        return .init(
            site: chrome(current: Self.whatIfPage), pageTitle: "What if",
            profiles: data.profiles.map { .init(id: $0.id, title: $0.title, selected: $0.id == recommended.profile) },
            weights: weights, command: Self.scoreCommand(data: data), stages: rows,             hasStack: !(recommended.stack ?? []).isEmpty, stackHref: project.integrations.isEmpty ? nil : Self.stackPage,
            winners: winners, data: data.json(), ranking: WhatIfScript.ranking,
            interface: WhatIfScript.interface)
    }

    /// `bakeoff score` with the options that give the recommendation's weights.
    static func scoreCommand(data: WhatIfData) -> String {
        let r = data.recommended
        var command = "bakeoff score"
        guard let profile = data.profile(r.profile) else { return command }
        command += " --profile " + profile.id
        for (i, c) in data.criteria.enumerated() where r.weights[i] != profile.weights[i] {
            command += " --weight \(c.id)=" + Numbers.format(r.weights[i])
        }
        return command
    }
}
