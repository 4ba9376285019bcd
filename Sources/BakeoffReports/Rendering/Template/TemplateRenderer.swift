/// Renders parsed templates against a view model encoded into `TemplateValue`s. Pure; a partial is looked up among the set's
/// templates (the set refuses missing and self-including partials when it loads).
struct TemplateRenderer {
    let templates: [String: Template]

    func render(_ name: String, _ value: TemplateValue) -> String {
        guard let template = templates[name] else { return "" }
        var stack = [value]
        var out = ""
        render(template.nodes, stack: &stack, escaping: template.escapesHTML, indentation: nil, into: &out)
        return out
    }

    private func render(
        _ nodes: [Template.Node], stack: inout [TemplateValue], escaping: Bool, indentation: String?, into out: inout String
    ) {
        var escaping = escaping
        guard let indentation, !indentation.isEmpty else {
            for node in nodes { render(node, stack: &stack, escaping: &escaping, indentation: indentation, into: &out) }
            return
        }
        // Inside an indented partial: each piece that starts a new line starts with the partial's indentation.
        var local = ""
        for node in nodes {
            var piece = ""
            render(node, stack: &stack, escaping: &escaping, indentation: indentation, into: &piece)
            if !piece.isEmpty, local.last == "\n" { local += indentation }
            local += piece
        }
        out += local
    }

    private func render(
        _ node: Template.Node, stack: inout [TemplateValue], escaping: inout Bool, indentation: String?, into out: inout String
    ) {
        switch node {
        case .text(let text):
            out += text
        case .variable(let name, let escaped):
            guard let value = lookup(name, stack) else { return }
            let text = value.rendered
            if escaped && escaping { Markup.append(text, to: &out) } else { out += text }
        case .section(let name, let inverted, let inner):
            let value = lookup(name, stack)
            if inverted {
                switch value {
                case .list(let items) where items.isEmpty:
                    stack.append(value!)
                    render(inner, stack: &stack, escaping: escaping, indentation: indentation, into: &out)
                    stack.removeLast()
                case .flag(false), nil:
                    render(inner, stack: &stack, escaping: escaping, indentation: indentation, into: &out)
                default:
                    return
                }
                return
            }
            switch value {
            case nil, .flag(false):
                return
            case .flag(true):
                render(inner, stack: &stack, escaping: escaping, indentation: indentation, into: &out)
            case .list(let items):
                for item in items {
                    stack.append(item)
                    render(inner, stack: &stack, escaping: escaping, indentation: indentation, into: &out)
                    stack.removeLast()
                }
            case .some(let value):
                stack.append(value)
                render(inner, stack: &stack, escaping: escaping, indentation: indentation, into: &out)
                stack.removeLast()
            }
        case .partial(let name, let indented):
            guard let template = templates[name] else { return }
            let inner = indented.map { (indentation ?? "") + $0 } ?? indentation
            render(template.nodes, stack: &stack, escaping: escaping, indentation: inner, into: &out)
        case .escaping(let on):
            escaping = on
        }
    }

    /// `.` is the current value; `.a.b` starts from it; `a.b` finds `a` on the nearest value up the stack that
    /// has it, then descends without climbing again.
    private func lookup(_ name: Template.Name, _ stack: [TemplateValue]) -> TemplateValue? {
        if name.isCurrent { return stack.last }
        var parts = name.parts[...]
        guard let first = parts.popFirst() else { return stack.last }
        var value: TemplateValue?
        if name.anchored {
            value = stack.last?.field(first)
        } else {
            for candidate in stack.reversed() {
                if let found = candidate.field(first) { value = found; break }
            }
        }
        for part in parts { value = value?.field(part) }
        return value
    }
}
