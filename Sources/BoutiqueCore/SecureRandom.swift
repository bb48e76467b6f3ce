#if canImport(Glibc)
import Glibc
#endif

/// Unpredictable bytes for secrets and identifiers.
///
/// On Linux, glibc's `arc4random_buf`: a per-thread ChaCha20 stream reseeded from `getrandom`, so
/// mostly without a system call. `SystemRandomNumberGenerator` makes one `getrandom` call per
/// eight bytes, and `UInt8.random(in:)` one per byte (a 32-byte token was 32 system calls).
public enum SecureRandom {
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        if let base = buffer.baseAddress { arc4random_buf(base, buffer.count) }
        #else
        var generator = SystemRandomNumberGenerator()
        for index in buffer.indices { buffer[index] = generator.next() }
        #endif
    }

    public static func bytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }
}
