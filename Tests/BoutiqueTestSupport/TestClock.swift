import BoutiqueCore
import Foundation
import Synchronization

/// A clock tests move by hand.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0.addTimeInterval(seconds) } }

    /// A `now` closure for the code under test.
    public var function: @Sendable () -> Date { { [self] in self.now } }
}
