extension InMemoryStorage: PrivateStore {
    public func privateData(of username: String, namespace: String, name: String) -> String? {
        accounts[username]?.privateData[PrivateDataKey(namespace: namespace, name: name)]
    }

    public func setPrivateData(_ xml: String?, of username: String, namespace: String, name: String) throws {
        let key = PrivateDataKey(namespace: namespace, name: name)
        guard let xml else {
            accounts[username]?.privateData[key] = nil
            return
        }
        try updateAccount(username) { account in
            try PrivateStoreQuota.check(
                xml, isNew: account.privateData[key] == nil, storedCount: account.privateData.count)
            account.privateData[key] = xml
        }
    }
}
