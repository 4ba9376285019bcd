import Dispatch

/// Independent pieces of work spread over the machine's cores.
public enum Parallel {
    /// `body(0) … body(count - 1)`, run concurrently, the results in index order: the outcome never depends
    /// on which piece finishes first.
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: count) { i in out[i] = body(i) }
        return results.map { $0! }
    }
}
