import Foundation

/// The 10,000 most common passwords (`Resources/common-passwords.txt`, lower-cased; its README
/// names the source): a password found there is the first an attacker tries.
enum CommonPasswords {
    /// Read once, on first use: about 80 kB.
    static let list: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            // A build without the resource is broken; refusing every password would lock everyone out.
            preconditionFailure("Resources/common-passwords.txt is missing from the BoutiqueShop bundle")
        }
        return Set(text.split(whereSeparator: \.isNewline).map(String.init))
    }()

    /// Case-insensitive: « Password » is as common as « password ».
    static func contains(_ password: String) -> Bool {
        list.contains(password.lowercased())
    }
}
