import BakeoffModel

/// How the site writes numbers and outcomes: fixed formats, and `no evidence yet` instead of a zero.
public enum Format {
    public static let unknown = "no evidence yet"

    /// A 0–10 score with one decimal.
    public static func score(_ value: Double) -> String { Numbers.fixed(value, decimals: 1) }

    /// A 0–10 score, or `unknown`.
    public static func score(_ value: Double?) -> String { value.map { score($0) } ?? unknown }

    /// A 0–1 share as a whole percentage (`83 %`).
    public static func percent(_ value: Double) -> String { Numbers.fixed(value * 100, decimals: 0) + " %" }

    /// A 0–1 share as a percentage, or `unknown`.
    public static func percent(_ value: Double?) -> String { value.map { percent($0) } ?? unknown }

    /// Seconds with three significant-ish decimals (`0.012 s`, `1.23 s`, `61.2 s`).
    public static func seconds(_ value: Double) -> String {
        let decimals = value < 1 ? 3 : (value < 10 ? 2 : 1)
        return Numbers.fixed(value, decimals: decimals) + " s"
    }

    /// US dollars, whole (`$12 960`, thin-spaced thousands for readability without a locale).
    public static func usd(_ value: Double) -> String {
        let rounded = Int64(value.rounded(.toNearestOrAwayFromZero))
        return (rounded < 0 ? "-$" : "$") + count(Int(abs(rounded)))
    }

    /// A whole number with a space between thousands (`100 000`).
    public static func count(_ value: Int) -> String { Prose.grouped(value, separator: " ") }

    /// An outcome in words: `ok`, `failed`, `unsupported: why`, `timeout`, `skipped`, or `not run`.
    public static func statusText(_ status: ObservationStatus?, reason: String?) -> String {
        guard let status else { return "not run" }
        switch status {
        case .ok: return "ok"
        // Reasons recorded before they were scrubbed may name a home folder: not on a public page.
        case .timeout: return "timeout" + (reason.map { ": \(MachinePaths.withoutHomes($0))" } ?? "")
        case .failed, .unsupported, .skipped: return status.rawValue + (reason.map { ": \(MachinePaths.withoutHomes($0))" } ?? "")
        }
    }

    /// An indicator's value as the site shows it: the scorer's text with fact keys made readable, and a count
    /// of bytes in KiB/MiB/GiB (`53.8 MiB (n=2)` for `56455168 bytes (n=2)`).
    public static func indicator(_ display: String, raw: Double?, unit: String?, n: Int?) -> String {
        if unit == "bytes", let raw {
            return Numbers.bytes(Int64(raw.rounded())) + (n.map { " (n=\($0))" } ?? "")
        }
        return FactLabels.readable(display)
    }
}
