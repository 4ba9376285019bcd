import BakeoffModel

/// A JSON document written byte-identically everywhere: object keys sorted (or in the order a format fixes), numbers
/// formatted without the locale.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    /// A count or an index: written without a fraction in either style.
    case integer(Int)
    case string(String)
    case array([JSONValue])
    /// Written with its keys sorted.
    case object([String: JSONValue])
    /// Written with its members in the order given, for a format whose readers expect that order.
    case members([Member])

    /// One member of an ordered object.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// How a document is laid out.
    public enum Style: Sendable {
        /// Two-space indentation, numbers with at most `decimals` decimals, a final newline: files people read
        /// and diff.
        case pretty
        /// No whitespace, numbers at full precision (Swift's shortest text that reads back as the same double,
        /// `8.7`, `10.0`, `1e-05`), no final newline: data a script reads, exactly as it was computed.
        case compact
    }

    /// Numbers keep at most this many decimals in the pretty style (scores and probabilities need no more).
    public static let decimals = 6

    public static func optional(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// An object with its members in this order.
    public static func ordered(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .members(members.map { Member($0.key, $0.value) })
    }

    /// The document in a style: pretty (the default) ends with a newline, compact does not.
    public func rendered(_ style: Style = .pretty) -> String {
        var out = ""
        write(into: &out, indent: style == .pretty ? 0 : nil)
        return style == .pretty ? out + "\n" : out
    }

    /// `indent` nil: compact.
    private func write(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            guard n.isFinite else { out += "null"; return }
            out += indent == nil ? "\(n)" : Numbers.format(n, decimals: Self.decimals)
        case .integer(let n): out += String(n)
        case .string(let s): JSONString.append(s, to: &out)
        case .array(let items):
            Self.write(count: items.count, open: "[", close: "]", into: &out, indent: indent) { i, _ in items[i] }
        case .object(let members):
            let keys = members.keys.sorted()
            Self.write(count: keys.count, open: "{", close: "}", into: &out, indent: indent) { i, out in
                Self.key(keys[i], into: &out, indent: indent)
                return members[keys[i]]!
            }
        case .members(let members):
            Self.write(count: members.count, open: "{", close: "}", into: &out, indent: indent) { i, out in
                Self.key(members[i].key, into: &out, indent: indent)
                return members[i].value
            }
        }
    }

    private static func key(_ key: String, into out: inout String, indent: Int?) {
        JSONString.append(key, to: &out)
        out += indent == nil ? ":" : ": "
    }

    /// The items of an array or the members of an object (`item` writes a member's key and returns its value),
    /// one a line when pretty. Padding is appended in place: a string per value was a measurable part of
    /// writing scores.json.
    private static func write(
        count: Int, open: String, close: String, into out: inout String, indent: Int?,
        item: (Int, inout String) -> JSONValue
    ) {
        func pad(_ depth: Int) { for _ in 0..<depth { out += "  " } }
        if count == 0 { out += open + close; return }
        out += open
        let inner = indent.map { $0 + 1 }
        for i in 0..<count {
            if let indent {
                out += i == 0 ? "\n" : ",\n"
                pad(indent + 1)
            } else if i > 0 {
                out += ","
            }
            item(i, &out).write(into: &out, indent: inner)
        }
        if let indent {
            out += "\n"
            pad(indent)
        }
        out += close
    }
}
