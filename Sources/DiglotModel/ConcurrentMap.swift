import Foundation

/// `map` over an array on all cores, keeping the order.
package enum ConcurrentMap {
    package static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        // Deinitialized before it is freed: the results it holds are released (a buffer freed without
        // it leaked every page of every rebuild in `diglot serve`).
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let box = UncheckedBox(results)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(1, (items.count + workers * 8 - 1) / (workers * 8))
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = c * chunk
            let upper = min(items.count, lower + chunk)
            for i in lower..<upper { box.value[i] = transform(items[i]) }
        }
        return results.map { $0! }
    }

    private final class UncheckedBox<V>: @unchecked Sendable {
        let value: V
        init(_ value: V) { self.value = value }
    }
}
