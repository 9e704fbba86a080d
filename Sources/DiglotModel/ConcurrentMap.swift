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

    /// `background` on another thread while `foreground` runs on this one (a fork and its join: both
    /// have returned when this returns or throws). For two stages of a build that need nothing of each
    /// other, such as the check of the output (a `stat` of every file it holds) and the content's listing.
    package static func inBackground<A: Sendable, B>(_ background: @escaping @Sendable () -> A, while foreground: () throws -> B) rethrows -> (A, B) {
        let future = Future(background)
        let value = try foreground()  // on a throw, `future` is released, which waits for `background`
        return (future.value, value)
    }

    /// A value worked out on another thread from the moment this is made: `value` waits for it, and so
    /// does the release of the last reference (a throw that leaves it unread still waits), so that
    /// nothing runs on past the scope that made it. The work is run once, by whichever comes first:
    /// the queued block, or `value` (or the release) on the thread that asks, when no thread has taken
    /// the block yet. A caller on one core, or on a pool whose threads are all busy (Swift
    /// concurrency's, for the CLI), so never waits for a thread to be made for it (libdispatch takes
    /// about a second to add one). `work` must not wait for the thread that made it.
    package final class Future<Value: Sendable> {
        private let slot: Slot<Value>
        private var joined = false

        package init(on queue: DispatchQueue = .global(), _ work: @escaping @Sendable () -> Value) {
            let slot = Slot(work)
            self.slot = slot
            queue.async { slot.run() }
        }

        /// The value, once `work` has returned (the semaphore orders its write before this read).
        package var value: Value {
            join()
            return slot.value!
        }

        private func join() {
            guard !joined else { return }
            if !slot.run() { slot.done.wait() }
            joined = true
        }

        deinit {
            join()
            slot.value = nil  // not kept until the queued block runs (a block that finds the work done leaves the value alone)
        }
    }

    private final class Slot<V>: @unchecked Sendable {
        private let lock = NSLock()
        private var work: (@Sendable () -> V)?
        var value: V?
        let done = DispatchSemaphore(value: 0)

        init(_ work: @escaping @Sendable () -> V) { self.work = work }

        /// Runs the work if no thread has yet, and says whether this call did.
        @discardableResult
        func run() -> Bool {
            guard let work = lock.withLock({ () -> (@Sendable () -> V)? in defer { self.work = nil }; return self.work }) else { return false }
            value = work()
            done.signal()
            return true
        }
    }

    private final class UncheckedBox<V>: @unchecked Sendable {
        let value: V
        init(_ value: V) { self.value = value }
    }
}
