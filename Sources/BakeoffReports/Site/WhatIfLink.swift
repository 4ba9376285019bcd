import BakeoffModel
import BakeoffScoring

/// Links that open the what-if page on given weights (`whatif.html#cost=50&…`): for posts, slides and the Q&A
/// notes. The page reads the fragment on load: `profile=ID` picks the profile (default: the recommendation's),
/// each `CRITERION=NUMBER` replaces that criterion's relative weight, as `bakeoff score --weight` does.
public enum WhatIfLink {
    /// The page's file, relative to the site folder (from reports/slides/, it is `../site/whatif.html`).
    public static let page = "whatif.html"

    /// The page opened on these relative weights (criteria not named keep the profile's), sorted by criterion.
    public static func url(weights: [String: Double], profile: String? = nil) -> String {
        var parts: [String] = []
        if let profile { parts.append("profile=" + encode(profile)) }
        for key in weights.keys.sorted() { parts.append(encode(key) + "=" + Numbers.format(weights[key]!, decimals: 3)) }
        return parts.isEmpty ? page : page + "#" + parts.joined(separator: "&")
    }

    /// The weights (percent, one decimal, every criterion) just past a stage's flip point: the criterion moved
    /// to the flip point and a little beyond, the others rescaled in proportion. The smallest step past it whose
    /// rounded weights really make `flip.newWinner` win by the page's rules (`WhatIfRanking`, so also when the
    /// move lets a never-run tool in or out) is taken; nil when there is no flip point or no such step.
    public static func flipWeights(stage: WhatIfData.Stage, criteria: [String], weights relative: [Double], flip: FlipPoint)
        -> [String: Double]?
    {
        let w = WhatIfRanking.normalized(relative)
        guard let at = flip.flipsAt, let newWinner = flip.newWinner, let c = criteria.firstIndex(of: flip.criterion) else {
            return nil
        }
        let direction: Double = at >= w[c] ? 1 : -1
        for step in stepsPast {
            let x = min(1, max(0, at + direction * step))
            let rounded = lineWeights(w, criterion: c, at: x).map { ($0 * 1000).rounded(.toNearestOrAwayFromZero) / 10 }
            guard rounded.contains(where: { $0 > 0 }) else { continue }
            let shares = WhatIfRanking.normalized(rounded)
            let now = stage.candidates(for: shares)
            if WhatIfRanking.ranking(now.scores, now, criteria: criteria, w: shares).order.first == newWinner {
                return Dictionary(uniqueKeysWithValues: zip(criteria, rounded))
            }
        }
        return nil
    }

    /// The link that opens the page just past one of a stage's flip points at the recommendation's weights (see
    /// `flipWeights`), or nil: for the deck's backup slides and the Q&A notes, with the flip points of the
    /// scoreboard the site was built from (`StageScorecard.sensitivity.flipPoints`).
    public static func flipURL(data: WhatIfData, stage id: String, flip: FlipPoint) -> String? {
        let r = data.recommended
        guard let profile = data.profile(r.profile), let stage = data.evaluations[profile.board].first(where: { $0.id == id }),
            let weights = flipWeights(stage: stage, criteria: data.criteria.map(\.id), weights: r.weights, flip: flip)
        else { return nil }
        return url(weights: weights)
    }

    /// How far past a flip point (in weight share) the link may go to land on a weighting that flips once
    /// rounded to 0.1 %; the page's script (`BakeoffWhatIf.flipWeights`) tries the same steps.
    static let stepsPast = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05]

    /// The normalized weights with criterion `c` at `x` and the others rescaled proportionally (shared equally
    /// when every other weight is 0): the scorer's weight line.
    static func lineWeights(_ w: [Double], criterion c: Int, at x: Double) -> [Double] {
        let rest = 1 - w[c]
        return w.indices.map { j in
            if j == c { return x }
            let share = rest > 1e-12 ? w[j] / rest : 1 / Double(w.count - 1)
            return max(0, share - share * x)
        }
    }

    /// Percent-encodes all but the characters ids may hold.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-_.~".contains(c)) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
