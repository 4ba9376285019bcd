import Dispatch

/// A value made the first time it is read, by whichever thread reads it first, and kept: the others wait for it.
final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = DispatchQueue(label: "bakeoff.once")
    // Guarded by `lock`.
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    init(value: Value) { made = value }

    var value: Value {
        lock.sync {
            if let made { return made }
            let value = make!()
            made = value
            make = nil
            return value
        }
    }
}
