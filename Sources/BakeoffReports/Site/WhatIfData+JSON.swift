import BakeoffModel
import BakeoffScoring

extension WhatIfData {
    /// Compact JSON, safe inside `<script type="application/json">`: fields in the order below, numbers at full
    /// precision (the shortest text that reads back as the same double, so the browser ranks the very numbers
    /// Swift ranked), and `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX` so no text (`</script>`, `<!--`)
    /// can end the element.
    public func json() -> String {
        let document = JSONValue.ordered([
            "format": .string("bakeoff-whatif"),
            "version": .integer(Self.version),
            "criteria": .array(criteria.map { .ordered(["id": .string($0.id), "title": .string($0.title)]) }),
            "recommended": .ordered([
                "profile": .string(recommended.profile),
                "weights": Self.numbers(recommended.weights),
                "winners": Self.picks(recommended.winners),
                "stack": recommended.stack.map(Self.picks) ?? .null,
            ]),
            "profiles": .array(profiles.map { p in
                .ordered(["id": .string(p.id), "title": .string(p.title), "weights": Self.numbers(p.weights), "evaluation": .integer(p.board)])
            }),
            "evaluations": .array(evaluations.map { .array($0.map(Self.stage)) }),
        ])
        return Self.scriptSafe(document.rendered(.compact))
    }

    static func stage(_ s: Stage) -> JSONValue {
        var members = [
            JSONValue.Member("id", .string(s.id)), .init("title", .string(s.title)), .init("href", .string(s.href)),
            .init("measured", .array(s.measured.map { .integer($0) })),
        ] + candidates(s.candidates)
        if let unmeasured = s.unmeasured { members.append(.init("unmeasured", .members(candidates(unmeasured)))) }
        return .members(members)
    }

    /// The candidates' fields: `tools`, `scores`, `upper` and `eligible` when given, `excluded`.
    static func candidates(_ c: Candidates) -> [JSONValue.Member] {
        func matrix(_ rows: [[Double?]]) -> JSONValue { .array(rows.map { .array($0.map(JSONValue.optional)) }) }
        var members = [
            JSONValue.Member("tools", .array(c.tools.map { .ordered(["id": .string($0.id), "name": .string($0.name)]) })),
            .init("scores", matrix(c.scores)),
        ]
        if let upper = c.upper { members.append(.init("upper", matrix(upper))) }
        if let eligible = c.eligible { members.append(.init("eligible", .array(eligible.map { .bool($0) }))) }
        members.append(.init("excluded", .array(c.excluded.map { .ordered(["id": .string($0.id), "name": .string($0.name), "why": .string($0.why)]) })))
        return members
    }

    static func numbers(_ values: [Double]) -> JSONValue { .array(values.map { .number($0) }) }

    static func picks(_ picks: [Pick]) -> JSONValue {
        .array(picks.map { .ordered(["stage": .string($0.stage), "tool": .optional($0.tool)]) })
    }

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
