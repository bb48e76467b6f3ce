#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An IP address as its 4 or 16 bytes, parsed by the system's `inet_pton`. An IPv4-mapped IPv6
/// address (`::ffff:10.0.0.1`, how a dual-stack socket reports an IPv4 peer) is its IPv4 address,
/// so that one list of proxies matches either form.
struct IPAddress: Hashable, Sendable {
    let bytes: [UInt8]

    init?(_ text: some StringProtocol) {
        var text = String(text).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty, text.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let all = withUnsafeBytes(of: &v6) { Array($0) }
        let isMapped = all[0..<10].allSatisfy { $0 == 0 } && all[10] == 0xff && all[11] == 0xff
        bytes = isMapped ? Array(all[12...]) : all
    }
}
