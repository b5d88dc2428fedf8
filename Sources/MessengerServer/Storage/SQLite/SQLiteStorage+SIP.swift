import SQLiteNIO

extension SQLiteStorage: SIPCredentialStore {
    public func setSIPDigest(_ credential: SIPDigestCredential?, for username: String) async throws {
        try await transaction { db in
            try await Self.requireAccount(username, in: db)
            _ = try await db.query(
                "UPDATE accounts SET sip_realm = ?, sip_ha1_md5 = ?, sip_ha1_sha256 = ? WHERE username = ?",
                [
                    .optionalText(credential?.realm), .optionalText(credential?.md5),
                    .optionalText(credential?.sha256), .text(username),
                ]
            )
        }
    }

    public func sipDigest(for username: String) async throws -> SIPDigestCredential? {
        try await exclusive { db in
            let rows = try await db.query(
                "SELECT sip_realm, sip_ha1_md5, sip_ha1_sha256 FROM accounts WHERE username = ?", [.text(username)])
            guard let row = rows.first, let realm = try row.optionalText("sip_realm"),
                let md5 = try row.optionalText("sip_ha1_md5"), let sha256 = try row.optionalText("sip_ha1_sha256")
            else { return nil }
            return SIPDigestCredential(realm: realm, md5: md5, sha256: sha256)
        }
    }
}
