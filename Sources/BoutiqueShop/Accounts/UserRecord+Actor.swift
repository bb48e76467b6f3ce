import BoutiqueCore

extension UserRecord {
    /// The acting user for the use cases, from `address`.
    public func actor(from address: String = "local") -> AccountActor {
        AccountActor(id: id, role: role, tenantID: tenantID, email: email, address: address)
    }
}
