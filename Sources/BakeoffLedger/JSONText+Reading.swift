/// Reading back the compact JSON the ledger writes in its `packages` and `metrics` columns.
///
/// Foundation's `JSONDecoder` goes through `Codable` and a value tree per cell: on the bundled evidence (150
/// package lists, 1,532 metric objects) it was four fifths of the time `score` spent reading the ledger. This
/// reader walks the UTF-8 bytes once. It accepts exactly RFC 8259 JSON (any valid text, not only the ledger's
/// own), so a cell written by an older Bakeoff reads the same.
extension JSONText {
    /// The value of `text`, or `JSONTextError.malformed` with the byte offset where reading stopped.
    static func parse(_ text: String) throws -> JSONText {
        var text = text
        return try text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            reader.skipSpace()
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.at == bytes.count else { throw reader.failure("text after the value") }
            return value
        }
    }

    /// `["a", "b"]` as strings, or nil for any other shape.
    var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { return nil }
            result.append(s)
        }
        return result
    }

    /// `{"a": 1.5}` as numbers, or nil for any other shape.
    var numbers: [String: Double]? {
        guard case .object(let members) = self else { return nil }
        var result: [String: Double] = [:]
        result.reserveCapacity(members.count)
        for (key, value) in members {
            switch value {
            case .number(let n): result[key] = n
            case .integer(let n): result[key] = Double(n)
            default: return nil
            }
        }
        return result
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        /// Nesting deeper than this is refused rather than recursed into.
        static let maxDepth = 512

        func failure(_ what: String) -> JSONTextError { .malformed("\(what) at byte \(at)") }

        mutating func skipSpace() {
            while at < bytes.count {
                switch bytes[at] {
                case 0x20, 0x09, 0x0A, 0x0D: at += 1
                default: return
                }
            }
        }

        mutating func expect(_ word: StaticString) throws {
            let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard at + w.count <= bytes.count, (0..<w.count).allSatisfy({ bytes[at + $0] == w[$0] }) else {
                throw failure("expected \(word)")
            }
            at += w.count
        }

        mutating func value(depth: Int) throws -> JSONText {
            guard depth < Self.maxDepth else { throw failure("nesting too deep") }
            guard at < bytes.count else { throw failure("unexpected end") }
            switch bytes[at] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                at += 1
                var items: [JSONText] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
                    at += 1
                    return .array(items)
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard at < bytes.count else { throw failure("unclosed array") }
                    let c = bytes[at]
                    at += 1
                    if c == UInt8(ascii: "]") { return .array(items) }
                    guard c == UInt8(ascii: ",") else { throw failure("expected , or ]") }
                }
            case UInt8(ascii: "{"):
                at += 1
                var members: [String: JSONText] = [:]
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
                    at += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw failure("expected :") }
                    at += 1
                    skipSpace()
                    members[key] = try value(depth: depth + 1)
                    skipSpace()
                    guard at < bytes.count else { throw failure("unclosed object") }
                    let c = bytes[at]
                    at += 1
                    if c == UInt8(ascii: "}") { return .object(members) }
                    guard c == UInt8(ascii: ",") else { throw failure("expected , or }") }
                }
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            default: return try number()
            }
        }

        /// A number: integral ones without fraction or exponent that fit stay integers, as the writer wrote them.
        mutating func number() throws -> JSONText {
            let start = at
            var integral = true
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            let digits = at
            while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
            guard at > digits, !(bytes[digits] == 0x30 && at - digits > 1) else { throw failure("malformed number") }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                integral = false
                at += 1
                let fraction = at
                while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
                guard at > fraction else { throw failure("malformed number") }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                integral = false
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                let exponent = at
                while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
                guard at > exponent else { throw failure("malformed number") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            if integral, let n = Int64(text) { return .integer(n) }
            guard let d = Double(text), d.isFinite else { throw failure("number out of range") }
            return .number(d)
        }

        /// A string, escapes decoded; a run without escapes is copied in one piece.
        mutating func string() throws -> String {
            at += 1
            var result = ""
            var run = at
            while at < bytes.count {
                let c = bytes[at]
                if c == UInt8(ascii: "\"") {
                    result += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<at]), as: UTF8.self)
                    at += 1
                    return result
                }
                guard c >= 0x20 else { throw failure("control character in a string") }
                guard c == UInt8(ascii: "\\") else {
                    at += 1
                    continue
                }
                result += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<at]), as: UTF8.self)
                at += 1
                guard at < bytes.count else { break }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "\""): result += "\""
                case UInt8(ascii: "\\"): result += "\\"
                case UInt8(ascii: "/"): result += "/"
                case UInt8(ascii: "b"): result += "\u{08}"
                case UInt8(ascii: "f"): result += "\u{0C}"
                case UInt8(ascii: "n"): result += "\n"
                case UInt8(ascii: "r"): result += "\r"
                case UInt8(ascii: "t"): result += "\t"
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"),
                        bytes[at + 1] == UInt8(ascii: "u")
                    {
                        at += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw failure("unpaired surrogate") }
                    result.unicodeScalars.append(u)
                default: throw failure("unknown escape")
                }
                run = at
            }
            throw failure("unclosed string")
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count else { throw failure("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[at]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: throw failure("bad \\u escape")
                }
                v = v << 4 | UInt32(d)
                at += 1
            }
            return v
        }
    }
}
