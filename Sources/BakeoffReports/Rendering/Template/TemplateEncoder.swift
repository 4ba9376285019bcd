/// Turns an `Encodable` view model into a `TemplateValue` through its synthesized `encode(to:)`: stored
/// properties by name, nil optionals absent, arrays as lists. (Reflecting with `Mirror` instead, field by
/// field, was most of the cost of rendering a page.)
enum TemplateEncoding {
    static func value(of view: any Encodable) -> TemplateValue? {
        let slot = Slot()
        do {
            try view.encode(to: SlotEncoder(slot: slot))
        } catch {
            return nil
        }
        return slot.value
    }

    /// One value being written: a scalar, an object or a list whose members are slots of their own.
    final class Slot {
        enum Content {
            case empty
            case scalar(TemplateValue)
            case object([(String, Slot)])
            case list([Slot])
        }
        var content = Content.empty

        var value: TemplateValue? {
            switch content {
            case .empty: return nil
            case .scalar(let value): return value
            case .object(let fields):
                var out: [String: TemplateValue] = [:]
                out.reserveCapacity(fields.count)
                for (key, slot) in fields { if let value = slot.value { out[key] = value } }
                return .object(out)
            case .list(let items): return .list(items.compactMap(\.value))
            }
        }

        func field(_ key: String) -> Slot {
            let slot = Slot()
            if case .object(var fields) = content {
                content = .empty
                fields.append((key, slot))
                content = .object(fields)
            } else {
                content = .object([(key, slot)])
            }
            return slot
        }

        func item() -> Slot {
            let slot = Slot()
            if case .list(var items) = content {
                content = .empty
                items.append(slot)
                content = .list(items)
            } else {
                content = .list([slot])
            }
            return slot
        }

        func set(_ value: TemplateValue) { content = .scalar(value) }

        func set<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws {
            switch value {
            case let text as String: set(.text(text))
            case let flag as Bool: set(.flag(flag))
            case let number as Int: set(.int(number))
            case let number as Double: set(.double(number))
            default: try value.encode(to: SlotEncoder(slot: self, codingPath: codingPath))
            }
        }
    }

    struct SlotEncoder: Encoder {
        let slot: Slot
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .empty = slot.content { slot.content = .object([]) }
            return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .empty = slot.content { slot.content = .list([]) }
            return Unkeyed(slot: slot, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [CodingKey]

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try slot.field(key.stringValue).set(value, codingPath: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            let inner = slot.field(key.stringValue)
            inner.content = .object([])
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: inner, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let inner = slot.field(key.stringValue)
            inner.content = .list([])
            return Unkeyed(slot: inner, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> Encoder { SlotEncoder(slot: slot.field("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> Encoder { SlotEncoder(slot: slot.field(key.stringValue), codingPath: codingPath) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey]
        var count: Int {
            if case .list(let items) = slot.content { return items.count }
            return 0
        }

        mutating func encodeNil() throws { _ = slot.item() }  // an empty slot: left out of the list
        mutating func encode<T: Encodable>(_ value: T) throws { try slot.item().set(value, codingPath: codingPath) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let inner = slot.item()
            inner.content = .object([])
            return KeyedEncodingContainer(Keyed<NestedKey>(slot: inner, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let inner = slot.item()
            inner.content = .list([])
            return Unkeyed(slot: inner, codingPath: codingPath)
        }
        mutating func superEncoder() -> Encoder { SlotEncoder(slot: slot.item(), codingPath: codingPath) }
    }

    /// A scalar; any other numeric type prints as `String(describing:)`.
    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [CodingKey]

        mutating func encodeNil() throws { slot.content = .empty }
        mutating func encode(_ value: Bool) throws { slot.set(.flag(value)) }
        mutating func encode(_ value: String) throws { slot.set(.text(value)) }
        mutating func encode(_ value: Double) throws { slot.set(.double(value)) }
        mutating func encode(_ value: Float) throws { slot.set(.other(String(describing: value))) }
        mutating func encode(_ value: Int) throws { slot.set(.int(value)) }
        mutating func encode(_ value: Int8) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: Int16) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: Int32) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: Int64) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: UInt) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: UInt8) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: UInt16) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: UInt32) throws { slot.set(.other(String(value))) }
        mutating func encode(_ value: UInt64) throws { slot.set(.other(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { try slot.set(value, codingPath: codingPath) }
    }
}
