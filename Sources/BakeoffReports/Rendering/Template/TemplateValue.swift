/// A view-model value as a template sees it: the view structs are reflected once into this tree, so rendering
/// looks names up in dictionaries of concrete values instead of casting `Any` on every lookup.
enum TemplateValue: Sendable {
    case text(String)
    case flag(Bool)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// Any other scalar (an enum, another numeric type), as `String(describing:)` prints it.
    case other(String)

    /// The text a `{{variable}}` prints. Lists and objects print nothing: a template names their fields.
    var rendered: String {
        switch self {
        case .text(let text): return text
        case .flag(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return String(describing: number)
        case .other(let text): return text
        case .list, .object: return ""
        }
    }

    /// The named field of an object; nothing for other values.
    func field(_ name: Substring) -> TemplateValue? {
        if case .object(let fields) = self { return fields[String(name)] }
        return nil
    }

    /// Reflects a view model once: stored properties by name, a nil optional is absent (so a lookup climbs to
    /// the enclosing context, as Mustache does for a missing name), arrays become lists.
    static func reflect(_ value: Any) -> TemplateValue? {
        switch value {
        case let text as String: return .text(text)
        case let flag as Bool: return .flag(flag)
        case let number as Int: return .int(number)
        case let number as Double: return .double(number)
        case let value as TemplateValue: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return nil }
            return reflect(wrapped)
        case .collection, .set:
            return .list(mirror.children.compactMap { reflect($0.value) })
        case .dictionary:
            var fields: [String: TemplateValue] = [:]
            for pair in mirror.children {
                let entry = Mirror(reflecting: pair.value).children.map(\.value)
                guard entry.count == 2, let key = entry[0] as? String, let inner = reflect(entry[1]) else { continue }
                fields[key] = inner
            }
            return .object(fields)
        case .struct, .class, .tuple:
            var fields: [String: TemplateValue] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let inner = reflect(child.value) else { continue }
                fields[label] = inner
            }
            return .object(fields)
        default:
            return .other(String(describing: value))
        }
    }
}
