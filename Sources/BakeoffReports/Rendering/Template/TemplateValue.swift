/// A view-model value as a template sees it: a view is encoded once into this tree (`TemplateEncoding`), so
/// rendering looks names up in dictionaries of concrete values instead of casting `Any` on every lookup.
enum TemplateValue: Sendable {
    case text(String)
    case flag(Bool)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// Any other scalar (another numeric type), as `String(describing:)` prints it.
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
}
