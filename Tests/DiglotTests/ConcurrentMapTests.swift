@testable import DiglotModel
import Foundation
import XCTest

/// The fork and join of `ConcurrentMap.inBackground` and `ConcurrentMap.Future`, which the build uses
/// to check the output while it lists the content, to choose what is kept while it plans, and to move
/// files in while it encodes its caches.
final class ConcurrentMapTests: XCTestCase {
    /// A flag set from another thread.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var set = false
        func raise() { lock.withLock { set = true } }
        var isRaised: Bool { lock.withLock { set } }
    }

    func testTheBackgroundRunsWhileTheForegroundDoes() {
        // Each side hears from the other before it returns: run one after the other (either first),
        // the first to run would wait in vain (5 s) for the other.
        let toForeground = DispatchSemaphore(value: 0), toBackground = DispatchSemaphore(value: 0)
        let (background, foreground) = ConcurrentMap.inBackground({ () -> Bool in
            toForeground.signal()
            return toBackground.wait(timeout: .now() + 5) == .success
        }, while: { () -> Bool in
            let heard = toForeground.wait(timeout: .now() + 5) == .success
            toBackground.signal()
            return heard
        })
        XCTAssertTrue(background, "the background did not hear from the foreground: the two did not run at once")
        XCTAssertTrue(foreground, "the foreground did not hear from the background: the two did not run at once")
    }

    func testAForegroundThatThrowsStillWaitsForTheBackground() {
        struct Stop: Error {}
        let done = Flag()
        XCTAssertThrowsError(try ConcurrentMap.inBackground({ () -> Int in
            Thread.sleep(forTimeInterval: 0.2)
            done.raise()
            return 1
        }, while: { () -> Int in throw Stop() })) { XCTAssertTrue($0 is Stop) }
        XCTAssertTrue(done.isRaised, "the background ran on past the call that threw")
    }

    func testAFutureLeftUnreadIsWaitedForWhenReleased() {
        let done = Flag()
        do {
            _ = ConcurrentMap.Future { () -> Int in
                Thread.sleep(forTimeInterval: 0.2)
                done.raise()
                return 1
            }
        }
        XCTAssertTrue(done.isRaised, "the future's work ran on past its release")
        let future = ConcurrentMap.Future { "value" }
        XCTAssertEqual(future.value, "value")
        XCTAssertEqual(future.value, "value", "read twice")
    }

    func testAFutureWhoseBlockNoThreadTakesIsWorkedOutByTheThreadThatAsks() {
        // A queue that runs nothing, as a pool with no free thread would (one core, or every thread
        // waiting): the value is still there at once, worked out by the reader (helper-47: a build on
        // one core waited a second for each future).
        let stalled = DispatchQueue(label: "stalled")
        stalled.suspend()
        let asked = DispatchSemaphore(value: 0), answer = Flag()
        Thread.detachNewThread {
            let future = ConcurrentMap.Future(on: stalled) { 41 + 1 }
            if future.value == 42 { answer.raise() }
            asked.signal()
        }
        XCTAssertEqual(asked.wait(timeout: .now() + 5), .success, "the reader waited for a thread that never came")
        XCTAssertTrue(answer.isRaised)
        stalled.resume()  // the queued block then finds the work done, and does nothing
    }
}
