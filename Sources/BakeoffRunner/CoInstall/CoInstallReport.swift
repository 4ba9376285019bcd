import BakeoffModel

/// A co-install check in words, for a terminal (`bakeoff stack check`).
public enum CoInstallReport {
    /// The readable report: verdict, conflicts, joint environment, and the tools outside it.
    public static func render(_ check: CoInstallCheck) -> String {
        var lines: [String] = []
        lines.append("stack: " + check.tools.map { "\($0.id) (\($0.stage))" }.joined(separator: ", "))
        let python = check.tools.filter { $0.environment == .python }
        if let version = check.python, let uv = check.uv {
            lines.append(
                "checked together in one environment: \(python.map(\.id).joined(separator: ", "))"
                    + " — Python \(version), uv \(uv), \(check.checkedOn)")
        }
        if python.isEmpty {
            lines.append("result: nothing to resolve (no tool of this stack installs from Python requirements)")
        } else if check.resolves {
            lines.append("result: resolves — the Python tools install together in one environment")
        } else {
            let count = check.conflicts.count
            lines.append(
                "result: does not resolve"
                    + (count > 0 ? " — \(count) conflict\(count == 1 ? "" : "s")" : " (see uv's explanation)"))
        }
        if !check.conflicts.isEmpty {
            lines.append("conflicts:")
            for conflict in check.conflicts { lines.append("  " + conflict.summary) }
        }
        if let explanation = check.explanation {
            lines.append("uv's explanation:")
            lines += explanation.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if check.resolves, !python.isEmpty {
            let size = check.sizeBytes.map { Numbers.bytes($0) } ?? "size not measured (pass --size)"
            lines.append("joint environment: \(check.distributions) distributions, \(size)")
        }
        if let pairs = check.pairs {
            let failing = pairs.filter { !$0.resolves }
            let verdict =
                failing.isEmpty
                ? "every pair resolves" : "\(failing.count) do\(failing.count == 1 ? "es" : "") not resolve:"
            lines.append("pairs: \(pairs.count) checked, \(verdict)")
            for pair in failing {
                let conflicts = pair.conflicts.map(\.summary).joined(separator: " | ")
                lines.append("  \(pair.tools.joined(separator: " + ")): \(conflicts.isEmpty ? "see uv" : conflicts)")
            }
        }
        let debian = check.tools.filter { $0.environment == .debian }
        if !debian.isEmpty {
            lines.append(
                "outside the Python environment (Debian packages): "
                    + debian.map { "\($0.id) (\(($0.debianPackages ?? []).joined(separator: ", ")))" }
                    .joined(separator: "; "))
        }
        let missing = check.tools.filter { $0.environment == .none }
        if !missing.isEmpty {
            lines.append(
                "not checked (no adapter yet): " + missing.map(\.id).joined(separator: ", ")
                    + " — add stages/<stage>/adapters/<tool>/ to include them")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
