import Foundation

/// Whether an address lies under the merchant's registered site: same scheme, host and port, and
/// a path inside the site's path. Compared on parsed components, never as text: a prefix test
/// would let `https://shop.example.evil.test/` or `https://shop.example@evil.test/` through.
enum SandboxReturnURL {
    /// An absolute http(s) address with a host, without user information, query or fragment.
    static func isBase(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), components.user == nil, components.password == nil,
              components.query == nil, components.fragment == nil else { return false }
        return origin(components) != nil
    }

    static func url(_ text: String, isUnder base: String) -> Bool {
        guard let candidate = URLComponents(string: text), let site = URLComponents(string: base),
              candidate.user == nil, candidate.password == nil,
              let candidateOrigin = origin(candidate), let siteOrigin = origin(site), candidateOrigin == siteOrigin
        else { return false }
        let sitePath = site.percentEncodedPath.hasSuffix("/") ? site.percentEncodedPath : site.percentEncodedPath + "/"
        let path = candidate.percentEncodedPath.isEmpty ? "/" : candidate.percentEncodedPath
        // "..": a path that climbs out of the site's folder is not under it.
        guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "%2e%2e" || $0 == "%2E%2E" }) else { return false }
        return path.hasPrefix(sitePath) || path + "/" == sitePath
    }

    private static func origin(_ components: URLComponents) -> String? {
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }
}
