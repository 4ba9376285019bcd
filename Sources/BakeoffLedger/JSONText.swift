import BakeoffModel
/// A JSON value written the same way on every machine: keys in UTF-8 byte order, numbers in Swift's
/// shortest round-trip form, two-space indentation.
///
/// Foundation's `JSONEncoder` changed its number formatting between releases; run files are committed and
/// merged through git, so the bytes are ours to fix.
enum JSONText {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONText])
    case object([String: JSONText])

    /// A number, or `null` for nil.
    static func number(_ value: Double?) -> JSONText { value.map { .number($0) } ?? .null }
    static func integer(_ value: Int64?) -> JSONText { value.map { .integer($0) } ?? .null }
    static func string(_ value: String?) -> JSONText { value.map { .string($0) } ?? .null }

    /// Indented text, ending with a newline.
    func pretty() throws -> String {
        var out = ""
        try write(to: &out, indent: "", pretty: true)
        out += "\n"
        return out
    }

    /// One line, no spaces.
    func compact() throws -> String {
        var out = ""
        try write(to: &out, indent: "", pretty: false)
        return out
    }

    private func write(to out: inout String, indent: String, pretty: Bool) throws {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value):
            guard value.isFinite else { throw JSONTextError.nonFinite(value) }
            // -0.0 and 0.0 compare equal; write one form so equal runs give equal bytes.
            out += value == 0 ? "0.0" : value.description
        case .string(let value): JSONString.append(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + inner }
                try item.write(to: &out, indent: inner, pretty: pretty)
            }
            if pretty { out += "\n" + indent }
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + inner }
                JSONString.append(key, to: &out)
                out += pretty ? ": " : ":"
                try members[key]!.write(to: &out, indent: inner, pretty: pretty)
            }
            if pretty { out += "\n" + indent }
            out += "}"
        }
    }
}

enum JSONTextError: Error, CustomStringConvertible {
    case nonFinite(Double)
    case malformed(String)

    var description: String {
        switch self {
        case .nonFinite(let value): return "\(value) cannot be written as JSON, which has no NaN or infinity"
        case .malformed(let what): return "is not JSON: \(what)"
        }
    }
}
