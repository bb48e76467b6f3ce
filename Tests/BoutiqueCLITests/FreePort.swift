import BoutiqueCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TCP ports on 127.0.0.1 for tests: a free one, or one held open to simulate a port in use.
enum FreePort {
    struct Listener {
        let descriptor: Int32
        let port: Int
        func close() { _ = Glibc.close(descriptor) }
    }

    static func listen() throws -> Listener {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 1) == 0 else {
            _ = Glibc.close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Listener(descriptor: descriptor, port: Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port that was free a moment ago (the kernel's choice), released for the server to take.
    static func pick() throws -> Int {
        let listener = try listen()
        listener.close()
        return listener.port
    }
}
