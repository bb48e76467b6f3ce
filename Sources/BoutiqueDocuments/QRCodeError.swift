/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data does not fit in a version-40 symbol at this level.
    case dataTooLong(byteCount: Int, level: QRErrorCorrection, maximumBytes: Int)

    public var description: String {
        switch self {
        case let .dataTooLong(byteCount, level, maximumBytes):
            "Données trop longues pour un QR code : \(byteCount) octets, au plus \(maximumBytes) "
                + "au niveau de correction \(level.letter)."
        }
    }
}
