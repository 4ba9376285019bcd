import Foundation

/// What a step printed: the verdict and metrics of its last stdout line, and the tail of its stderr.
public enum StepOutput {
    /// What a step's last stdout line said.
    public struct Verdict: Equatable, Sendable {
        /// The `ok` field; nil when absent or the line is not a JSON object.
        public var ok: Bool?
        /// Numeric and boolean (1/0) fields but `ok`.
        public var metrics: [String: Double]
        /// The `reason` (or `error`) text.
        public var reason: String?
        /// The `unsupported` text: the tool cannot do this step here, and why.
        public var unsupported: String?
    }

    /// The last non-empty line of `stdout` parsed as a JSON object.
    public static func verdict(stdout: String) -> Verdict {
        guard let line = stdout.split(whereSeparator: \.isNewline).last(where: { !$0.allSatisfy(\.isWhitespace) }),
            line.first(where: { !$0.isWhitespace }) == "{",
            let object = try? JSONDecoder().decode([String: JSONScalar].self, from: Data(line.utf8))
        else { return Verdict(ok: nil, metrics: [:], reason: nil, unsupported: nil) }
        var metrics: [String: Double] = [:]
        var ok: Bool?
        for (key, value) in object {
            switch value {
            case .flag(let b): if key == "ok" { ok = b } else { metrics[key] = b ? 1 : 0 }
            case .number(let n): if key != "ok", n.isFinite { metrics[key] = n }
            case .text, .other: break
            }
        }
        var reason: String?
        if case .text(let text)? = object["reason"] ?? object["error"] { reason = text }
        var unsupported: String?
        if case .text(let text)? = object["unsupported"], !text.isEmpty { unsupported = text }
        return Verdict(ok: ok, metrics: metrics, reason: reason, unsupported: unsupported)
    }

    /// The last `lines` lines of `text`, at most `bytes` bytes (cut at a character boundary).
    public static func tail(_ text: String, lines: Int = 40, bytes: Int = 4096) -> String {
        var kept = text.split(separator: "\n", omittingEmptySubsequences: false)
        if kept.last == "" { kept.removeLast() }
        var result = kept.suffix(lines).joined(separator: "\n")
        while result.utf8.count > bytes { result.removeFirst() }
        return result
    }

    /// The last `limit` bytes of a file as text (invalid UTF-8 replaced), "" when it cannot be read.
    static func readTail(_ path: String, limit: Int = 256 * 1024) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(limit) ? size - UInt64(limit) : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A JSON value seen only as far as metrics need it.
enum JSONScalar: Decodable {
    case flag(Bool)
    case number(Double)
    case text(String)
    case other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .flag(b)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let s = try? container.decode(String.self) {
            self = .text(s)
        } else {
            self = .other
        }
    }
}
