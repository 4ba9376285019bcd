import BakeoffModel

extension WhatIfData {
    /// Compact JSON, safe inside `<script type="application/json">`: numbers at full precision (the shortest
    /// text that reads back as the same double, so the browser ranks the very numbers Swift ranked), and `<`,
    /// `>`, `&`, U+2028 and U+2029 written as `\uXXXX` so no text (`</script>`, `<!--`) can end the element.
    public func json() -> String {
        var out = "{"
        key("format", &out)
        JSONString.append("bakeoff-whatif", to: &out)
        out += ","
        key("version", &out)
        out += String(Self.version) + ","
        key("criteria", &out)
        list(criteria, &out) { c, out in Self.object(["id": c.id, "title": c.title], &out) }
        out += ","
        key("recommended", &out)
        out += "{"
        Self.field("profile", recommended.profile, &out)
        out += ","
        key("weights", &out)
        numbers(recommended.weights, &out)
        out += ","
        key("winners", &out)
        picks(recommended.winners, &out)
        out += ","
        key("stack", &out)
        if let stack = recommended.stack { picks(stack, &out) } else { out += "null" }
        out += "},"
        key("profiles", &out)
        list(profiles, &out) { p, out in
            out += "{"
            Self.field("id", p.id, &out)
            out += ","
            Self.field("title", p.title, &out)
            out += ","
            Self.key("weights", &out)
            Self.numbers(p.weights, &out)
            out += ",\"evaluation\":\(p.evaluation)}"
        }
        out += ","
        key("evaluations", &out)
        list(evaluations, &out) { stages, out in
            Self.list(stages, &out) { s, out in Self.stage(s, &out) }
        }
        out += "}"
        return Self.scriptSafe(out)
    }

    static func stage(_ s: Stage, _ out: inout String) {
        out += "{"
        field("id", s.id, &out)
        out += ","
        field("title", s.title, &out)
        out += ","
        field("href", s.href, &out)
        out += ","
        key("measured", &out)
        list(s.measured, &out) { j, out in out += String(j) }
        out += ","
        candidates(s.candidates, &out)
        if let unmeasured = s.unmeasured {
            out += ","
            key("unmeasured", &out)
            out += "{"
            candidates(unmeasured, &out)
            out += "}"
        }
        out += "}"
    }

    /// The candidates' fields (`tools`, `scores`, `upper`, `eligible`, `excluded`), without braces.
    static func candidates(_ c: Candidates, _ out: inout String) {
        key("tools", &out)
        list(c.tools, &out) { t, out in object(["id": t.id, "name": t.name], &out) }
        for (name, matrix) in [("scores", c.scores), ("upper", c.upper)] {
            guard let matrix else { continue }
            out += ","
            key(name, &out)
            list(matrix, &out) { row, out in
                list(row, &out) { v, out in out += v.map(number) ?? "null" }
            }
        }
        if let eligible = c.eligible {
            out += ","
            key("eligible", &out)
            list(eligible, &out) { e, out in out += e ? "true" : "false" }
        }
        out += ","
        key("excluded", &out)
        list(c.excluded, &out) { e, out in object(["id": e.id, "name": e.name, "why": e.why], &out) }
    }

    /// Swift's shortest round-trip text of a double (`8.7`, `10.0`, `1e-05`): valid JSON, read back exactly.
    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }

    static func key(_ name: String, _ out: inout String) {
        JSONString.append(name, to: &out)
        out += ":"
    }

    static func field(_ name: String, _ value: String, _ out: inout String) {
        key(name, &out)
        JSONString.append(value, to: &out)
    }

    /// An object of string fields, in the order given.
    static func object(_ fields: KeyValuePairs<String, String>, _ out: inout String) {
        out += "{"
        for (i, (name, value)) in fields.enumerated() {
            if i > 0 { out += "," }
            field(name, value, &out)
        }
        out += "}"
    }

    static func numbers(_ values: [Double], _ out: inout String) {
        list(values, &out) { v, out in out += number(v) }
    }

    static func picks(_ picks: [Pick], _ out: inout String) {
        list(picks, &out) { p, out in
            out += "{"
            field("stage", p.stage, &out)
            out += ","
            key("tool", &out)
            if let tool = p.tool { JSONString.append(tool, to: &out) } else { out += "null" }
            out += "}"
        }
    }

    static func list<T>(_ items: [T], _ out: inout String, _ item: (T, inout String) -> Void) {
        out += "["
        for (i, x) in items.enumerated() {
            if i > 0 { out += "," }
            item(x, &out)
        }
        out += "]"
    }

    private func key(_ name: String, _ out: inout String) { Self.key(name, &out) }
    private func numbers(_ values: [Double], _ out: inout String) { Self.numbers(values, &out) }
    private func picks(_ picks: [Pick], _ out: inout String) { Self.picks(picks, &out) }
    private func list<T>(_ items: [T], _ out: inout String, _ item: (T, inout String) -> Void) { Self.list(items, &out, item) }

    /// JSON text that cannot close or comment out the script element it sits in. The characters replaced can
    /// only occur inside strings, where `\uXXXX` means the same character.
    static func scriptSafe(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
