import Foundation

/// The reverse proxies whose `X-Forwarded-For` the shop believes (`BOUTIQUE_TRUSTED_PROXIES`).
///
/// Behind nginx every connection comes from nginx: the client is then the right-most address of
/// `X-Forwarded-For` that is not itself a trusted proxy. The addresses to its left were written by
/// the client and prove nothing, and a peer that is not trusted cannot name another client at all.
public struct TrustedProxies: Sendable, Equatable {
    let networks: [IPNetwork]

    /// `127.0.0.1,::1`: nginx on the same host.
    public static let loopback = TrustedProxies(networks: [IPNetwork("127.0.0.1"), IPNetwork("::1")].compactMap { $0 })
    /// No proxy: the socket's peer is always the client.
    public static let none = TrustedProxies(networks: [])

    init(networks: [IPNetwork]) { self.networks = networks }

    /// Comma-separated addresses or CIDR blocks (`127.0.0.1,::1`, `10.0.0.0/8, fd00::/8`); an empty
    /// text trusts no proxy.
    public init(parsing text: String) throws(InvalidProxyEntry) {
        var networks: [IPNetwork] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let network = IPNetwork(entry) else { throw InvalidProxyEntry(entry: entry) }
            networks.append(network)
        }
        self.networks = networks
    }

    func trusts(_ address: IPAddress) -> Bool { networks.contains { $0.contains(address) } }

    /// The client's address: the peer, unless the peer is a trusted proxy; then the right-most hop of
    /// `forwardedFor` (every `X-Forwarded-For` line, in order) that is not a trusted proxy.
    public func client(peer: String, forwardedFor: [String]) -> String {
        guard let peerAddress = IPAddress(peer), trusts(peerAddress) else { return peer }
        var client = peer
        for hop in forwardedFor.flatMap({ $0.split(separator: ",") }).reversed() {
            // A malformed hop was not written by a proxy we trust: stop at the last good one.
            guard let address = IPAddress(hop) else { break }
            client = hop.trimmingCharacters(in: .whitespaces)
            if !trusts(address) { break }
        }
        return client
    }
}

/// A `BOUTIQUE_TRUSTED_PROXIES` entry that is neither an IP address nor a CIDR block.
public struct InvalidProxyEntry: Error, Sendable {
    public let entry: String
}
