import BoutiqueCore
/// A counting semaphore for async code: at most `count` holders at once, the others wait in order.
///
/// `TestEngine` holds one slot per open test database. Swift Testing starts every test case at
/// once, and each database brings its event loop, files and sockets (about six descriptors for
/// SQLite, more with a PostgreSQL pool): with two hundred open together the process passed 1,700
/// descriptors, and Foundation's `Process.run()` on Linux then crashes now and then — it copies
/// each `/proc/self/fd` entry's whole 256-byte `d_name` and reads past glibc's buffer once the
/// listing fills it (about 1,360 entries; swift-corelibs-foundation #5472). Fewer databases at
/// once also means less waiting on the machine's two cores for the tests that time things.
public actor DatabaseSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(_ count: Int) { free = count }

    public func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    public func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
