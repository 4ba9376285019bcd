import BakeoffModel

/// Turns one indicator's raw values in one stage into 0–10 scores.
///
/// Relative normalizations (min-max, ratio-to-best) take their reference from the tools still in the running
/// (not eliminated by a gate), so a gated-out tool cannot stretch the scale of the others; the reference is
/// then applied to every tool, clamped to 0–10.
/// - min-max: best known value 10, worst 0; a zero range (one value, or all equal) scores every known value 10.
/// - ratio-to-best: value/best (higher) or best/value (lower), × 10, on non-negative values. A best of 0 for
///   lower-is-better scores exactly-0 values 10 and every other value 0 (the limit of best/value); a best of 0
///   for higher-is-better means every value is 0, so all score 10. Negative values are unknown.
/// - map: the listed score of the category, else `default`, else unknown; a list scores its best item.
///   Map scores are already scores, so the direction does not apply.
/// - linear: `worst` scores 0, `best` 10, clamped (the anchors carry the direction).
enum Normalizer {
    static func scores(
        _ values: [RawIndicator], normalization: Normalization, direction: Direction, reference included: [Bool]
    ) -> [Double?] {
        switch normalization {
        case .map(let table, let fallback):
            return values.map { v in
                let mapped = v.categories.compactMap { table[$0] ?? fallback }
                return mapped.max()
            }
        case .linear(let worst, let best):
            return values.map { v in v.number.map { clamp(($0 - worst) / (best - worst) * 10) } }
        case .minMax:
            let known = zip(values, included).compactMap { $1 ? $0.number : nil }
            guard let lo = known.min(), let hi = known.max() else {
                // Nothing in the running has a value: no scale exists, so every value stays unknown.
                return values.map { _ in nil }
            }
            return values.map { v in
                guard let x = v.number else { return nil }
                if hi == lo { return x == hi ? 10 : (direction == .higher ? (x > hi ? 10 : 0) : (x < lo ? 10 : 0)) }
                let t = direction == .higher ? (x - lo) / (hi - lo) : (hi - x) / (hi - lo)
                return clamp(t * 10)
            }
        case .ratioToBest:
            let known = zip(values, included).compactMap { $1 ? $0.number : nil }.filter { $0 >= 0 }
            guard !known.isEmpty else { return values.map { _ in nil } }
            let best = direction == .higher ? known.max()! : known.min()!
            return values.map { v in
                guard let x = v.number, x >= 0 else { return nil }
                if best == 0 { return direction == .higher ? 10 : (x == 0 ? 10 : 0) }
                return clamp(direction == .higher ? x / best * 10 : best / x * 10)
            }
        }
    }

    static func clamp(_ x: Double) -> Double { Swift.min(10, Swift.max(0, x)) }
}
