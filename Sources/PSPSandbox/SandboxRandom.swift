import BoutiqueCore
/// Unguessable values from the system's CSPRNG (`SystemRandomNumberGenerator` reads
/// `getrandom`/`arc4random`): tokens are capabilities for the hosted page.
enum SandboxRandom {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// 24 letters and digits: about 143 bits.
    static func token() -> String {
        string(length: 24)
    }

    static func identifier(prefix: String) -> String {
        prefix + string(length: 20)
    }

    static func string(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The "SMS" code: six digits.
    static func smsCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in Character(String(generator.next(upperBound: UInt64(10)))) })
    }
}
