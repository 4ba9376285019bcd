import BakeoffModel
import Foundation

/// The end-of-run table: per tool and step, the wall-time spread of the ok observations and the statuses.
public enum RunSummary {
    public static func lines(_ observations: [Observation]) -> [String] {
        var keys: [String] = []
        var groups: [String: [Observation]] = [:]
        for o in observations {
            let key = "\(o.stage)\u{0}\(o.tool)\u{0}\(o.step)"
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(o)
        }
        var rows: [[String]] = [["stage", "tool", "step", "median", "min–max", "MAD", "n", "cold", "note"]]
        for key in keys {
            let group = groups[key]!
            let first = group[0]
            let ok = group.filter { $0.status == .ok }.compactMap { o in o.wallSeconds.map { (o.repetition, $0) } }
            let statuses = Dictionary(grouping: group.filter { $0.status != .ok }, by: \.status)
                .map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
            guard let s = RepetitionSpread.of(ok) else {
                rows.append([first.stage, first.tool, first.step, "–", "–", "–", "0", "–", statuses.joined(separator: ", ")])
                continue
            }
            var note = statuses
            if s.isWide { note.insert("wide spread", at: 0) }
            rows.append([
                first.stage, first.tool, first.step, seconds(s.median), "\(seconds(s.min))–\(seconds(s.max))",
                seconds(s.mad), String(s.n), s.cold.map(seconds) ?? "–", note.joined(separator: ", "),
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = Swift.max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
    }

    /// How many observations ended in each status, in a fixed order, zero counts left out:
    /// `8 observations: 5 ok, 1 failed, 2 unsupported`.
    public static func counts(_ observations: [Observation]) -> String {
        let parts = ObservationStatus.allCases.compactMap { status -> String? in
            let n = observations.filter { $0.status == status }.count
            return n == 0 ? nil : "\(n) \(status.rawValue)"
        }
        return "\(observations.count) observations" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    /// The observations that make a run fail for CI: a step that failed or ran out of time. A step a tool
    /// cannot do (unsupported) is a finding, not a failure; a skipped step follows a failure already counted.
    public static func failures(_ observations: [Observation]) -> Int {
        observations.filter { $0.status == .failed || $0.status == .timeout }.count
    }

    static func seconds(_ value: Double) -> String {
        if value < 0.001 { return String(format: "%.0f µs", value * 1e6) }
        if value < 1 { return String(format: "%.1f ms", value * 1e3) }
        return String(format: "%.2f s", value)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
