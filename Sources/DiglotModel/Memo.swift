import Foundation

/// A thread-safe cache of a pure function's results, for lookups that go through Foundation's locale
/// data (CLDR names, directions, date formats): thousands of instructions a call, asked once per view
/// of every page with the same few arguments.
package final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private let compute: @Sendable (Key) -> Value

    package init(_ compute: @escaping @Sendable (Key) -> Value) {
        self.compute = compute
    }

    package subscript(key: Key) -> Value {
        lock.lock()
        if let value = values[key] { lock.unlock(); return value }
        lock.unlock()
        let value = compute(key)
        lock.lock()
        values[key] = value
        lock.unlock()
        return value
    }
}
